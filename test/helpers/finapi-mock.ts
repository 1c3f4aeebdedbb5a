import type { MockAgent } from 'undici';

/**
 * Test support for in-process command tests: finAPI's three sandbox hosts on an undici MockAgent, answering in
 * finAPI's formats, echoing each request's X-Request-Id as finAPI does, and recording what was sent.
 */

export const finapiHosts = {
  access: 'https://sandbox.finapi.io',
  process: 'https://di-processctl-finapi-general-sandbox.finapi.io',
  giroident: 'https://giroident2-sandbox.finapi.io',
} as const;

export interface SeenRequest {
  method: string;
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export class FinapiMock {
  readonly seen: SeenRequest[] = [];

  constructor(private readonly agent: MockAgent) {}

  /** Answers the next `method path` (query included) on `host` once; `body` may be made from the request. */
  answer(host: keyof typeof finapiHosts, method: string, path: string, status: number, body?: unknown): void {
    this.agent
      .get(finapiHosts[host])
      .intercept({ method, path })
      .reply((req) => {
        const headers = Object.fromEntries(Object.entries((req.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), String(v)]));
        const seen = { method: req.method, path: req.path, headers, body: req.body === undefined || req.body === null ? '' : String(req.body) };
        this.seen.push(seen);
        const answer: unknown = typeof body === 'function' ? (body as (request: SeenRequest) => unknown)(seen) : body;
        const responseHeaders: Record<string, string> = { 'content-type': 'application/json' };
        if (headers['x-request-id'] !== undefined) responseHeaders['x-request-id'] = headers['x-request-id'];
        return { statusCode: status, data: answer === undefined ? '' : JSON.stringify(answer), responseOptions: { headers: responseHeaders } };
      });
  }

  /** One answer of the Access token endpoint; `refresh_token` as finAPI sends it on the password grant. */
  token(accessToken: string, refreshToken?: string): void {
    this.answer('access', 'POST', '/api/v2/oauth/token', 200, {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: 3599,
      scope: 'all',
      ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    });
  }

  /** The X-Request-Id of every request so far. */
  requestIds(): string[] {
    return this.seen.map((request) => request.headers['x-request-id'] ?? '');
  }
}

/** finAPI's error body. */
export function finapiErrorBody(code: string, message: string): Record<string, unknown> {
  return { errors: [{ message, code, type: 'BUSINESS' }], date: '2026-11-25T12:00:00.000Z', endpoint: 'test', authContext: null, bank: null };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
