import type { IncomingHttpHeaders } from 'node:http';

/**
 * The contract between the emulator's kit (src/emulator/) and each provider's service (src/emulator/<id>/).
 * Routes are plain functions of a parsed request; the server does the I/O.
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
  /** Run first: an answer it returns (a 401, say) is sent instead, as providers check credentials before anything else. */
  authenticate?: (req: EmuRequest) => EmuResponse | undefined;
  /** Then this: a departure from the published description is answered 400 and logged (`contract`). */
  contract?: RequestContract;
}

/** How a request departs from the provider's published description of its operation. */
export interface ContractViolation {
  /** Where: `body amount`, `query type`, `header content-type`. */
  field: string;
  /** The rule it breaks: `required`, `type`, `enum`, `content-type`, … */
  rule: string;
  /** One line: what is wrong and what the description asks for. */
  message: string;
  /** The description and the operation in it, e.g. `soldo-business-api-5.56.0 wallet-internal-transfer`. */
  spec: string;
  /** Default 400; 415 for a body in a media type the operation does not take. */
  status?: number;
}

export type RequestContract = (req: EmuRequest) => ContractViolation | undefined;

/** One service on the emulator's port, e.g. `{ prefix: '/solaris/api', routes }` (prefixes: cli-contract.md). */
export interface Service {
  prefix: string;
  routes: Route[];
  /** This service's own error format, where a provider's products answer differently (finAPI's GiroIdent). */
  errorFormat?: ErrorFormat;
}

/** An error to answer, in words; each provider's `ErrorFormat` gives it that provider's body. */
export interface EmuError {
  status: number;
  /** The provider's code; by default one derived from the status (`service_unavailable`, `SERVICE_UNAVAILABLE`). */
  code?: string;
  /** What went wrong and what to do, in plain words. */
  message: string;
  /** Solaris: the offending field, as `source.field`. */
  field?: string;
}

/** `{method, path}` name finAPI's `endpoint`; `now` its `date`; `headers` are the request's (finAPI echoes `X-Request-Id`). */
export interface ErrorContext {
  method: string;
  path: string;
  now: number;
  headers: IncomingHttpHeaders;
}

/** A provider's error body (providers.md). */
export type ErrorFormat = (error: EmuError, context: ErrorContext) => EmuResponse;

/** A provider's error format and the paths it speaks for: every path under `root` (e.g. `/solaris`), served or not. */
export interface ErrorFormatScope {
  root: string;
  errorFormat: ErrorFormat;
}

/** One provider on the emulator, as the composition root (server.ts) wires it. */
export interface EmulatedProvider extends ErrorFormatScope {
  services: Service[];
  /** Routes the provider adds below `/_admin`, e.g. Solaris' `POST /solaris/events`. */
  adminRoutes?: Route[];
  /** What the inspector shows of this provider, and what its page may do. */
  inspector?: InspectorSection;
}

/**
 * A provider's part of the inspector page: `state()` is a JSON snapshot (nothing secret in it), `actions` what the
 * page may do, each a POST of a JSON object from the page's own origin (`/_inspector/actions/<provider>/<name>`).
 */
export interface InspectorSection {
  state(): unknown;
  actions?: Record<string, (body: Record<string, unknown>) => EmuResponse | Promise<EmuResponse>>;
}

/** One request as the server saw it: what was sent, and what was answered (the inspector shows it, masked). */
export interface Exchange {
  method: string;
  path: string;
  /** `?a=b`, or empty. */
  query: string;
  /** Epoch ms when it arrived. */
  at: number;
  requestHeaders: IncomingHttpHeaders;
  /** Undefined when it was over the body limit. */
  requestBody?: Buffer;
  /** null: nothing was answered. */
  status: number | null;
  ms: number;
  /** Undefined when nothing was answered (a hang, a drop). */
  response?: { headers: Record<string, string>; body: Buffer | undefined };
  fault?: string;
  /** The departure from the published description the request was refused for. */
  contract?: Omit<ContractViolation, 'status'>;
}

/** A line of the emulator's log (`--json` prints each one; `GET /_admin/log` returns them). */
export interface EmulatorEvent {
  type: string;
  [field: string]: unknown;
}

export interface IssuedToken {
  token: string;
  provider: string;
  /** Who the token is for: a client id, or `client/user` for finAPI user tokens. */
  subject: string;
  /** Epoch ms. */
  expiresAt: number;
  scope?: string;
}

export type TokenLookup = { status: 'valid'; token: IssuedToken } | { status: 'expired' | 'unknown' };

/** Access tokens of all providers in one place, so `expire all tokens` (admin) reaches every one. */
export interface TokenStore {
  /** A new token, or with `reuse` the subject's still-valid one (finAPI answers the same token until it expires). */
  issue(provider: string, subject: string, options?: { reuse?: boolean; scope?: string }): IssuedToken;
  find(provider: string, token: string): TokenLookup;
  /** Makes every issued token expired; returns how many. */
  expireAll(): number;
}

/** What every provider's routes get from the server. */
export interface EmulatorEnv {
  /** Epoch ms; tests may pass a fixed clock. */
  now(): number;
  /** Lifetime of issued access tokens (`--token-ttl`, seconds). */
  tokenTtlSeconds: number;
  tokens: TokenStore;
  log(event: EmulatorEvent): void;
  /** A credential the emulator issued that may show up where no field name says so (a path): masked in the inspector. */
  secret?(value: string): void;
}
