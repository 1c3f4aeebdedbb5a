import type { TokenEntry } from '../config/token-cache.js';
import type { ProviderId } from '../environments.js';
import { ApiError } from '../errors.js';
import type { HttpResponse } from '../http/client.js';
import { providerName } from './api-errors.js';

/**
 * A token answer as a cache entry. `expires_in` may be a number (Solaris, finAPI) or a string (Soldo's "7200");
 * anything else is a broken answer, reported with the provider's name.
 */
export function tokenEntryFrom(provider: ProviderId, res: HttpResponse, now: number): TokenEntry {
  let body: Record<string, unknown>;
  try {
    body = res.json<Record<string, unknown>>();
  } catch {
    throw brokenAnswer(provider, 'it is not JSON');
  }
  if (typeof body.access_token !== 'string' || body.access_token === '') throw brokenAnswer(provider, 'it has no access_token');
  const expiresIn = Number(body.expires_in);
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) throw brokenAnswer(provider, `expires_in is ${JSON.stringify(body.expires_in)}`);
  const entry: TokenEntry = {
    access_token: body.access_token,
    token_type: typeof body.token_type === 'string' ? body.token_type : 'bearer',
    expires_at: now + expiresIn * 1000,
    obtained_at: now,
  };
  if (typeof body.scope === 'string') entry.scope = body.scope;
  if (typeof body.refresh_token === 'string' && body.refresh_token !== '') entry.refresh_token = body.refresh_token;
  return entry;
}

function brokenAnswer(provider: ProviderId, why: string): ApiError {
  return new ApiError(`${providerName(provider)}'s token answer cannot be used: ${why}.`, {
    code: 'invalid_response',
    provider,
    hint: 'Run again with --verbose to see the answer.',
  });
}

export function formBody(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) params.append(name, value);
  return params.toString();
}

/** Exactly this header value: Solaris' community mock rejects a `; charset=` parameter. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
