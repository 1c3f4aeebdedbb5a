import { FORM_CONTENT_TYPE, mediaType } from '../../core/headers.js';
import { bearerToken } from '../bearer.js';
import type { EmuRequest, EmuResponse, EmulatorEnv, Handler, RequestContract, Route } from '../types.js';
import { soldoError } from './error-format.js';

/** Soldo's answers on the emulator: `{error_code, message}` failures, Bearer checks and `p`/`s` pagination. */

export class SoldoFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A route whose handler may throw `SoldoFailure`; `authenticate` (which may throw it too) and `contract` run first. */
export function soldoRoute(
  method: string,
  path: string,
  handler: Handler,
  checks: { authenticate?: (req: EmuRequest) => void; contract?: RequestContract } = {},
): Route {
  const { authenticate, contract } = checks;
  return {
    method,
    path,
    handler: async (req) => {
      try {
        return await handler(req);
      } catch (error) {
        return failureAnswer(error);
      }
    },
    ...(authenticate === undefined
      ? {}
      : {
          authenticate: (req: EmuRequest) => {
            try {
              authenticate(req);
              return undefined;
            } catch (error) {
              return failureAnswer(error);
            }
          },
        }),
    ...(contract === undefined ? {} : { contract }),
  };
}

/** A `SoldoFailure` in Soldo's error format; anything else is the emulator's own failure and goes on up. */
function failureAnswer(error: unknown): EmuResponse {
  if (!(error instanceof SoldoFailure)) throw error;
  return soldoError({ status: error.status, code: error.code, message: error.message });
}

/** Soldo's standard authentication on every `/business/v2` call: a valid Bearer access token. */
export function checkBearer(env: EmulatorEnv, req: EmuRequest): void {
  const token = bearerToken(req);
  if (token === undefined) throw new SoldoFailure(401, 'UNAUTHORIZED', 'Full authentication is required to access this resource');
  const found = env.tokens.find('soldo', token);
  if (found.status === 'expired') throw new SoldoFailure(401, 'invalid_token', 'Access token expired');
  if (found.status === 'unknown') throw new SoldoFailure(401, 'invalid_token', 'Invalid access token');
}

export function notFound(what: string, id: string): SoldoFailure {
  return new SoldoFailure(404, 'NOT_FOUND', `${what} ${id} not found`);
}

export interface Page<T> {
  total: number;
  pages: number;
  page_size: number;
  current_page: number;
  results_size: number;
  results: T[];
}

const MAX_PAGE_SIZE = 50;

/** Soldo's list answer for query `p` (page, from 0), `s` (size, at most 50) and `d` (`ASC`, or `DESC` to reverse). */
export function paginate<T>(items: readonly T[], query: URLSearchParams): Page<T> {
  const page = wholeNumber(query, 'p') ?? 0;
  const size = wholeNumber(query, 's') ?? MAX_PAGE_SIZE;
  if (size < 1 || size > MAX_PAGE_SIZE) throw new SoldoFailure(400, 'BAD_REQUEST', `s must be from 1 to ${MAX_PAGE_SIZE}`);
  const direction = (query.get('d') || 'ASC').toUpperCase();
  if (direction !== 'ASC' && direction !== 'DESC') throw new SoldoFailure(400, 'BAD_REQUEST', 'd must be ASC or DESC');
  const ordered = direction === 'DESC' ? [...items].reverse() : items;
  const results = ordered.slice(page * size, (page + 1) * size);
  return {
    total: items.length,
    pages: Math.ceil(items.length / size),
    page_size: size,
    current_page: page,
    results_size: results.length,
    results,
  };
}

function wholeNumber(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new SoldoFailure(400, 'BAD_REQUEST', `${name} must be a whole number`);
  return Number(text);
}

export function ok(body: unknown): EmuResponse {
  return { status: 200, body };
}

/** The answer of the operations Soldo documents as 204 with no body. */
export const NO_CONTENT: EmuResponse = { status: 204 };

/** The request body's fields: JSON, or a form's values as text (the contract has checked them against the spec). */
export function bodyFields(req: EmuRequest): Record<string, unknown> {
  const text = req.rawBody.toString('utf8');
  if (text === '') return {};
  if (mediaType(req.headers['content-type']) === FORM_CONTENT_TYPE) return Object.fromEntries(new URLSearchParams(text));
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    throw new SoldoFailure(400, 'BAD_REQUEST', 'the body is not valid JSON');
  }
}
