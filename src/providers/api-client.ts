import { randomUUID } from 'node:crypto';
import { TokenCache } from '../config/token-cache.js';
import type { ProviderId, UrlKind } from '../environments.js';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import type { RunContext } from '../run-context.js';
import { errorFromResponse } from './api-errors.js';
import { requireBaseUrl, runCredentials } from './credentials.js';
import { obtainToken } from './tokens.js';

export interface ApiCall {
  method: string;
  /** Which base URL: `api_url` (default), or finAPI's `process_url` / `giroident_url`. */
  service?: UrlKind;
  /** Path below the base URL, starting with `/`, query string included if any. */
  path: string;
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  headers?: Record<string, string>;
  /** finAPI: call with this user's token instead of the client's. */
  user?: string;
  /** What the call does, for error messages: "Solaris answered 404 to <what>". */
  what: string;
  /** Statuses the caller handles itself instead of getting an ApiError. */
  accept?: readonly number[];
}

/**
 * One authenticated provider call: the cached token as `Authorization: Bearer`, a fresh `X-Request-Id` for finAPI,
 * and on 401 the token is dropped, a new one fetched and the call retried once (never more).
 */
export async function callApi(cx: RunContext, provider: ProviderId, call: ApiCall): Promise<HttpResponse> {
  const credentials = await runCredentials(cx, provider);
  const url = `${requireBaseUrl(credentials, call.service ?? 'api_url')}${call.path}`;
  const http = await cx.http();
  const send = async (fresh: boolean) => {
    const token = await obtainToken(cx, provider, { fresh, user: call.user, credentials });
    const res = await http.send(authorizedRequest(provider, call, url, token.entry.access_token));
    return { res, token };
  };
  let { res, token } = await send(false);
  if (res.status === 401) {
    await new TokenCache(cx.configDir, cx.now).delete(token.key);
    ({ res, token } = await send(true));
  }
  if ((res.status < 200 || res.status > 299) && !call.accept?.includes(res.status)) {
    throw errorFromResponse(provider, call.what, res, { credentials: res.status === 401 });
  }
  return res;
}

function authorizedRequest(provider: ProviderId, call: ApiCall, url: string, accessToken: string): HttpRequest {
  const headers: Record<string, string> = { Accept: 'application/json', ...call.headers, Authorization: `Bearer ${accessToken}` };
  if (provider === 'finapi') headers['X-Request-Id'] ??= randomUUID();
  let body: string | undefined;
  if (call.json !== undefined) {
    body = JSON.stringify(call.json);
    headers['Content-Type'] ??= 'application/json';
  }
  return {
    method: call.method,
    url,
    headers,
    body,
    secrets: [{ value: accessToken, envVar: `FINTECH_CLI_${provider.toUpperCase()}_TOKEN` }],
  };
}
