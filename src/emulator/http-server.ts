import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { errorFormatFor } from './error-format.js';
import type { Fault, FaultStore } from './faults.js';
import { matchRoute, serviceFor } from './router.js';
import type { EmuError, EmulatorEvent, EmuRequest, EmuResponse, ErrorContext, ErrorFormatScope, Exchange, Service } from './types.js';
import { readBody } from '../http/read-body.js';
import { hostHeaderName, isLoopbackHostname } from '../core/loopback.js';

export interface HttpServerOptions {
  host: string;
  /** 0 = any free port. */
  port: number;
  services: readonly Service[];
  /** The error format of each provider's paths; others answer the emulator's own. */
  errorFormats: readonly ErrorFormatScope[];
  /** Consulted for every request; a fault it returns replaces the route's answer. */
  faults: Pick<FaultStore, 'take'>;
  now: () => number;
  log: (event: EmulatorEvent) => void;
  /** Larger bodies are answered 413. */
  bodyLimitBytes?: number;
  /**
   * `loopback`: answer only requests whose Host header names this machine, so a web page cannot reach the server
   * through a DNS name it rebinds to 127.0.0.1. `any`: the caller chose to serve other names (`--host`).
   */
  hostNames: 'loopback' | 'any';
  /**
   * Offered every request first: when it answers true it has taken the request, which is then neither logged nor
   * subject to faults (the inspector: its own polling must not fill the log it shows).
   */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Every request with what was sent and answered, when it ends (the inspector's request list). */
  onExchange?: (exchange: Exchange) => void;
}

export interface ListeningServer {
  url: string;
  /** Stops listening and ends every connection, idle, busy or hung. */
  close(): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Serves `services` over node:http: routing, body limit, injected faults, request contracts, provider-format errors,
 * one log event per request (and a `contract` event for each request that departs from its description).
 */
export async function listenHttp(options: HttpServerOptions): Promise<ListeningServer> {
  const server = http.createServer((req, res) => {
    if (options.intercept?.(req, res) === true) return;
    handle(req, res, options).catch((error: unknown) => {
      // The client went away while its body was read: nothing left to answer.
      options.log({ type: 'error', method: req.method, path: req.url, message: error instanceof Error ? error.message : String(error) });
      res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions): Promise<void> {
  const started = performance.now();
  const startedAt = options.now();
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://emulator');
  const pathname = url.pathname;
  const seen: Pick<Exchange, 'requestBody' | 'response' | 'contract'> = {};
  const reply = (response: EmuResponse) => {
    seen.response = send(res, response);
  };
  const fail = (error: EmuError, headers?: Record<string, string>) => {
    const served = serviceFor(options.services, pathname);
    const format = served?.service.errorFormat ?? errorFormatFor(options.errorFormats, pathname);
    // finAPI's `endpoint` names the path on the provider's own host, without the emulator's prefix.
    const context: ErrorContext = { method, path: served?.path ?? pathname, now: options.now(), headers: req.headers };
    const response = format(error, context);
    reply({ ...response, headers: { ...response.headers, ...headers } });
  };
  const applied: { fault?: Fault } = {};
  res.on('close', () => {
    // null: no answer was sent (a hang the client gave up on, a dropped connection).
    const status = res.writableFinished ? res.statusCode : null;
    const ms = Math.round(performance.now() - started);
    const fault = applied.fault === undefined ? {} : { fault: applied.fault.fault };
    options.log({ type: 'request', method, path: pathname, status, ms, ...fault });
    options.onExchange?.({ method, path: pathname, query: url.search, at: startedAt, requestHeaders: req.headers, status, ms, ...fault, ...seen });
  });

  const host = req.headers.host;
  if (options.hostNames === 'loopback' && host !== undefined && !isLoopbackHostname(hostHeaderName(host) ?? '')) {
    fail(
      {
        status: 403,
        message: `Refused: the Host header ${JSON.stringify(host)} does not name this machine. An emulator on a loopback address answers only localhost, 127.0.0.0/8 and ::1 (a web page could otherwise reach it by DNS rebinding); start it with --host to serve other names.`,
      },
      { Connection: 'close' },
    );
    return;
  }

  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const rawBody = await readBody(req, limit);
  seen.requestBody = rawBody;
  if (rawBody === undefined) {
    fail({ status: 413, message: `The request body is larger than the emulator's limit of ${limit} bytes.` }, { Connection: 'close' });
    return;
  }

  applied.fault = options.faults.take(method, pathname);
  if (applied.fault !== undefined) {
    applyFault(applied.fault, req, fail);
    return;
  }

  const match = matchRoute(options.services, method, pathname);
  if (match.kind === 'not_found') {
    fail({ status: 404, message: `No route ${method} ${pathname} on the emulator (see docs/emulator.md).` });
    return;
  }
  if (match.kind === 'method_not_allowed') {
    fail({ status: 405, message: `${pathname} does not accept ${method}; it accepts ${match.allow.join(', ')}.` }, { Allow: match.allow.join(', ') });
    return;
  }
  const request: EmuRequest = { method, path: match.path, query: url.searchParams, headers: req.headers, rawBody, params: match.params };
  const refusal = match.route.authenticate?.(request);
  if (refusal !== undefined) {
    reply(refusal);
    return;
  }
  const violation = match.route.contract?.(request);
  if (violation !== undefined) {
    const { status = 400, ...described } = violation;
    seen.contract = described;
    options.log({ type: 'contract', method, path: pathname, ...described });
    fail({ status, message: `${violation.message} (${violation.spec})`, field: violation.field });
    return;
  }
  let response: EmuResponse;
  try {
    response = await match.route.handler(request);
  } catch (error) {
    options.log({ type: 'error', method, path: pathname, message: errorText(error) });
    fail({ status: 500, message: 'The emulator failed to handle this request (a bug in the emulator; its log has the details).' });
    return;
  }
  reply(response);
}

function applyFault(fault: Fault, req: IncomingMessage, fail: (error: EmuError, headers?: Record<string, string>) => void): void {
  switch (fault.fault) {
    case 'hang':
      return; // Never answered: the client times out, or close() ends the connection.
    case 'drop':
      req.socket.destroy();
      return;
    case 'status': {
      const status = fault.status ?? 503;
      if (status === 429) {
        const seconds = fault.retry_after ?? 1;
        fail({ status, message: `Too many requests (fault injected by the emulator); retry after ${seconds} s.` }, { 'Retry-After': String(seconds) });
        return;
      }
      fail({ status, message: `Fault injected by the emulator (POST /_admin/faults): ${status}.` });
    }
  }
}

/** JSON unless the body is a Buffer or a string; no body for 204 or when there is none. Returns what it wrote. */
function send(res: ServerResponse, response: EmuResponse): NonNullable<Exchange['response']> {
  const headers: Record<string, string> = { ...response.headers };
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  let payload: Buffer | undefined;
  if (response.body !== undefined && response.status !== 204) {
    if (Buffer.isBuffer(response.body)) {
      payload = response.body;
    } else if (typeof response.body === 'string') {
      payload = Buffer.from(response.body, 'utf8');
      if (!hasType) headers['Content-Type'] = 'text/plain; charset=utf-8';
    } else {
      payload = Buffer.from(JSON.stringify(response.body), 'utf8');
      if (!hasType) headers['Content-Type'] = 'application/json';
    }
  }
  res.writeHead(response.status, headers);
  res.end(payload);
  return { headers, body: payload };
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
