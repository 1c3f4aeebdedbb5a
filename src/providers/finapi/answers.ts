import { ApiError } from '../../errors.js';
import type { HttpResponse } from '../../http/client.js';

/** A field of a finAPI answer that must be a non-empty string, or an error saying the answer cannot be used. */
export function stringField(record: unknown, name: string, what: string): string {
  const value = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[name] : undefined;
  if (typeof value === 'string' && value !== '') return value;
  throw new ApiError(`finAPI's answer to ${what} has no ${name}.`, { code: 'invalid_response', provider: 'finapi', hint: 'Run again with --verbose to see the answer.' });
}

/** A finAPI answer that must be a JSON object, or an error saying the answer cannot be used (never a crash on `null`). */
export function recordAnswer(res: HttpResponse, what: string): Record<string, unknown> {
  const body: unknown = res.json();
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new ApiError(`finAPI answered ${res.status} to ${what} with something other than a JSON object.`, {
    code: 'invalid_response',
    status: res.status,
    provider: 'finapi',
    hint: 'Run again with --verbose to see the answer.',
  });
}
