import type { MockAgent } from 'undici';
import { HostMock } from './host-mock.js';

export type { SeenRequest } from './host-mock.js';

export const finapiHosts = {
  access: 'https://sandbox.finapi.io',
  process: 'https://di-processctl-finapi-general-sandbox.finapi.io',
  giroident: 'https://giroident2-sandbox.finapi.io',
} as const;

/** finAPI's Access, Process Controller and GiroIdent sandbox hosts, echoing each request's X-Request-Id as finAPI does. */
export class FinapiMock extends HostMock<keyof typeof finapiHosts> {
  constructor(agent: MockAgent) {
    super(agent, finapiHosts);
  }

  protected override answerHeaders(requestHeaders: Record<string, string>): Record<string, string> {
    const id = requestHeaders['x-request-id'];
    return id === undefined ? {} : { 'x-request-id': id };
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

/** finAPI Access's (and the Process Controller's) error body: `ErrorMessage` of spec/finapi/access-v2-2024.18.1.schema.json. */
export function finapiErrorBody(code: string, message: string): Record<string, unknown> {
  return { errors: [{ message, code, type: 'BUSINESS' }], date: '2026-11-25T12:00:00.000Z', requestId: 'selfgen-test', endpoint: 'test', authContext: '1/2' };
}

/** GiroIdent v2's error body: `ApiError` of spec/finapi/giroident-v2-2022.34.1.schema.json. */
export function giroidentErrorBody(code: string, message: string): Record<string, unknown> {
  return { 'error-code': code, 'error-message': message, time: '2026-11-25T12:00:00.000Z', 'request-id': 'selfgen-test' };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
