import { defaultBaseUrl, type UrlKind } from '../../environments.js';
import type { EmuRequest, EmuResponse, EmulatorEnv, Handler, RequestContract, Route } from '../types.js';
import { type FinapiProduct, MAX_REQUEST_ID_LENGTH, productError, requestIdOf } from './error-format.js';
import { FinapiFailure, OAuthFailure } from './failures.js';
import type { FinapiState } from './state.js';

/** finAPI's answers on the emulator: each product's error format and the `X-Request-Id` every answer carries. */

export interface FinapiRouteOptions {
  /** Check the Bearer token first, so that a 401 comes before any other answer. */
  authenticated?: boolean;
  contract?: RequestContract;
}

/** The routes of one finAPI product, answering failures in its format. */
export function finapiRoutes(env: EmulatorEnv, state: FinapiState, product: FinapiProduct) {
  const failure = (req: EmuRequest, error: unknown): EmuResponse => {
    const requestId = requestIdOf(req.headers);
    if (error instanceof OAuthFailure && product !== 'giroident') {
      return { status: 401, headers: { 'X-Request-Id': requestId }, body: { error: error.error, error_description: error.message } };
    }
    const known = error instanceof FinapiFailure ? error : error instanceof OAuthFailure ? new FinapiFailure(401, 'UNAUTHORIZED', error.message) : undefined;
    if (known === undefined) throw error;
    const context = { method: req.method, path: req.path, now: env.now(), requestId, authContext: state.authContextOf(req) };
    return productError(product, { status: known.status, code: known.code, message: known.message }, context);
  };
  return (method: string, path: string, handler: Handler, options: FinapiRouteOptions = {}): Route => ({
    method,
    path,
    ...(options.authenticated
      ? {
          authenticate: (req: EmuRequest) => {
            try {
              state.authenticate(req);
              return undefined;
            } catch (error) {
              return failure(req, error);
            }
          },
        }
      : {}),
    ...(options.contract === undefined ? {} : { contract: options.contract }),
    handler: async (req) => {
      const sent = req.headers['x-request-id'];
      let res: EmuResponse;
      try {
        if (typeof sent === 'string' && sent.length > MAX_REQUEST_ID_LENGTH) {
          throw new FinapiFailure(400, product === 'giroident' ? 'INVALID_PARAMETER' : 'BAD_REQUEST', `X-Request-Id must not be longer than ${MAX_REQUEST_ID_LENGTH} characters.`);
        }
        res = await handler(req);
      } catch (error) {
        return failure(req, error);
      }
      return { ...res, headers: { ...res.headers, 'X-Request-Id': requestIdOf(req.headers) } };
    },
  });
}

/** The body as a JSON object; the route's contract has checked that it is one. */
export function jsonObject(req: EmuRequest): Record<string, unknown> {
  const text = req.rawBody.toString('utf8');
  const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

/** A string field the contract has typed; '' counts as absent. */
export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The path under which a finAPI service sits on the emulator's port (cli-contract.md), e.g. `/finapi/access`. */
export function finapiPrefix(kind: UrlKind): string {
  const prefix = defaultBaseUrl('emulator', 'finapi', kind, '');
  if (prefix === undefined) throw new Error(`finAPI has no emulator service for ${kind}`);
  return prefix;
}
