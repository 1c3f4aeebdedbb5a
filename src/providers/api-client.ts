import { randomUUID } from 'node:crypto';
import type { Credentials } from '../config/credentials.js';
import { headerValue, withHeaders } from '../core/headers.js';
import { TokenCache } from '../config/token-cache.js';
import type { ProviderId, UrlKind } from '../environments.js';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import type { RunContext } from '../run-context.js';
import { errorFromResponse } from './api-errors.js';
import { requireBaseUrl, runCredentials } from './credentials.js';
import { signSoldoRequest } from './soldo/sign-request.js';
import { obtainToken } from './tokens.js';

export interface ApiCall {
  method: string;
  /** Which base URL: `api_url` (default), or finAPI's `process_url` / `giroident_url`. */
  service?: UrlKind;
  /** Path below the base URL, starting with `/`, query string included if any. */
  path: string;
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** The body exactly as sent, instead of `json`; its Content-Type goes in `headers`. */
  body?: string | Uint8Array;
  /** Replace the computed headers of the same name (whatever their case), Authorization included. */
  headers?: Record<string, string>;
  /** finAPI: call with this user's token instead of the client's. */
  user?: string;
  /** What the call does, for error messages: "Solaris answered 404 to <what>". */
  what: string;
  /** Statuses the caller handles itself instead of getting an ApiError; `'any'`: every answer is returned. */
  accept?: readonly number[] | 'any';
  /**
   * Soldo: add `X-Soldo-Fingerprint` and `X-Soldo-Fingerprint-Signature` when the operation has a fingerprint order
   * (filling in a missing `request_timestamp` the order needs), with the fingerprint token and key of the run.
   */
  sign?: boolean;
  /** Send it again after a failure even though it is not safe to repeat (`request --retry-unsafe`). */
  retryUnsafe?: boolean;
  /** The most answer bytes to read (default: the HTTP client's, 1 MB). */
  maxBodyBytes?: number;
}

/** A call with its URL, body and any signature settled; only the access token is still to come. */
export interface PreparedCall {
  readonly url: string;
  /** The request to send with this token; each has its own finAPI `X-Request-Id`. */
  authorize(accessToken: string): HttpRequest;
  /** The `request_timestamp` a Soldo signature covers, if any (Soldo refuses it 5 s later). */
  readonly requestTimestamp?: string;
}

/**
 * One authenticated provider call: the cached token as `Authorization: Bearer`, a fresh `X-Request-Id` for finAPI.
 * A 401 drops the refused token; the call is sent once more, with a new token, only when the refused one came from
 * the cache (it may have been revoked or expired early). A token fetched in this run and refused is reported at
 * once: sending again would only double a write. So is a 401 to the caller's own Authorization header: no token of
 * ours was refused.
 */
export async function callApi(cx: RunContext, provider: ProviderId, call: ApiCall): Promise<HttpResponse> {
  const credentials = await runCredentials(cx, provider);
  const prepared = await prepareApiCall(cx, credentials, call);
  const http = await cx.http();
  const send = async (fresh: boolean) => {
    const token = await obtainToken(cx, provider, { fresh, user: call.user, credentials });
    const res = await http.send(prepared.authorize(token.entry.access_token));
    return { res, token };
  };
  let { res, token } = await send(false);
  if (res.status === 401 && headerValue(call.headers ?? {}, 'authorization') === undefined) {
    // Keep a refresh token (finAPI users): the retry renews with it instead of asking for the password.
    const cache = new TokenCache(cx.configDir, cx.now);
    if (token.entry.refresh_token === undefined) await cache.delete(token.key);
    else await cache.put(token.key, { ...token.entry, expires_at: cx.now() });
    if (token.cached) ({ res, token } = await send(true));
  }
  const accepted = call.accept === 'any' || call.accept?.includes(res.status) === true;
  if ((res.status < 200 || res.status > 299) && !accepted) {
    throw errorFromResponse(provider, call.what, res, { credentials: res.status === 401, method: call.method });
  }
  return res;
}

/** Builds the call without sending anything, so `--curl` and `--dry-run` show exactly what `callApi` would send. */
export async function prepareApiCall(cx: RunContext, credentials: Credentials, call: ApiCall): Promise<PreparedCall> {
  const provider = credentials.provider;
  const url = `${requireBaseUrl(credentials, call.service ?? 'api_url')}${call.path}`;
  // What the CLI computes; the caller's headers replace any of the same name, whatever its case (see `authorize`).
  const computed: Record<string, string> = { Accept: 'application/json' };
  let body = call.body;
  if (call.json !== undefined) {
    body = JSON.stringify(call.json);
    computed['Content-Type'] = 'application/json';
  }
  let requestTimestamp: string | undefined;
  if (call.sign === true && provider === 'soldo') {
    const contentType = headerValue({ ...computed, ...call.headers }, 'content-type');
    // The fingerprint covers the body's text; bytes left unchanged by signing are sent as given.
    const text = body === undefined || typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    const signed = await signSoldoRequest(credentials, { method: call.method, path: call.path, body: text, contentType }, cx.now());
    if (signed !== undefined) {
      if (signed.body !== text) body = signed.body;
      if (contentType === undefined && signed.contentType !== undefined) computed['Content-Type'] = signed.contentType;
      Object.assign(computed, signed.headers);
      requestTimestamp = signed.requestTimestamp;
    }
  }
  return {
    url,
    requestTimestamp,
    authorize(accessToken) {
      const own: Record<string, string> = { ...computed, Authorization: `Bearer ${accessToken}` };
      if (provider === 'finapi') own['X-Request-Id'] = randomUUID();
      return {
        method: call.method,
        url,
        headers: withHeaders(own, call.headers ?? {}),
        body,
        secrets: [{ value: accessToken, envVar: tokenVariable(provider) }],
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
