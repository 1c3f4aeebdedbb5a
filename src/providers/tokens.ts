import type { Credentials } from '../config/credentials.js';
import { secretHash, type TokenEntry, type TokenKey, TokenCache } from '../config/token-cache.js';
import { type ProviderId, urlKinds } from '../environments.js';
import { AuthError, type CliError } from '../errors.js';
import type { HttpRequest } from '../http/client.js';
import type { RunContext } from '../run-context.js';
import { describeErrorBody, errorFromResponse } from './api-errors.js';
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
  const key = await tokenKeyOf(cx, credentials, options.user);
  const cache = new TokenCache(cx.configDir, cx.now);
  const { entry, cached } = await cache.getOrFetch(key, () => fetchToken(cx, credentials, key, cache, options), {
    fresh: options.fresh === true,
    unwritable: (error) => warnOnce(cx, `${error.message}: tokens are not cached in this run.`),
  });
  return { entry, cached, key };
}

/** Runs that already warned: one warning a run, however many tokens it asks for. */
const warned = new WeakSet<RunContext>();

function warnOnce(cx: RunContext, line: string): void {
  if (warned.has(cx)) return;
  warned.add(cx);
  cx.io.warn(line);
}

/** Forgets the cached token (and refresh token) of the client, or of a finAPI user, e.g. once the user is deleted. */
export async function forgetToken(cx: RunContext, provider: ProviderId, options: { user?: string; credentials?: Credentials } = {}): Promise<boolean> {
  const credentials = options.credentials ?? (await runCredentials(cx, provider));
  return new TokenCache(cx.configDir, cx.now).delete(await tokenKeyOf(cx, credentials, options.user));
}

/** The secret is part of the key (hashed), so a changed secret is always tried rather than hidden by the cache. */
async function tokenKeyOf(cx: RunContext, credentials: Credentials, user: string | undefined): Promise<TokenKey> {
  const clientId = await credentials.require('client_id');
  const clientSecret = await credentials.require('client_secret');
  const tokenUrl = clientTokenRequest(credentials, clientId, clientSecret).url;
  return {
    profile: cx.globals.profile,
    environment: cx.globals.environment,
    provider: credentials.provider,
    token_url: tokenUrl,
    client_id: clientId,
    secret_hash: secretHash(tokenUrl, clientId, clientSecret, serviceUrls(credentials)),
    ...(user === undefined ? {} : { user }),
  };
}

/** Every base URL of the provider, as resolved for this run: a cached token is only sent where it was first sent. */
function serviceUrls(credentials: Credentials): string[] {
  return urlKinds[credentials.provider].map((kind) => credentials.baseUrl(kind) ?? '');
}

/** The client's own token request (finAPI users' go to the same URL). */
function clientTokenRequest(credentials: Credentials, clientId: string, clientSecret: string): HttpRequest {
  switch (credentials.provider) {
    case 'solaris':
      return solarisTokenRequest(requireBaseUrl(credentials, 'auth_url'), clientId, clientSecret);
    case 'soldo':
      return soldoTokenRequest(requireBaseUrl(credentials, 'api_url'), clientId, clientSecret);
    case 'finapi':
      return finapiTokenRequest(requireBaseUrl(credentials, 'api_url'), clientId, clientSecret, { type: 'client_credentials' });
  }
}

async function fetchToken(cx: RunContext, credentials: Credentials, key: TokenKey, cache: TokenCache, options: TokenOptions): Promise<TokenEntry> {
  const clientId = key.client_id;
  const clientSecret = await credentials.require('client_secret');
  const http = await cx.http();
  /** `userRefused`: what to throw on `invalid_grant`, where the client is fine but the user's password or refresh token is not. */
  const send = async (request: HttpRequest, userRefused?: (error: CliError) => CliError): Promise<TokenEntry> => {
    const res = await http.send(request);
    if (res.status < 200 || res.status > 299) {
      const error = errorFromResponse(key.provider, 'the token request', res, { credentials: true });
      throw userRefused !== undefined && describeErrorBody(res.body).code === 'invalid_grant' ? userRefused(error) : error;
    }
    return tokenEntryFrom(key.provider, res, cx.now());
  };
  const user = key.user;
  if (key.provider !== 'finapi' || user === undefined) return send(clientTokenRequest(credentials, clientId, clientSecret));
  const apiUrl = requireBaseUrl(credentials, 'api_url');
  if (options.password !== undefined) {
    const grant = { type: 'password', username: user, password: options.password } as const;
    return send(finapiTokenRequest(apiUrl, clientId, clientSecret, grant), (error) => userOrPasswordRefused(user, error));
  }
  const refreshToken = await cache.getRefreshToken(key);
  if (refreshToken === undefined) throw passwordNeeded(user);
  const entry = await send(finapiTokenRequest(apiUrl, clientId, clientSecret, { type: 'refresh_token', refreshToken }), (error) =>
    passwordNeeded(user, `its refresh token was refused (${error.message})`),
  );
  // finAPI may rotate the refresh token or not send one; keep the old one in that case.
  return { ...entry, refresh_token: entry.refresh_token ?? refreshToken };
}

/** finAPI does not say which: an unknown user and a wrong password both answer `invalid_grant` (exit 4 either way). */
function userOrPasswordRefused(user: string, error: CliError): AuthError {
  return new AuthError(error.message, {
    code: 'user_auth_failed',
    status: error.status,
    provider: 'finapi',
    hint: `finAPI user "${user}" does not exist or the password is wrong. Create the user with: fintech-cli finapi users create --id ${user} --password-stdin`,
  });
}

function passwordNeeded(user: string, why = 'no refresh token is cached for it'): AuthError {
  return new AuthError(`A password is needed for finAPI user "${user}": ${why}.`, {
    code: 'password_required',
    provider: 'finapi',
    hint: `Pipe it in: printf %s "$PASSWORD" | fintech-cli auth token finapi --user ${user} --password-stdin`,
  });
}
