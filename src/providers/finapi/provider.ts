import { randomUUID } from 'node:crypto';
import { contracts } from '../../environments.js';
import type { ProviderDescriptor } from '../descriptor.js';
import { finapiTokenRequest, passwordNeeded, passwordRefused } from './auth.js';

/** finAPI (providers.md §2): Access with its users, the Process Controller and GiroIdent, each on a host of its own. */
export const finapi = {
  id: 'finapi',
  name: 'finAPI',
  ...contracts.finapi,
  demoCredentials: { client_id: 'demo-finapi-client', client_secret: 'demo-finapi-secret' },
  token: {
    service: 'api_url',
    // Access v2 and v1 (and the integration guide's) token and revoke paths.
    paths: ['/api/v2/oauth/token', '/oauth/token', '/api/v2/oauth/revoke', '/oauth/revoke'],
    clientAuth: 'form',
    request: (apiUrl, clientId, clientSecret) => finapiTokenRequest(apiUrl, clientId, clientSecret, { type: 'client_credentials' }),
  },
  userTokens: { request: finapiTokenRequest, passwordRefused, passwordNeeded },
  requestHeaders: () => ({ 'X-Request-Id': randomUUID() }),
} satisfies ProviderDescriptor;
