import type { IncomingHttpHeaders } from 'node:http';

/**
 * The contract between the emulator's server (src/emulator/) and each provider's routes
 * (src/providers/<id>/emulator.ts). Routes are plain functions of a parsed request; the server does the I/O.
 */
export interface EmuRequest {
  method: string;
  /** Path below the service prefix, e.g. `/v1/webhooks/abc` for `/solaris/api/v1/webhooks/abc`. */
  path: string;
  query: URLSearchParams;
  /** Lower-case names, as node:http gives them. */
  headers: IncomingHttpHeaders;
  /** The exact bytes received. */
  rawBody: Buffer;
  /** Values of `:name` segments of the matched route. */
  params: Record<string, string>;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a Buffer or a string; omitted for an empty body. */
  body?: unknown;
}

export type Handler = (req: EmuRequest) => EmuResponse | Promise<EmuResponse>;

export interface Route {
  method: string;
  /** Segments, with `:name` for parameters, e.g. `/v1/webhooks/:id`. */
  path: string;
  handler: Handler;
}

/** One service on the emulator's port, e.g. `{ prefix: '/solaris/api', routes }` (prefixes: cli-contract.md). */
export interface Service {
  prefix: string;
  routes: Route[];
}

/** A line of the emulator's log (`--json` prints each one; `GET /_admin/log` returns them). */
export interface EmulatorEvent {
  type: string;
  [field: string]: unknown;
}

/** What every provider's routes get from the server. */
export interface EmulatorEnv {
  /** Epoch ms; tests may pass a fixed clock. */
  now(): number;
  /** Lifetime of issued access tokens (`--token-ttl`, seconds). */
  tokenTtlSeconds: number;
  log(event: EmulatorEvent): void;
}
