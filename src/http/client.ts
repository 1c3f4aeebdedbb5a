/**
 * The one HTTP client every provider call goes through: one deadline for the whole command, bounded retries of
 * the requests that are safe to repeat, capped answer bodies, proxies from the CLI's environment, typed network
 * errors and a redacted `--verbose` trace. Non-2xx answers are returned, not thrown: the provider layer knows how to
 * read its errors.
 */
import { isLoopbackHostname } from '../core/loopback.js';
import { setTimeout as delay } from 'node:timers/promises';
import { Buffer } from 'node:buffer';
import { EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { Env } from '../core/env.js';
import { headerValue, withHeaders } from '../core/headers.js';
import { decodeUtf8 } from '../core/utf8.js';
import { createRedactor, type Redactor } from '../core/redact.js';
import { isSafeMethod, mayHaveBeenCarriedOut } from '../core/write-safety.js';
import { ApiError, CliError, NetworkError, UsageError } from '../errors.js';

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
  /**
   * Whether sending the request twice does no harm, so it is retried after a failure that may have reached the
   * server. Default: true for GET, HEAD and OPTIONS only (a PUT or DELETE may move money: Soldo's transfers are
   * PUTs); token requests pass true.
   */
  idempotent?: boolean;
  /** Retry it all the same (`request --retry-unsafe`); a failure still says it may have been carried out. */
  retryUnsafe?: boolean;
  /** The most answer bytes to read; more aborts the connection. Default: the client's `maxBodyBytes`. */
  maxBodyBytes?: number;
  /**
   * Long-running commands (a listener forwarding, a delivery loop) give each request the whole `timeoutMs` of its
   * own, instead of what remains of the command's.
   */
  ownDeadline?: boolean;
  secrets?: readonly SecretRef[];
  /** Headers the CLI computed and the user's own (`request -H`) replaced; the `--verbose` trace says so. */
  replacedHeaders?: readonly string[];
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
  /** The limit for all the network work of the command: its first request starts the clock. */
  timeoutMs?: number;
  maxRetries?: number;
  /** Cap for the backoff (a Retry-After is waited as asked, when it fits the deadline). */
  maxRetryDelayMs?: number;
  /** Default cap of an answer body (token and API answers). */
  maxBodyBytes?: number;
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
/** Token and API answers are small JSON documents; `request` raises this (`--max-body`). */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;
const BACKOFF_BASE_MS = 250;
const TRACE_BODY_LIMIT = 4096;
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

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
  /** When the command's network work must be done by: set by its first request. */
  let commandDeadline: number | undefined;

  async function send(req: HttpRequest): Promise<HttpResponse> {
    const method = req.method.toUpperCase();
    const url = parseUrl(req.url);
    const headers = requestHeaders(req, options.userAgent);
    const redactor = redactorFor(req, headers, knownSecrets);
    const idempotent = req.idempotent ?? isSafeMethod(method);
    const repeatable = idempotent || req.retryUnsafe === true;
    const maxBodyBytes = req.maxBodyBytes ?? options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const agent = dispatcher();
    const deadline = req.ownDeadline === true ? now() + timeoutMs : (commandDeadline ??= now() + timeoutMs);
    const failed = (failure: Failure, attempts: number, cause: unknown) =>
      networkError(failure, { method, url, attempts, idempotent, timeoutMs, redactor }, cause);
    /** Whether an earlier attempt may have reached the server: a Ctrl-C must then own up to it, for a write. */
    let reachedBefore = false;
    const stopped = (cause: unknown, inFlight = false) => interrupted(url, cause, (inFlight || reachedBefore) && !idempotent ? method : undefined);

    if (trace !== undefined) {
      for (const name of req.replacedHeaders ?? []) trace(`* your -H ${name} replaced the computed ${name}`);
      traceRequest(trace, redactor, method, req.url, headers, req.body);
    }
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw stopped(signal.reason);
      const started = now();
      const remaining = deadline - started;
      if (remaining <= 0) throw budgetSpent(method, url, timeoutMs);
      const attemptDeadline = AbortSignal.timeout(remaining);
      let waitMs: number;
      let reason: string;
      try {
        const response = await exchange(agent, method, url, req, headers, { deadline: attemptDeadline, cancel: signal, attempt, maxBodyBytes });
        if (trace !== undefined) traceResponse(trace, redactor, response, now() - started);
        if (!RETRYABLE_STATUSES.has(response.status) || !repeatable || attempt === maxAttempts) return response;
        const retryAfter = retryAfterMs(response.headers['retry-after'], now());
        waitMs = retryAfter ?? backoffMs(attempt);
        if (waitMs >= deadline - now()) {
          if (retryAfter === undefined) return response;
          throw retryAfterBeyondDeadline(url, response.status, retryAfter, timeoutMs);
        }
        reason = String(response.status);
        reachedBefore = true;
      } catch (error) {
        if (signal?.aborted) throw stopped(error, true);
        if (error instanceof CliError) throw error;
        if (refusedBeforeSending(error)) throw notSent(method, url, redactor, error);
        const failure = classifyFailure(error, attemptDeadline.aborted);
        if (failure === undefined) throw error;
        reachedBefore ||= failure.mayHaveBeenSent;
        trace?.(`< ${failure.code}: ${failure.detail} (${now() - started} ms)`);
        const retryable = failure.transient && (repeatable || !failure.mayHaveBeenSent);
        waitMs = backoffMs(attempt);
        if (!retryable || attempt === maxAttempts || waitMs >= deadline - now()) throw failed(failure, attempt, error);
        reason = failure.code;
      }
      trace?.(`retrying in ${waitMs} ms (${reason}, attempt ${attempt + 1} of ${maxAttempts})`);
      await pause(waitMs, stopped);
    }
  }

  /** Full jitter: spreads retries of many clients evenly instead of in synchronized waves. */
  function backoffMs(attempt: number): number {
    return Math.round(random() * Math.min(maxRetryDelayMs, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
  }

  async function pause(ms: number, stopped: (cause: unknown) => CliError): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch (error) {
      if (signal?.aborted) throw stopped(error);
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

/** The command's earlier requests (pages, retries) used all of `--timeout`. */
function budgetSpent(method: string, url: URL, timeoutMs: number): NetworkError {
  return new NetworkError(`the ${timeoutMs} ms --timeout ran out before the ${method} to ${url.host} could be sent`, {
    code: 'timeout',
    hint: 'raise --timeout <ms>: it bounds all the requests of the command together',
  });
}

/** A 429 or 503 whose Retry-After does not fit what is left of `--timeout`: waiting would only end in a timeout. */
function retryAfterBeyondDeadline(url: URL, status: number, retryAfterMs: number, timeoutMs: number): ApiError {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return new ApiError(`${url.host} answered ${status} and asked to retry after ${seconds} s, more than is left of the ${timeoutMs} ms --timeout`, {
    code: 'retry_after_too_long',
    status,
    hint: `send it again in ${seconds} s, or give --timeout more than ${retryAfterMs} ms to wait for it`,
  });
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
  if (req.basicAuth === undefined) return headers;
  return withHeaders(headers, { authorization: `Basic ${basicCredentials(req.basicAuth)}` });
}

function basicCredentials({ username, password }: { username: string; password: string }): string {
  return Buffer.from(`${username}:${password}`).toString('base64');
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

interface Attempt {
  /** What remains of the deadline, as a signal. */
  deadline: AbortSignal;
  /** Ctrl-C. */
  cancel: AbortSignal | undefined;
  attempt: number;
  maxBodyBytes: number;
}

/** One attempt, bounded by the deadline as well as undici's timeouts (which tick in ~1 s steps). */
async function exchange(
  dispatcher: Dispatcher,
  method: string,
  url: URL,
  req: HttpRequest,
  headers: Record<string, string>,
  { deadline, cancel, attempt, maxBodyBytes }: Attempt,
): Promise<HttpResponse> {
  const signal = cancel === undefined ? deadline : AbortSignal.any([cancel, deadline]);
  // The dispatcher's own `request` (undici's top-level `request` only picks a dispatcher first): the build then bundles
  // undici's agents and request API without its fetch, WebSocket, caches and mocks (scripts/build.mjs, `undiciClient`).
  const answer = await dispatcher.request({
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: method as Dispatcher.HttpMethod,
    headers,
    body: req.body,
    signal,
  });
  const tooLargeError = () => tooLarge(new URL(req.url), answer.statusCode, maxBodyBytes, req.maxBodyBytes !== undefined);
  const declared = Number(answer.headers['content-length']);
  if (declared > maxBodyBytes) {
    answer.body.destroy();
    throw tooLargeError();
  }
  const body = await readCapped(answer.body, maxBodyBytes, tooLargeError);
  return createResponse(answer.statusCode, flattenHeaders(answer.headers), body, req.url, attempt);
}

/**
 * The answer's bytes, up to `limit`: past it (or when Content-Length announces more) the body is destroyed, which
 * aborts the connection, so an endless answer costs at most `limit` bytes of memory.
 */
async function readCapped(body: Dispatcher.ResponseData['body'], limit: number, error: () => CliError): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw error();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(url: URL, status: number, limit: number, chosen: boolean): ApiError {
  return new ApiError(`${url.host} answered ${status} with a body larger than ${describeBytes(limit)}; stopped reading it`, {
    code: 'response_too_large',
    status,
    hint: chosen
      ? 'if the answer is meant to be that large, raise the limit with --max-body <bytes>'
      : 'an answer of this kind is never that large: check the URL and the server (run with --verbose to see the exchange)',
  });
}

/** `1 MB`, `64 MB`, `1500 bytes`: binary units, as they are usually meant. */
function describeBytes(bytes: number): string {
  for (const [unit, size] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['kB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
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

/**
 * OpenSSL's verdicts that the certificate chain leads to no CA this process trusts: an unknown or private CA (a
 * corporate TLS proxy), or a self-signed certificate. NODE_EXTRA_CA_CERTS is the fix when the CA is legitimate.
 */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_UNTRUSTED',
  'INVALID_CA',
]);

/** Node's TLS and OpenSSL codes: the other certificate problems (expired, another host's, revoked …) and handshake failures. */
const TLS_CODE = /CERT|CRL|^UNABLE_TO_|^ERROR_IN_|^INVALID_PURPOSE$|^PATH_LENGTH_EXCEEDED$|^HOSTNAME_MISMATCH$|^ERR_TLS_|^ERR_SSL_|^EPROTO$/;

/** What went wrong on the wire, or undefined for an error that is not a network failure (a bug). */
function classifyFailure(error: unknown, deadlinePassed: boolean): Failure | undefined {
  if (deadlinePassed) return { ...timeoutAfterSend, detail: 'deadline' };
  const code = errorCode(error);
  if (code === undefined) return undefined;
  const kind = failureKinds[code];
  if (kind !== undefined) return { ...kind, detail: code };
  if (UNTRUSTED_CODES.has(code) || TLS_CODE.test(code)) return { code: 'tls', transient: false, mayHaveBeenSent: false, detail: code };
  return { code: 'network_error', transient: false, mayHaveBeenSent: true, detail: code };
}

/**
 * undici's verdicts on the request itself, given before a byte of it is written: a header value it cannot send, a
 * Content-Length that is not the body's, a header it does not support. Nothing reached the server.
 */
const REFUSED_BEFORE_SENDING = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED', 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH']);

function refusedBeforeSending(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && REFUSED_BEFORE_SENDING.has(code);
}

function notSent(method: string, url: URL, redactor: Redactor, cause: unknown): UsageError {
  const reason = cause instanceof Error ? redactor.text(cause.message) : String(cause);
  return new UsageError(`the ${method} to ${url.host} was not sent: ${reason}`, {
    code: 'invalid_request',
    hint: 'nothing reached the server: fix the request (its headers or body) and send it again',
    cause,
  });
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
          isLoopbackHostname(hostname)
            ? 'nothing is listening there: start the server (for the emulator: `fintech-cli emulator`), or check the URL'
            : 'check the URL, your network and any proxy settings (HTTPS_PROXY, NO_PROXY)',
        ];
      case 'dns':
        return [`cannot resolve ${hostname} (${failure.detail})`, 'check the host name in the URL and your network connection'];
      case 'tls':
        return UNTRUSTED_CODES.has(failure.detail)
          ? [
              `the certificate of ${host} is not trusted: ${reason} (${failure.detail})`,
              'if a corporate proxy or a private CA signs it, point NODE_EXTRA_CA_CERTS at that CA\'s PEM file; otherwise do not trust this server',
            ]
          : [
              `TLS connection to ${host} failed: ${reason} (${failure.detail})`,
              'the certificate must be current and name this host: check the URL and this machine\'s clock',
            ];
      case 'timeout':
        return [
          `no answer from ${host} within ${ctx.timeoutMs} ms`,
          'raise the limit with --timeout <ms> (it bounds all the requests of the command), or check your network',
        ];
      case 'connection_reset':
        return [`connection to ${host} closed unexpectedly (${failure.detail})`, 'try again in a moment'];
      case 'network_error':
        return [`network error talking to ${host}: ${reason}`, 'check your network and any proxy settings'];
    }
  })();
  const after = ctx.attempts > 1 ? ` (after ${ctx.attempts} attempts)` : '';
  if (!ctx.idempotent && failure.mayHaveBeenSent) {
    // The usual hints (try again, raise --timeout) would invite a second transfer: first find out about this one.
    return new NetworkError(`${what}${after}; ${mayHaveBeenCarriedOut(ctx.method)}`, {
      code: failure.code,
      hint: 'the server may have received it and acted on it: see whether the change was made (list or get it) before you send it again',
      cause,
    });
  }
  return new NetworkError(`${what}${after}`, { code: failure.code, hint, cause });
}

/** `write`: the method of a request that is not safe to repeat and may have reached the server. */
function interrupted(url: URL, cause: unknown, write: string | undefined): CliError {
  const outcome = write === undefined ? '' : `; ${mayHaveBeenCarriedOut(write)}`;
  return new CliError('interrupted', `interrupted while talking to ${url.host}${outcome}`, { cause });
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
