import { adminError } from './error-format.js';
import type { FaultKind, FaultSpec, FaultStore } from './faults.js';
import { isUnderPrefix } from './router.js';
import type { EmulatorEvent, EmuRequest, EmuResponse, Route, Service, TokenStore } from './types.js';

export const ADMIN_PREFIX = '/_admin';

export interface AdminDeps {
  faults: FaultStore;
  tokens: TokenStore;
  /** The recent log, oldest first. */
  events(): EmulatorEvent[];
  /** Every service prefix served, for the health answer. */
  prefixes: readonly string[];
  /** The providers' own admin routes (Solaris: trigger an event, list its deliveries). */
  providerRoutes: readonly Route[];
}

/**
 * The emulator's own controls under `/_admin` (docs/emulator.md lists each); never subject to faults. They take no
 * credentials, so a request a browser sends (it carries an Origin header; scripts and curl send none) is refused:
 * a web page must not inject faults, expire tokens or trigger webhooks with a `text/plain` form post.
 */
export function adminService(deps: AdminDeps): Service {
  const routes: Route[] = [
      { method: 'GET', path: '/health', handler: () => ok({ status: 'ok', services: deps.prefixes }) },
      { method: 'GET', path: '/faults', handler: () => ok(deps.faults.list()) },
      { method: 'POST', path: '/faults', handler: (req) => withJson(req, (body) => addFault(deps.faults, body)) },
      { method: 'DELETE', path: '/faults', handler: () => ok({ cleared: deps.faults.clear() }) },
      { method: 'POST', path: '/tokens/expire', handler: () => ok({ expired: deps.tokens.expireAll() }) },
      { method: 'GET', path: '/log', handler: (req) => recentEvents(deps.events(), req) },
      ...deps.providerRoutes,
  ];
  return { prefix: ADMIN_PREFIX, routes: routes.map((route) => ({ ...route, handler: refuseBrowsers(route.handler) })) };
}

function refuseBrowsers(handler: Route['handler']): Route['handler'] {
  return (req) =>
    req.headers.origin === undefined
      ? handler(req)
      : adminError({ status: 403, message: `Refused: the admin routes do not answer requests from web pages (Origin: ${req.headers.origin}).` });
}

const faultKinds: readonly FaultKind[] = ['status', 'hang', 'drop'];

/** A fault from a request body, checked (400 in the admin format when wrong), added: 201 with it. The inspector's too. */
export function addFault(faults: FaultStore, body: Record<string, unknown>): EmuResponse {
  const { method = '*', path, fault = 'status', status = 503, retry_after: retryAfter = 1, count = 1 } = body;
  if (typeof method !== 'string' || !/^([A-Za-z]+|\*)$/.test(method)) return bad('method must be an HTTP method such as GET, or * for any.');
  if (typeof path !== 'string' || !path.startsWith('/')) return bad('path must be a path prefix starting with /, e.g. /solaris/api/v1/webhooks.');
  if (isUnderPrefix(path, ADMIN_PREFIX)) return bad('The admin routes cannot be given faults.');
  if (!faultKinds.includes(fault as FaultKind)) return bad(`fault must be one of ${faultKinds.join(', ')}.`);
  if (!isWholeNumber(count) || count < 1) return bad('count must be a whole number of calls, 1 or more.');
  const spec: FaultSpec = { method: method.toUpperCase(), path, fault: fault as FaultKind, remaining: count };
  if (spec.fault === 'status') {
    if (!isWholeNumber(status) || !(status === 429 || (status >= 500 && status <= 599))) return bad('status must be 429 or a 5xx status.');
    spec.status = status;
    if (status === 429) {
      if (!isWholeNumber(retryAfter) || retryAfter < 0) return bad('retry_after must be a whole number of seconds.');
      spec.retry_after = retryAfter;
    }
  }
  return { status: 201, body: faults.add(spec) };
}

/** `?type=delivery` keeps one kind of event; `?limit=N` the last N. */
function recentEvents(events: EmulatorEvent[], req: EmuRequest): EmuResponse {
  const type = req.query.get('type');
  const limitText = req.query.get('limit');
  const limit = limitText === null ? Infinity : Number(limitText);
  if (!(limit >= 1)) return bad('limit must be a number, 1 or more.');
  const chosen = type === null ? events : events.filter((event) => event.type === type);
  return ok(Number.isFinite(limit) ? chosen.slice(-limit) : chosen);
}

/** The JSON object a request to an admin route carries (none is `{}`), handed to `use`; 400 otherwise. */
export function withJson(req: EmuRequest, use: (body: Record<string, unknown>) => EmuResponse): EmuResponse {
  let body: unknown;
  try {
    body = req.rawBody.length === 0 ? {} : JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    return bad('The body must be JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad('The body must be a JSON object.');
  return use(body as Record<string, unknown>);
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export function ok(body: unknown): EmuResponse {
  return { status: 200, body };
}

/** 400 in the admin routes' format. */
export function bad(message: string): EmuResponse {
  return adminError({ status: 400, message });
}
