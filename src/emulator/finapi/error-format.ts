import { statusCode } from '../error-format.js';
import type { EmuError, EmuResponse, ErrorContext } from '../types.js';

/** finAPI's `{errors:[{message, code, type}], date, endpoint, authContext, bank}`; TECHNICAL for server faults. */
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
