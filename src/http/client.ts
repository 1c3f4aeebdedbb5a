/**
 * The one HTTP client every provider call goes through: timeouts, bounded retries with jittered backoff,
 * proxies from the CLI's environment, typed network errors and a redacted `--verbose` trace.
 * Non-2xx answers are returned, not thrown: the provider layer knows how to read its errors.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { Buffer } from 'node:buffer';
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import type { Env } from '../context.js';
import { createRedactor, type Redactor } from '../core/redact.js';
import { ApiError, CliError, NetworkError, UsageError } from '../errors.js';
import { decodeUtf8 } from './curl.js';

/** A secret sent with a request: redacted in traces, replaced by `"$envVar"` in `--curl`. */
export interface SecretRef {
  value: string;
  envVar: string;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** Sent byte for byte; the Content-Type header is the caller's alone. */
  body?: string | Uint8Array;
  /** The client builds the `Authorization: Basic` header from it. */
  basicAuth?: { username: string; password: string };
  /** Whether a retry is safe. Default: true for GET/HEAD/OPTIONS/PUT/DELETE; token requests pass true. */
  idempotent?: boolean;
  secrets?: readonly SecretRef[];
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
  url: string;
  attempts: number;
  text(): string;
  json<T = unknown>(): T;
}

export interface HttpClientOptions {
  /** Proxy variables are read from here, never from process.env. */
  env: Env;
  /** `fintech-cli/<version>` */
  userAgent: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** Cap for the backoff and for Retry-After. */
  maxRetryDelayMs?: number;
  /** Used as given (tests: MockAgent); no proxy agent is built then. */
  dispatcher?: Dispatcher;
  /** `--verbose` sink: one line per call. */
  trace?: (line: string) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  signal?: AbortSignal;
}

export interface HttpClient {
  send(req: HttpRequest): Promise<HttpResponse>;
  /** Closes the connections the client opened, so the process can exit at once. */
  close(): Promise<void>;
}

export type NetworkErrorCode = 'connection_refused' | 'dns' | 'tls' | 'timeout' | 'connection_reset' | 'network_error';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;
const BACKOFF_BASE_MS = 250;
const TRACE_BODY_LIMIT = 4096;
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES) + 1;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  const trace = options.trace;
  const signal = options.signal;

  // Secrets stay known for the client's life: a later answer may echo one an earlier request carried.
  const knownSecrets = new Set<string>();
  let ownAgent: Dispatcher | undefined;
  const dispatcher = (): Dispatcher => options.dispatcher ?? (ownAgent ??= createProxyAgent(options.env, timeoutMs));

  async function send(req: HttpRequest): Promise<HttpResponse> {
    const method = req.method.toUpperCase();
    const url = parseUrl(req.url);
    const headers = requestHeaders(req, options.userAgent);
    const redactor = redactorFor(req, headers, knownSecrets);
    const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(method);
    const agent = dispatcher();

    if (trace !== undefined) traceRequest(trace, redactor, method, req.url, headers, req.body);
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw interrupted(url, signal.reason);
      const started = now();
      const deadline = AbortSignal.timeout(timeoutMs);
      let waitMs: number;
      let reason: string;
      try {
        const response = await exchange(agent, method, req, headers, deadline, signal, attempt);
        if (trace !== undefined) traceResponse(trace, redactor, response, now() - started);
        if (!RETRYABLE_STATUSES.has(response.status) || !idempotent || attempt === maxAttempts) return response;
        waitMs = Math.min(retryAfterMs(response.headers['retry-after'], now()) ?? backoffMs(attempt), maxRetryDelayMs);
        reason = String(response.status);
      } catch (error) {
        if (signal?.aborted) throw interrupted(url, error);
        const failure = classifyFailure(error, deadline.aborted);
        if (failure === undefined) throw error;
        trace?.(`< ${failure.code}: ${failure.detail} (${now() - started} ms)`);
        const retryable = failure.transient && (idempotent || !failure.mayHaveBeenSent);
        if (!retryable || attempt === maxAttempts) {
          throw networkError(failure, { method, url, attempts: attempt, idempotent, timeoutMs, redactor }, error);
        }
        waitMs = backoffMs(attempt);
        reason = failure.code;
      }
      trace?.(`retrying in ${waitMs} ms (${reason}, attempt ${attempt + 1} of ${maxAttempts})`);
      await pause(waitMs, url);
    }
  }

  /** Full jitter: spreads retries of many clients evenly instead of in synchronized waves. */
  function backoffMs(attempt: number): number {
    return Math.round(random() * Math.min(maxRetryDelayMs, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
  }

  async function pause(ms: number, url: URL): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch (error) {
      if (signal?.aborted) throw interrupted(url, error);
      throw error;
    }
  }

  return {
    send,
    async close() {
      await ownAgent?.close();
    },
  };
}

/**
 * Undici's own defaults are 300 s; ours apply to connect, headers and body. Proxy settings come from the
 * CLI's env: undici would otherwise fall back to process.env for any option left undefined.
 */
function createProxyAgent(env: Env, timeoutMs: number): Dispatcher {
  const proxy = (lower: string, upper: string): string => normalizeProxyUrl(env[lower] ?? env[upper] ?? '', upper);
  return new EnvHttpProxyAgent({
    httpProxy: proxy('http_proxy', 'HTTP_PROXY'),
    httpsProxy: proxy('https_proxy', 'HTTPS_PROXY'),
    noProxy: env['no_proxy'] ?? env['NO_PROXY'] ?? '',
    // Plain-HTTP targets go to the proxy as absolute-URI requests, as curl does, instead of through CONNECT.
    proxyTunnel: false,
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}

/** `proxy.corp:3128` is common in the wild and means http://; undici would reject it. */
function normalizeProxyUrl(value: string, variable: string): string {
  if (value === '') return '';
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  if (!URL.canParse(url)) {
    throw new UsageError(`${variable} is not a valid proxy URL`, { hint: `set it like http://proxy.example:3128, or unset it` });
  }
  return url;
}

function parseUrl(raw: string): URL {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`not an http(s) URL: ${raw}`, { code: 'invalid_url' });
  }
  return url;
}

function requestHeaders(req: HttpRequest, userAgent: string): Record<string, string> {
  const headers = { ...req.headers };
  if (headerValue(headers, 'user-agent') === undefined) headers['user-agent'] = userAgent;
  if (req.basicAuth !== undefined) {
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
    headers['authorization'] = `Basic ${basicCredentials(req.basicAuth)}`;
  }
  return headers;
}

function basicCredentials({ username, password }: { username: string; password: string }): string {
  return Buffer.from(`${username}:${password}`).toString('base64');
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

function redactorFor(req: HttpRequest, headers: Record<string, string>, knownSecrets: Set<string>): Redactor {
  for (const secret of req.secrets ?? []) knownSecrets.add(secret.value);
  if (req.basicAuth !== undefined) {
    knownSecrets.add(req.basicAuth.password).add(basicCredentials(req.basicAuth));
  }
  // The credential of a caller-set Authorization header, in case the caller did not list it as a secret.
  const credential = headerValue(headers, 'authorization')?.replace(/^\S+\s+/, '');
  if (credential !== undefined) knownSecrets.add(credential);
  return createRedactor([...knownSecrets]);
}

/** One attempt, bounded by its own deadline as well as undici's timeouts (which tick in ~1 s steps). */
async function exchange(
  dispatcher: Dispatcher,
  method: string,
  req: HttpRequest,
  headers: Record<string, string>,
  deadline: AbortSignal,
  cancel: AbortSignal | undefined,
  attempt: number,
): Promise<HttpResponse> {
  const signal = cancel === undefined ? deadline : AbortSignal.any([cancel, deadline]);
  const answer = await request(req.url, {
    method: method as Dispatcher.HttpMethod,
    headers,
    body: req.body,
    dispatcher,
    signal,
  });
  const body = Buffer.from(await answer.body.arrayBuffer());
  return createResponse(answer.statusCode, flattenHeaders(answer.headers), body, req.url, attempt);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function createResponse(status: number, headers: Record<string, string>, body: Buffer, url: string, attempts: number): HttpResponse {
  return {
    status,
    headers,
    body,
    url,
    attempts,
    text: () => body.toString('utf8'),
    json<T>(): T {
      try {
        return JSON.parse(body.toString('utf8')) as T;
      } catch (error) {
        const type = headers['content-type']?.split(';')[0]?.trim();
        const what = body.length === 0 ? 'an empty body' : `${body.length} bytes${type ? ` of ${type}` : ''}`;
        throw new ApiError(`${new URL(url).host} answered ${status} with a body that is not JSON (${what})`, {
          code: 'invalid_response',
          status,
          hint: 'Run again with --verbose to see the answer as received.',
          cause: error,
        });
      }
    },
  };
}

/** Seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

interface Failure {
  code: NetworkErrorCode;
  /** Worth another attempt: the same request may well succeed a moment later. */
  transient: boolean;
  /** The server may have received the request (and acted on it) before the failure. */
  mayHaveBeenSent: boolean;
  /** The system or undici error code, for the trace. */
  detail: string;
}

type FailureKind = Omit<Failure, 'detail'>;
const refused: FailureKind = { code: 'connection_refused', transient: true, mayHaveBeenSent: false };
const timeoutAfterSend: FailureKind = { code: 'timeout', transient: true, mayHaveBeenSent: true };
const reset: FailureKind = { code: 'connection_reset', transient: true, mayHaveBeenSent: true };
const unreachable: FailureKind = { code: 'network_error', transient: true, mayHaveBeenSent: false };

const failureKinds: Record<string, FailureKind> = {
  ECONNREFUSED: refused,
  EAI_AGAIN: { code: 'dns', transient: true, mayHaveBeenSent: false },
  ENOTFOUND: { code: 'dns', transient: false, mayHaveBeenSent: false },
  UND_ERR_CONNECT_TIMEOUT: { code: 'timeout', transient: true, mayHaveBeenSent: false },
  UND_ERR_HEADERS_TIMEOUT: timeoutAfterSend,
  UND_ERR_BODY_TIMEOUT: timeoutAfterSend,
  ETIMEDOUT: timeoutAfterSend,
  ECONNRESET: reset,
  EPIPE: reset,
  // undici's "other side closed": the socket ended before the whole answer arrived.
  UND_ERR_SOCKET: reset,
  ENETUNREACH: unreachable,
  EHOSTUNREACH: unreachable,
  ENETDOWN: unreachable,
};

/** Node's TLS and OpenSSL codes: certificate problems and handshake failures. */
const TLS_CODE = /CERT|^ERR_TLS_|^ERR_SSL_|^EPROTO$/;

/** What went wrong on the wire, or undefined for an error that is not a network failure (a bug). */
function classifyFailure(error: unknown, deadlinePassed: boolean): Failure | undefined {
  if (deadlinePassed) return { ...timeoutAfterSend, detail: 'deadline' };
  const code = errorCode(error);
  if (code === undefined) return undefined;
  const kind = failureKinds[code];
  if (kind !== undefined) return { ...kind, detail: code };
  if (TLS_CODE.test(code)) return { code: 'tls', transient: false, mayHaveBeenSent: false, detail: code };
  return { code: 'network_error', transient: false, mayHaveBeenSent: true, detail: code };
}

/** Node reports happy-eyeballs failures as an AggregateError whose members carry the codes. */
function errorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  return errorCode(error.cause);
}

interface FailureContext {
  method: string;
  url: URL;
  attempts: number;
  idempotent: boolean;
  timeoutMs: number;
  redactor: Redactor;
}

function networkError(failure: Failure, ctx: FailureContext, cause: unknown): NetworkError {
  const { host, hostname } = ctx.url;
  const reason = cause instanceof Error ? ctx.redactor.text(cause.message) : failure.detail;
  const [what, hint] = ((): [string, string] => {
    switch (failure.code) {
      case 'connection_refused':
        return [
          `connection refused by ${host}`,
          isLoopback(hostname)
            ? 'nothing is listening there: start the server (for the emulator: `fintech-cli emulator`), or check the URL'
            : 'check the URL, your network and any proxy settings (HTTPS_PROXY, NO_PROXY)',
        ];
      case 'dns':
        return [`cannot resolve ${hostname} (${failure.detail})`, 'check the host name in the URL and your network connection'];
      case 'tls':
        return [
          `TLS connection to ${host} failed: ${reason}`,
          'if a corporate proxy or a private CA signs this certificate, point NODE_EXTRA_CA_CERTS at its PEM file',
        ];
      case 'timeout':
        return [`no answer from ${host} within ${ctx.timeoutMs} ms`, 'raise the limit with --timeout <ms>, or check your network'];
      case 'connection_reset':
        return [`connection to ${host} closed unexpectedly (${failure.detail})`, 'try again in a moment'];
      case 'network_error':
        return [`network error talking to ${host}: ${reason}`, 'check your network and any proxy settings'];
    }
  })();
  const after = ctx.attempts > 1 ? ` (after ${ctx.attempts} attempts)` : '';
  if (!ctx.idempotent && failure.mayHaveBeenSent) {
    return new NetworkError(`${what}${after}; the ${ctx.method} request may have been processed`, {
      code: failure.code,
      hint: `the server may have received it: check before retrying (${hint})`,
      cause,
    });
  }
  return new NetworkError(`${what}${after}`, { code: failure.code, hint, cause });
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
}

function interrupted(url: URL, cause: unknown): CliError {
  return new CliError('interrupted', `interrupted while talking to ${url.host}`, { cause });
}

function traceRequest(
  trace: (line: string) => void,
  redactor: Redactor,
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
): void {
  trace(`> ${method} ${redactor.text(url)}`);
  traceHeadersAndBody(trace, '>', redactor, headers, body);
}

function traceResponse(trace: (line: string) => void, redactor: Redactor, response: HttpResponse, elapsedMs: number): void {
  trace(`< ${response.status} (${elapsedMs} ms)`);
  traceHeadersAndBody(trace, '<', redactor, response.headers, response.body);
}

function traceHeadersAndBody(
  trace: (line: string) => void,
  direction: '>' | '<',
  redactor: Redactor,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
): void {
  for (const [name, value] of Object.entries(redactor.headers(headers))) trace(`${direction} ${name}: ${value}`);
  if (body === undefined || body.length === 0) return;
  const text = typeof body === 'string' ? body : decodeUtf8(body);
  if (text === undefined) {
    trace(`[${body.length} bytes of binary data]`);
    return;
  }
  // Redact before truncating: a cut could leave the start of a secret that no longer matches.
  const shown = redactor.body(headerValue(headers, 'content-type'), text);
  const clipped = shown.length > TRACE_BODY_LIMIT ? `${shown.slice(0, TRACE_BODY_LIMIT)}… [${shown.length - TRACE_BODY_LIMIT} more characters]` : shown;
  for (const line of clipped.split('\n')) trace(line);
}
