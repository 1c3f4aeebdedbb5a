import { STATUS_CODES } from 'node:http';
import { isUnderPrefix } from './router.js';
import type { EmuError, EmuResponse, ErrorFormat, ErrorFormatScope } from './types.js';

/**
 * What the server answers itself (404, 405, 413, 500, injected faults) takes the error format of the provider whose
 * path was called, so a client sees one format per provider whatever went wrong. Each provider brings its format
 * (`src/emulator/<id>/error-format.ts`); the emulator's own routes and paths of no provider answer `adminError`.
 */
export function errorFormatFor(scopes: readonly ErrorFormatScope[], pathname: string): ErrorFormat {
  return scopes.find((scope) => isUnderPrefix(pathname, scope.root))?.errorFormat ?? adminError;
}

/** The emulator's own routes (`/_admin`) and paths of no provider: `{error:{code, message}}`. */
export function adminError(error: EmuError): EmuResponse {
  return { status: error.status, body: { error: { code: error.code ?? statusCode(error.status), message: error.message } } };
}

/** `service_unavailable` for 503: the status text in snake case. */
export function statusCode(status: number): string {
  return (STATUS_CODES[status] ?? `status ${status}`).toLowerCase().replace(/[^a-z0-9]+/g, '_');
}
