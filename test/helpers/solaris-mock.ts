import type { MockAgent } from 'undici';
import { HostMock } from './host-mock.js';

export const solarisHosts = {
  sandbox: { auth: 'https://auth.solaris-sandbox.de', api: 'https://api.solaris-sandbox.de' },
  production: { auth: 'https://auth.solarisbank.de', api: 'https://api.solarisbank.de' },
} as const;

/** Solaris' two hosts of an environment on a MockAgent: the OAuth2 token endpoint and the API. */
export class SolarisMock extends HostMock<'auth' | 'api'> {
  constructor(agent: MockAgent, environment: keyof typeof solarisHosts = 'sandbox') {
    super(agent, solarisHosts[environment]);
  }

  /** One answer of the token endpoint: 201 with a token valid for an hour, as Solaris answers. */
  token(accessToken: string): void {
    this.answer('auth', 'POST', '/oauth2/token', 201, { access_token: accessToken, expires_in: 3599, scope: 'partners', token_type: 'bearer' });
  }

  /** One refusal of the token endpoint: 401 with Solaris' error body. */
  refuseToken(error: Record<string, string> = { id: 'e1', code: 'unauthorized', title: 'Unauthorized' }): void {
    this.answer('auth', 'POST', '/oauth2/token', 401, { errors: [{ status: 401, ...error }] });
  }
}
