import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { EmuResponse } from './types.js';

/**
 * The providers' error bodies (providers.md), for provider routes and for what the server answers itself
 * (404, 405, 413, 500, injected faults), so a client sees one format per provider whatever went wrong.
 */
export type ErrorFormat = 'solaris' | 'finapi' | 'soldo' | 'admin';

export interface EmuError {
  status: number;
  /** The provider's code; by default one derived from the status (`service_unavailable`, `SERVICE_UNAVAILABLE`). */
  code?: string;
  /** What went wrong and what to do, in plain words. */
  message: string;
  /** Solaris: the offending field, as `source.field`. */
  field?: string;
}

/** Which provider's format a path speaks, from its first segment (`/solaris/…`, `/finapi/…`, `/soldo/…`). */
export function errorFormatFor(pathname: string): ErrorFormat {
  const first = pathname.split('/')[1];
  return first === 'solaris' || first === 'finapi' || first === 'soldo' ? first : 'admin';
}

/** `{method, path}` name finAPI's `endpoint`; `now` its `date`. */
export interface ErrorContext {
  method: string;
  path: string;
  now: number;
}

export function errorResponse(format: ErrorFormat, error: EmuError, context: ErrorContext): EmuResponse {
  switch (format) {
    case 'solaris':
      return solarisError(error);
    case 'finapi':
      return finapiError(error, context);
    case 'soldo':
      return soldoError(error);
    case 'admin':
      return adminError(error);
  }
}

/** `{errors:[{id, status, code, title, detail, source?}]}` with a fresh id, which support would ask for. */
export function solarisError(error: EmuError): EmuResponse {
  const code = error.code ?? (error.status >= 500 ? 'generic_error' : statusCode(error.status));
  const entry: Record<string, unknown> = { id: randomUUID(), status: error.status, code, title: titleOf(code), detail: error.message };
  if (error.field !== undefined) entry.source = { field: error.field, message: error.message };
  return { status: error.status, body: { errors: [entry] } };
}

/** `{errors:[{message, code, type}], date, endpoint, authContext, bank}`; TECHNICAL for server faults. */
export function finapiError(error: EmuError, context: ErrorContext): EmuResponse {
  const code = error.code ?? statusCode(error.status).toUpperCase();
  return {
    status: error.status,
    body: {
      errors: [{ message: error.message, code, type: error.status >= 500 ? 'TECHNICAL' : 'BUSINESS' }],
      date: new Date(context.now).toISOString(),
      endpoint: `${context.method} ${context.path}`,
      authContext: null,
      bank: null,
    },
  };
}

/** Soldo's flat `{error_code, message}`. */
export function soldoError(error: EmuError): EmuResponse {
  return { status: error.status, body: { error_code: error.code ?? statusCode(error.status).toUpperCase(), message: error.message } };
}

/** The emulator's own routes (`/_admin`) and paths of no provider: `{error:{code, message}}`. */
export function adminError(error: EmuError): EmuResponse {
  return { status: error.status, body: { error: { code: error.code ?? statusCode(error.status), message: error.message } } };
}

/** `service_unavailable` for 503: the status text in snake case. */
function statusCode(status: number): string {
  return (STATUS_CODES[status] ?? `status ${status}`).toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/** `invalid_token` → `Invalid Token`. */
function titleOf(code: string): string {
  return code
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
