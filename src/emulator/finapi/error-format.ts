import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { EmuError, EmuResponse, ErrorFormat } from '../types.js';

/**
 * finAPI's error bodies (spec/finapi/): Access (and, by the emulator's choice, the Process Controller) answer
 * `ErrorMessage` `{errors:[{message, code, type}], date, requestId, endpoint, authContext}`, with `bank` only when a
 * bank is involved (never, on the emulator); GiroIdent v2 answers `ApiError` `{error-code, error-message, time, request-id}`.
 */
export type FinapiProduct = 'access' | 'process' | 'giroident';

export interface FinapiErrorContext {
  method: string;
  /** The path on finAPI's own host, for `endpoint`. */
  path: string;
  now: number;
  requestId: string;
  /** Who called: `<client>/<user>`, `<client>`, or `anonymous`. */
  authContext: string;
}

/** An error of one product in its format, with the `X-Request-Id` header finAPI puts on every answer. */
export function productError(product: FinapiProduct, error: EmuError, context: FinapiErrorContext): EmuResponse {
  const body = product === 'giroident' ? giroidentBody(error, context) : accessBody(error, context);
  return { status: error.status, headers: { 'X-Request-Id': context.requestId }, body };
}

/**
 * The kit's own answers (404, 405, 413, faults, contract violations) under one product's prefix, in its format. The
 * caller is not looked up for them: `authContext` is `anonymous`.
 */
export function productFormat(product: FinapiProduct): ErrorFormat {
  return (error, context) => productError(product, error, { ...context, requestId: requestIdOf(context.headers), authContext: 'anonymous' });
}

/** Paths under `/finapi` that no product serves answer Access' format. */
export const finapiError = productFormat('access');

export const MAX_REQUEST_ID_LENGTH = 255;

/** The caller's `X-Request-Id`, which finAPI echoes, or one it makes up (`selfgen-…`) when none usable was sent. */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const sent = headers['x-request-id'];
  return typeof sent === 'string' && sent !== '' && sent.length <= MAX_REQUEST_ID_LENGTH ? sent : `selfgen-${randomUUID()}`;
}

const ACCESS_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED_ACCESS',
  403: 'FORBIDDEN',
  404: 'UNKNOWN_ENTITY',
  405: 'METHOD_NOT_ALLOWED',
  409: 'ILLEGAL_ENTITY_STATE',
  413: 'BAD_REQUEST',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'ILLEGAL_FIELD_VALUE',
  423: 'LOCKED',
};

function accessBody(error: EmuError, context: FinapiErrorContext) {
  // A request that breaks the description (the kit names the field) is the developer's mistake: TECHNICAL.
  const technical = error.status >= 500 || error.field !== undefined;
  return {
    errors: [{ message: error.message, code: error.code ?? ACCESS_CODES[error.status] ?? 'UNEXPECTED_ERROR', type: technical ? 'TECHNICAL' : 'BUSINESS' }],
    date: new Date(context.now).toISOString(),
    requestId: context.requestId,
    endpoint: `${context.method} ${context.path}`,
    authContext: context.authContext,
  };
}

const GIROIDENT_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'SECURITY_ERROR',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

function giroidentBody(error: EmuError, context: FinapiErrorContext) {
  const byStatus = error.status >= 500 ? 'INTERNAL_SERVER_ERROR' : (GIROIDENT_CODES[error.status] ?? 'BAD_REQUEST');
  const code = error.code ?? (error.status === 400 && error.field !== undefined ? 'VALIDATION_ERROR' : byStatus);
  return { 'error-code': code, 'error-message': error.message, time: new Date(context.now).toISOString(), 'request-id': context.requestId };
}
