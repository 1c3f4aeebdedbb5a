import { randomUUID } from 'node:crypto';
import type { UrlKind } from '../../environments.js';
import { ApiError } from '../../errors.js';
import type { HttpResponse, SecretRef } from '../../http/client.js';
import type { RunContext } from '../../run-context.js';
import { callApi, type ApiCall } from '../api-client.js';
import { errorFromResponse } from '../api-errors.js';
import { requireBaseUrl, runCredentials } from '../credentials.js';
import { obtainToken } from '../tokens.js';

/** A finAPI call that the token cache does not authorise: the Process Controller's, or one with a token given as is. */
export interface FinapiRequest {
  method: string;
  /** The full URL (`baseUrl()` gives a service's base). */
  url: string;
  json?: unknown;
  /** Sent as `Authorization: Bearer` as given: nothing to refresh it with, so no 401 retry. */
  accessToken?: string;
  /** Values to keep out of `--verbose` (the client secret in a body, a process token in a path). */
  secrets?: readonly SecretRef[];
  /** What the call does, for error messages. */
  what: string;
  /** A 401 means the client credentials were refused (exit 4). */
  credentials?: boolean;
}

/** Sends with a fresh `X-Request-Id` (finAPI echoes it; errors quote it) and turns a non-2xx answer into the error to throw. */
export async function sendFinapi(cx: RunContext, request: FinapiRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Request-Id': randomUUID() };
  const secrets = [...(request.secrets ?? [])];
  if (request.accessToken !== undefined) {
    headers.Authorization = `Bearer ${request.accessToken}`;
    secrets.push({ value: request.accessToken, envVar: 'FINTECH_CLI_FINAPI_TOKEN' });
  }
  if (request.json !== undefined) headers['Content-Type'] = 'application/json';
  const http = await cx.http();
  const res = await http.send({
    method: request.method,
    url: request.url,
    headers,
    body: request.json === undefined ? undefined : JSON.stringify(request.json),
    secrets,
  });
  if (res.status < 200 || res.status > 299) throw errorFromResponse('finapi', request.what, res, { credentials: request.credentials, method: request.method });
  return res;
}

/** The base URL of a finAPI service in this run's environment, e.g. the Process Controller's. */
export async function baseUrl(cx: RunContext, service: UrlKind): Promise<string> {
  return requireBaseUrl(await runCredentials(cx, 'finapi'), service);
}

/**
 * Who a user-level call speaks for: an Access user (its cached token, refreshed with its refresh token, or a password
 * grant when a password is given), or an access token obtained elsewhere (a process token exchange).
 */
export type FinapiAuth = { user: string; password?: string } | { accessToken: string };

export type UserCall = Pick<ApiCall, 'method' | 'service' | 'path' | 'json' | 'what'>;

export async function callAs(cx: RunContext, auth: FinapiAuth, call: UserCall): Promise<HttpResponse> {
  if ('accessToken' in auth) {
    const url = `${await baseUrl(cx, call.service ?? 'api_url')}${call.path}`;
    return sendFinapi(cx, { method: call.method, url, json: call.json, accessToken: auth.accessToken, what: call.what });
  }
  // The password grant puts the user's token in the cache, where callApi finds it.
  if (auth.password !== undefined) await obtainToken(cx, 'finapi', { user: auth.user, password: auth.password });
  return callApi(cx, 'finapi', { ...call, user: auth.user });
}

/** A field of a finAPI answer that must be a non-empty string, or an error saying the answer cannot be used. */
export function stringField(record: unknown, name: string, what: string): string {
  const value = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[name] : undefined;
  if (typeof value === 'string' && value !== '') return value;
  throw new ApiError(`finAPI's answer to ${what} has no ${name}.`, { code: 'invalid_response', provider: 'finapi', hint: 'Run again with --verbose to see the answer.' });
}

/** A finAPI answer that must be a JSON object, or an error saying the answer cannot be used (never a crash on `null`). */
export function recordAnswer(res: HttpResponse, what: string): Record<string, unknown> {
  const body: unknown = res.json();
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new ApiError(`finAPI answered ${res.status} to ${what} with something other than a JSON object.`, {
    code: 'invalid_response',
    status: res.status,
    provider: 'finapi',
    hint: 'Run again with --verbose to see the answer.',
  });
}
