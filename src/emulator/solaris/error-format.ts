import { randomUUID } from 'node:crypto';
import { statusCode } from '../error-format.js';
import type { EmuError, EmuResponse } from '../types.js';

/** Solaris' `{errors:[{id, status, code, title, detail, source?}]}` with a fresh id, which support would ask for. */
export function solarisError(error: EmuError): EmuResponse {
  const code = error.code ?? (error.status >= 500 ? 'generic_error' : statusCode(error.status));
  const entry: Record<string, unknown> = { id: randomUUID(), status: error.status, code, title: titleOf(code), detail: error.message };
  if (error.field !== undefined) entry.source = { field: error.field, message: error.message };
  return { status: error.status, body: { errors: [entry] } };
}

/** `invalid_token` → `Invalid Token`. */
function titleOf(code: string): string {
  return code
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
