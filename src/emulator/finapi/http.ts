import { randomUUID } from 'node:crypto';
import { defaultBaseUrl, type UrlKind } from '../../environments.js';
import type { EmuRequest, EmuResponse, EmulatorEnv, Handler, Route } from '../types.js';
import { finapiError } from './error-format.js';

/** finAPI's answers on the emulator: its error formats and the `X-Request-Id` every answer carries. */

/** A failure in finAPI's own format: `{errors:[{message, code, type}], date, endpoint, authContext, bank}`. */
export class FinapiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A failure of the OAuth layer (token endpoint, Bearer check): `{error, error_description}`. */
export class OAuthFailure extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_token' | 'unauthorized',
    description: string,
  ) {
    super(description);
  }
}

const MAX_REQUEST_ID_LENGTH = 255;

/**
 * A route whose handler may throw `FinapiFailure` or `OAuthFailure`, answered in finAPI's formats. Every answer
 * echoes the caller's `X-Request-Id`, or carries a new one, as finAPI does.
 */
export function finapiRoute(env: EmulatorEnv, method: string, path: string, handler: Handler): Route {
  return {
    method,
    path,
    handler: async (req) => {
      const sent = req.headers['x-request-id'];
      const tooLong = typeof sent === 'string' && sent.length > MAX_REQUEST_ID_LENGTH;
      const requestId = typeof sent === 'string' && sent !== '' && !tooLong ? sent : randomUUID();
      let res: EmuResponse;
      try {
        if (tooLong) throw new FinapiFailure(400, 'BAD_REQUEST', `X-Request-Id must not be longer than ${MAX_REQUEST_ID_LENGTH} characters.`);
        res = await handler(req);
      } catch (error) {
        res = failureResponse(env, req, error);
      }
      return { ...res, headers: { ...res.headers, 'X-Request-Id': requestId } };
    },
  };
}

function failureResponse(env: EmulatorEnv, req: EmuRequest, error: unknown): EmuResponse {
  if (error instanceof OAuthFailure) {
    return { status: error.status, body: { error: error.error, error_description: error.message } };
  }
  if (!(error instanceof FinapiFailure)) throw error;
  // finAPI's `endpoint` names the path on its own host, so the emulator's prefix is left out.
  return finapiError(error, { method: req.method, path: req.path, now: env.now() });
}

/** The body as a JSON object; an empty body is `{}`, since finAPI's request fields are mostly optional. */
export function jsonObject(req: EmuRequest): Record<string, unknown> {
  const text = req.rawBody.toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FinapiFailure(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FinapiFailure(400, 'BAD_REQUEST', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** A field that must be a string when present; '' counts as absent. */
export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new FinapiFailure(400, 'ILLEGAL_FIELD_VALUE', `${name} must be a string.`);
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new FinapiFailure(400, 'ILLEGAL_FIELD_VALUE', `${name} must be true or false.`);
  return value;
}

export function requiredString(body: Record<string, unknown>, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined) throw new FinapiFailure(400, 'MISSING_FIELD', `${name} is required.`);
  return value;
}

/** The path under which a finAPI service sits on the emulator's port (cli-contract.md), e.g. `/finapi/access`. */
export function finapiPrefix(kind: UrlKind): string {
  const prefix = defaultBaseUrl('emulator', 'finapi', kind, '');
  if (prefix === undefined) throw new Error(`finAPI has no emulator service for ${kind}`);
  return prefix;
}
