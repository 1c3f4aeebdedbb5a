import type { UrlKind } from '../../environments.js';
import type { ProviderSession } from '../../providers/session.js';

/**
 * Reads what a provider call needs (the client credentials, the base URLs) before a command starts its spinner, so a
 * local mistake such as a missing secret is reported alone, not after a spinner that suggested a request was on its way.
 */
export async function credentialsFirst(session: ProviderSession, urlKinds: readonly UrlKind[]): Promise<void> {
  const credentials = await session.credentials();
  await credentials.require('client_id');
  await credentials.require('client_secret');
  for (const kind of urlKinds) await session.baseUrl(kind);
}
