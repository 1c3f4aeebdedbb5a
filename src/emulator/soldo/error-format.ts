import { statusCode } from '../error-format.js';
import type { EmuError, EmuResponse } from '../types.js';

/** Soldo's flat `{error_code, message}`. */
export function soldoError(error: EmuError): EmuResponse {
  return { status: error.status, body: { error_code: error.code ?? statusCode(error.status).toUpperCase(), message: error.message } };
}
