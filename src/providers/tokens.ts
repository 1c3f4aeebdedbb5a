import type { Credentials } from '../config/load-credentials.js';
import { secretHash, type TokenEntry, type TokenKey, TokenCache } from '../config/token-cache.js';
import type { ProviderId } from '../environments.js';
import { ApiError, type CliError } from '../errors.js';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import { acceptedAnswer, describeErrorBody } from './api-errors.js';
import { requireBaseUrl } from './base-url.js';
import { descriptors } from './descriptors.js';
import type { SessionRun } from './session-run.js';

export interface TokenOptions {
  /** Ask for a new token even when a cached one is still good. */
  fresh?: boolean;
  /** A user's token (the descriptor's `userTokens`) instead of the client's. */
  user?: string;
  /** The user's password (password grant); without it a cached refresh token is used. */
  password?: string;
}

export interface ObtainedToken {
  entry: TokenEntry;
  cached: boolean;
  key: TokenKey;
}

/** A usable access token: from the cache while it lives, otherwise from the provider (one fetch across processes). */
export async function obtainToken(run: SessionRun, credentials: Credentials, options: TokenOptions = {}): Promise<ObtainedToken> {
  const key = await tokenKeyOf(credentials, options.user);
  const cache = tokenCache(run);
  const { entry, cached } = await cache.getOrFetch(key, () => fetchToken(run, credentials, key, cache, options), {
    fresh: options.fresh === true,
    unwritable: (error) => warnOnce(run, `${error.message}: tokens are not cached in this run.`),
  });
  return { entry, cached, key };
}

export function tokenCache(run: SessionRun): TokenCache {
  return new TokenCache(run.configDir, run.now);
}

/** Runs that already warned: one warning a run, however many tokens it asks for. */
const warned = new WeakSet<SessionRun>();

function warnOnce(run: SessionRun, line: string): void {
  if (warned.has(run)) return;
  warned.add(run);
  run.io.warn(line);
}

/** Forgets the cached token (and refresh token) of the client, or of a user, e.g. once the user is deleted. */
export async function forgetToken(run: SessionRun, credentials: Credentials, user?: string): Promise<boolean> {
  return tokenCache(run).delete(await tokenKeyOf(credentials, user));
}

/** The secret is part of the key (hashed), so a changed secret is always tried rather than hidden by the cache. */
async function tokenKeyOf(credentials: Credentials, user: string | undefined): Promise<TokenKey> {
  const clientId = await credentials.require('client_id');
  const clientSecret = await credentials.require('client_secret');
  const tokenUrl = clientTokenRequest(credentials, clientId, clientSecret).url;
  return {
    profile: credentials.profile,
    environment: credentials.environment,
    provider: credentials.provider,
    token_url: tokenUrl,
    client_id: clientId,
    secret_hash: secretHash(tokenUrl, clientId, clientSecret, serviceUrls(credentials)),
    ...(user === undefined ? {} : { user }),
  };
}

/** Every base URL of the provider, as resolved for this run: a cached token is only sent where it was first sent. */
function serviceUrls(credentials: Credentials): string[] {
  return descriptors[credentials.provider].urlKinds.map((kind) => credentials.baseUrl(kind) ?? '');
}

/** The client's own token request (a user's goes to the same URL). */
function clientTokenRequest(credentials: Credentials, clientId: string, clientSecret: string): HttpRequest {
  const { token } = descriptors[credentials.provider];
  return token.request(requireBaseUrl(credentials, token.service), clientId, clientSecret);
}

async function fetchToken(run: SessionRun, credentials: Credentials, key: TokenKey, cache: TokenCache, options: TokenOptions): Promise<TokenEntry> {
  const clientId = key.client_id;
  const clientSecret = await credentials.require('client_secret');
  const http = await run.http();
  /** `userRefused`: what to throw on a 400 (finAPI's Access format) or OAuth's `invalid_grant`, where the client is fine but the user's password or refresh token is not. */
  const send = async (request: HttpRequest, userRefused?: (error: CliError) => CliError): Promise<TokenEntry> => {
    const res = await http.send(request);
    try {
      acceptedAnswer(key.provider, 'the token request', res, { credentials: true });
    } catch (error) {
      throw userRefused !== undefined && (res.status === 400 || describeErrorBody(res.body).code === 'invalid_grant') ? userRefused(error as CliError) : error;
    }
    return tokenEntryFrom(key.provider, res, run.now());
  };
  const user = key.user;
  const { token, userTokens } = descriptors[key.provider];
  if (user === undefined || userTokens === undefined) return send(clientTokenRequest(credentials, clientId, clientSecret));
  const url = requireBaseUrl(credentials, token.service);
  if (options.password !== undefined) {
    const grant = { type: 'password', username: user, password: options.password } as const;
    return send(userTokens.request(url, clientId, clientSecret, grant), (error) => userTokens.passwordRefused(user, error));
  }
  const refreshToken = await cache.getRefreshToken(key);
  if (refreshToken === undefined) throw userTokens.passwordNeeded(user);
  const entry = await send(userTokens.request(url, clientId, clientSecret, { type: 'refresh_token', refreshToken }), (error) =>
    userTokens.passwordNeeded(user, `its refresh token was refused (${error.message})`),
  );
  // finAPI may rotate the refresh token or not send one; keep the old one in that case.
  return { ...entry, refresh_token: entry.refresh_token ?? refreshToken };
}

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
  return new ApiError(`${descriptors[provider].name}'s token answer cannot be used: ${why}.`, {
    code: 'invalid_response',
    provider,
    hint: 'Run again with --verbose to see the answer.',
  });
}
