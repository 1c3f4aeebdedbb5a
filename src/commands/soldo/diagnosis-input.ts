import type { Credentials } from '../../config/load-credentials.js';
import type { ExplainInput } from '../../core/soldo/explain.js';
import type { FingerprintInput } from '../../core/soldo/fingerprint.js';
import { explainInputFor } from '../../providers/soldo/explain-input.js';
import type { OrderSource, SoldoOrder } from '../../providers/soldo/orders.js';
import type { RunContext } from '../../run-context.js';

/**
 * What the mistake search compares beyond the request: the tokens a buggy client might hash in place of the
 * fingerprint token (an access token given, those cached for this profile and environment, the client id and
 * secret) and the orders of Soldo's other sources. The cache is only read: no token is fetched to explain a mistake.
 */
export async function diagnosisInput(
  cx: RunContext,
  order: SoldoOrder,
  source: OrderSource,
  input: FingerprintInput,
  credentials: Credentials,
  accessToken: string | undefined,
): Promise<ExplainInput> {
  const [clientId, clientSecret, cached] = await Promise.all([
    credentials.get('client_id'),
    credentials.get('client_secret'),
    cachedAccessTokens(cx, credentials),
  ]);
  return explainInputFor(order, source, input, { accessTokens: [...(accessToken === undefined ? [] : [accessToken]), ...cached], clientId, clientSecret });
}

/** Expired ones too: the request being debugged may have been sent with a token that has since expired. */
async function cachedAccessTokens(cx: RunContext, credentials: Credentials): Promise<string[]> {
  const { TokenCache } = await import('../../config/token-cache.js');
  try {
    const entries = await new TokenCache(cx.configDir, cx.now).list();
    return entries
      .filter(({ key }) => key.provider === credentials.provider && key.profile === credentials.profile && key.environment === credentials.environment)
      .map(({ entry }) => entry.access_token);
  } catch {
    return []; // An unreadable cache only means fewer tokens to compare.
  }
}
