import type { MockAgent } from 'undici';
import { HostMock } from './host-mock.js';

export const soldoHosts = { api: 'https://api-demo.soldocloud.net' } as const;

/** Soldo's demo host on a MockAgent: its token endpoint and the Business API. */
export class SoldoMock extends HostMock<keyof typeof soldoHosts> {
  constructor(agent: MockAgent) {
    super(agent, soldoHosts);
  }

  /** One answer of `/oauth/authorize`; Soldo writes `expires_in` as a string. */
  token(accessToken: string): void {
    this.answer('api', 'POST', '/oauth/authorize', 200, { access_token: accessToken, expires_in: '7200', token_type: 'bearer' });
  }
}
