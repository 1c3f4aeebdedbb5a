import type { Credentials } from '../config/load-credentials.js';
import { headerValue, replacedHeaders, withHeaders } from '../core/headers.js';
import type { ProviderId, UrlKind } from '../environments.js';
import type { HttpRequest, HttpResponse, SecretRef } from '../http/client.js';
import { acceptedAnswer } from './api-errors.js';
import { requireBaseUrl } from './base-url.js';
import { descriptors } from './descriptors.js';
import type { SessionRun } from './session-run.js';
import { obtainToken, tokenCache } from './tokens.js';

export interface ApiCall {
  method: string;
  /** Which base URL: `api_url` (default), or finAPI's `process_url` / `giroident_url`. */
  service?: UrlKind;
  /** Path below the base URL, starting with `/`, query string included if any. */
  path: string;
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** The body exactly as sent, instead of `json`. */
  body?: string | Uint8Array;
  /** The Content-Type the caller chose for `body`: computed, so a user's header in `headers` replaces it. */
  contentType?: string;
  /** Replace the computed headers of the same name (whatever their case), Authorization included. */
  headers?: Record<string, string>;
  /** finAPI: call with this user's token instead of the client's. */
  user?: string;
  /**
   * Authorise the call otherwise than with a token of the run's cache: with a token obtained elsewhere, sent as given
   * (nothing to renew it with, so no 401 retry), or not at all (finAPI's Process Controller takes the client
   * credentials in the body).
   */
  auth?: { accessToken: string } | 'none';
  /** The call carries the client credentials itself: a 401 (or OAuth's invalid_client) means they were refused (exit 4). */
  carriesClientCredentials?: boolean;
  /** Values besides the token to keep out of `--verbose` and `--curl`: a client secret in the body, a process token in the path. */
  secrets?: readonly SecretRef[];
  /** What the call does, for error messages: "Solaris answered 404 to <what>". */
  what: string;
  /** Statuses the caller handles itself instead of getting an ApiError; `'any'`: every answer is returned. */
  accept?: readonly number[] | 'any';
  /**
   * Sign the call when the provider signs requests and its operation asks for it: Soldo's `X-Soldo-Fingerprint` and
   * `X-Soldo-Fingerprint-Signature` (filling in a missing `request_timestamp` the order needs), with the run's
   * fingerprint token and key.
   */
  sign?: boolean;
  /** The signature rule's variant where the provider's sources disagree (`request soldo --order-source`). */
  signingVariant?: string;
  /** Send it again after a failure even though it is not safe to repeat (`request --retry-unsafe`). */
  retryUnsafe?: boolean;
  /** The most answer bytes to read (default: the HTTP client's, 1 MB). */
  maxBodyBytes?: number;
}

/** A call with its URL, body and any signature settled; only the access token is still to come. */
export interface PreparedCall {
  readonly url: string;
  /** The request to send with this token, or with none; each has the provider's per-request headers afresh. */
  authorize(accessToken?: string): HttpRequest;
  /** The `request_timestamp` a Soldo signature covers, if any (Soldo refuses it 5 s later). */
  readonly requestTimestamp?: string;
}

/**
 * One provider call, the only path API calls take: the cached token as `Authorization: Bearer` (unless the call says
 * otherwise), the provider's own headers, any signature. A 401 drops the refused token; the call is sent once more,
 * with a new token, only when the refused one came from the cache (it may have been revoked or expired early). A
 * token fetched in this run and refused is reported at once: sending again would only double a write. So is a 401 to
 * the caller's own Authorization header, or to a call not authorised by the cache: no token of ours was refused.
 */
export async function callApi(run: SessionRun, credentials: Credentials, call: ApiCall): Promise<HttpResponse> {
  const provider = credentials.provider;
  const prepared = await prepareApiCall(credentials, call, run.now());
  const http = await run.http();
  const answer = (res: HttpResponse, refusedCredentials: boolean) =>
    acceptedAnswer(provider, call.what, res, { accept: call.accept, credentials: refusedCredentials, method: call.method });
  if (call.auth !== undefined) {
    const res = await http.send(prepared.authorize(call.auth === 'none' ? undefined : call.auth.accessToken));
    return answer(res, call.carriesClientCredentials === true);
  }
  const send = async (fresh: boolean) => {
    const token = await obtainToken(run, credentials, { fresh, user: call.user });
    const res = await http.send(prepared.authorize(token.entry.access_token));
    return { res, token };
  };
  let { res, token } = await send(false);
  if (res.status === 401 && headerValue(call.headers ?? {}, 'authorization') === undefined) {
    // Keep a refresh token (finAPI users): the retry renews with it instead of asking for the password.
    const cache = tokenCache(run);
    if (token.entry.refresh_token === undefined) await cache.delete(token.key);
    else await cache.put(token.key, { ...token.entry, expires_at: run.now() });
    if (token.cached) ({ res, token } = await send(true));
  }
  return answer(res, res.status === 401);
}

/** Builds the call without sending anything, so `--curl` and `--dry-run` show exactly what `callApi` would send. */
export async function prepareApiCall(credentials: Credentials, call: ApiCall, now: number): Promise<PreparedCall> {
  const provider = credentials.provider;
  const { signing, requestHeaders } = descriptors[provider];
  const url = `${requireBaseUrl(credentials, call.service ?? 'api_url')}${call.path}`;
  // What the CLI computes; the caller's headers replace any of the same name, whatever its case (see `authorize`).
  const computed: Record<string, string> = { Accept: 'application/json' };
  if (call.contentType !== undefined) computed['Content-Type'] = call.contentType;
  let body = call.body;
  if (call.json !== undefined) {
    body = JSON.stringify(call.json);
    computed['Content-Type'] = 'application/json';
  }
  let requestTimestamp: string | undefined;
  if (call.sign === true && signing !== undefined) {
    const contentType = headerValue(withHeaders(computed, call.headers ?? {}), 'content-type');
    // The fingerprint covers the body's text; bytes left unchanged by signing are sent as given.
    const text = body === undefined || typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    const signed = await signing.sign(credentials, { method: call.method, path: call.path, body: text, contentType, variant: call.signingVariant }, now);
    if (signed !== undefined) {
      if (signed.body !== text) body = signed.body;
      if (headerValue(computed, 'content-type') === undefined && signed.contentType !== undefined) computed['Content-Type'] = signed.contentType;
      Object.assign(computed, signed.headers);
      requestTimestamp = signed.requestTimestamp;
    }
  }
  return {
    url,
    requestTimestamp,
    authorize(accessToken) {
      const own: Record<string, string> = { ...computed };
      const secrets = [...(call.secrets ?? [])];
      if (accessToken !== undefined) {
        own.Authorization = `Bearer ${accessToken}`;
        secrets.push({ value: accessToken, envVar: tokenVariable(provider) });
      }
      Object.assign(own, requestHeaders?.());
      const given = call.headers ?? {};
      return {
        method: call.method,
        url,
        headers: withHeaders(own, given),
        replacedHeaders: replacedHeaders(own, given),
        body,
        secrets,
        retryUnsafe: call.retryUnsafe,
        maxBodyBytes: call.maxBodyBytes,
      };
    },
  };
}

/** The variable `--curl` puts in place of the access token: `FINTECH_CLI_SOLARIS_TOKEN`. */
export function tokenVariable(provider: ProviderId): string {
  return `FINTECH_CLI_${provider.toUpperCase()}_TOKEN`;
}
