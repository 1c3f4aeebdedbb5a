import type { Credentials } from '../config/credentials.js';
import { type TokenEntry, type TokenKey, TokenCache } from '../config/token-cache.js';
import type { ProviderId } from '../environments.js';
import { AuthError } from '../errors.js';
import type { HttpRequest } from '../http/client.js';
import type { RunContext } from '../run-context.js';
import { errorFromResponse } from './api-errors.js';
import { requireBaseUrl, runCredentials } from './credentials.js';
import { finapiTokenRequest } from './finapi/auth.js';
import { tokenEntryFrom } from './oauth.js';
import { solarisTokenRequest } from './solaris/auth.js';
import { soldoTokenRequest } from './soldo/auth.js';

export interface TokenOptions {
  /** Ask for a new token even when a cached one is still good. */
  fresh?: boolean;
  /** finAPI user: a password-grant token for that user instead of the client token. */
  user?: string;
  /** finAPI user's password; without it a cached refresh token is used. */
  password?: string;
  /** Already loaded for this run (saves reading the config twice). */
  credentials?: Credentials;
}

export interface ObtainedToken {
  entry: TokenEntry;
  cached: boolean;
  key: TokenKey;
}

/** A usable access token: from the cache while it lives, otherwise from the provider (one fetch across processes). */
export async function obtainToken(cx: RunContext, provider: ProviderId, options: TokenOptions = {}): Promise<ObtainedToken> {
  const credentials = options.credentials ?? (await runCredentials(cx, provider));
  const key: TokenKey = {
    profile: cx.globals.profile,
    environment: cx.globals.environment,
    provider,
    client_id: await credentials.require('client_id'),
    ...(options.user === undefined ? {} : { user: options.user }),
  };
  const cache = new TokenCache(cx.configDir, cx.now);
  const { entry, cached } = await cache.getOrFetch(key, () => fetchToken(cx, credentials, key, cache, options), { fresh: options.fresh === true });
  return { entry, cached, key };
}

async function fetchToken(cx: RunContext, credentials: Credentials, key: TokenKey, cache: TokenCache, options: TokenOptions): Promise<TokenEntry> {
  const clientId = key.client_id;
  const clientSecret = await credentials.require('client_secret');
  const http = await cx.http();
  const send = async (request: HttpRequest): Promise<TokenEntry> => {
    const res = await http.send(request);
    if (res.status < 200 || res.status > 299) throw errorFromResponse(key.provider, 'the token request', res, { credentials: true });
    return tokenEntryFrom(key.provider, res, cx.now());
  };
  switch (key.provider) {
    case 'solaris':
      return send(solarisTokenRequest(requireBaseUrl(credentials, 'auth_url'), clientId, clientSecret));
    case 'soldo':
      return send(soldoTokenRequest(requireBaseUrl(credentials, 'api_url'), clientId, clientSecret));
    case 'finapi': {
      const apiUrl = requireBaseUrl(credentials, 'api_url');
      if (key.user === undefined) return send(finapiTokenRequest(apiUrl, clientId, clientSecret, { type: 'client_credentials' }));
      if (options.password !== undefined) {
        return send(finapiTokenRequest(apiUrl, clientId, clientSecret, { type: 'password', username: key.user, password: options.password }));
      }
      const refreshToken = await cache.getRefreshToken(key);
      if (refreshToken === undefined) throw passwordNeeded(key.user);
      const entry = await send(finapiTokenRequest(apiUrl, clientId, clientSecret, { type: 'refresh_token', refreshToken })).catch((error: unknown) => {
        throw error instanceof AuthError ? passwordNeeded(key.user ?? '', 'its refresh token was refused') : error;
      });
      // finAPI may rotate the refresh token or not send one; keep the old one in that case.
      return { ...entry, refresh_token: entry.refresh_token ?? refreshToken };
    }
  }
}

function passwordNeeded(user: string, why = 'no refresh token is cached for it'): AuthError {
  return new AuthError(`A password is needed for finAPI user "${user}": ${why}.`, {
    code: 'password_required',
    provider: 'finapi',
    hint: `Pipe it in: printf %s "$PASSWORD" | fintech-cli auth token finapi --user ${user} --password-stdin`,
  });
}
