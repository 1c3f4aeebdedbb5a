import { mediaType } from '../../core/headers.js';
import type { EmuError, EmuRequest, Handler } from '../types.js';
import { solarisError } from './error-format.js';

/** A request the emulated Solaris refuses; `solarisHandler` answers it in Solaris' error format. */
export class Rejection extends Error {
  constructor(readonly error: EmuError) {
    super(error.message);
  }
}

export function reject(status: number, code: string, message: string, field?: string): never {
  throw new Rejection({ status, code, message, ...(field === undefined ? {} : { field }) });
}

/** Lets a handler refuse with `reject(…)` at any depth; anything else it throws is the server's 500. */
export function solarisHandler(handler: Handler): Handler {
  return async (req) => {
    try {
      return await handler(req);
    } catch (error) {
      if (error instanceof Rejection) return solarisError(error.error);
      throw error;
    }
  };
}

/** The JSON object a body must be, sent as `application/json`. */
export function jsonObject(req: EmuRequest): Record<string, unknown> {
  if (mediaType(req.headers['content-type']) !== 'application/json') {
    reject(415, 'unsupported_media_type', `Send the body as JSON with Content-Type: application/json (got ${req.headers['content-type'] ?? 'none'}).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.rawBody.toString('utf8'));
  } catch (error) {
    reject(400, 'invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) reject(400, 'invalid_json', 'The body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

/** A required, non-empty string field. */
export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (value === undefined || value === null || value === '') reject(400, 'validation_error', `${field} is required.`, field);
  if (typeof value !== 'string') reject(400, 'validation_error', `${field} must be a string.`, field);
  return value;
}

export function requiredEnum<T extends string>(body: Record<string, unknown>, field: string, values: readonly T[]): T {
  const value = requiredString(body, field);
  if (!(values as readonly string[]).includes(value)) reject(400, 'validation_error', `${field} must be one of ${values.join(', ')}.`, field);
  return value as T;
}
