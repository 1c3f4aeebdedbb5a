import { randomUUID } from 'node:crypto';
import type { ProviderDescriptor } from '../descriptor.js';
import { finapiTokenRequest, passwordNeeded, passwordRefused } from './auth.js';

const urlKinds = ['api_url', 'process_url', 'giroident_url'] as const;

/** finAPI (providers.md §2): Access with its users, the Process Controller and GiroIdent, each on a host of its own. */
export const finapi = {
  id: 'finapi',
  name: 'finAPI',
  urlKinds,
  baseUrls: {
    sandbox: {
      api_url: 'https://sandbox.finapi.io',
      process_url: 'https://di-processctl-finapi-general-sandbox.finapi.io',
      giroident_url: 'https://giroident2-sandbox.finapi.io',
    },
    production: {
      // Unconfirmed by finAPI's public docs (see docs/finapi.md); override with FINTECH_CLI_FINAPI_API_URL.
      api_url: 'https://live.finapi.io',
      process_url: 'https://di-processctl-finapi-general-live.finapi.io',
      // No public production GiroIdent host is documented: set FINTECH_CLI_FINAPI_GIROIDENT_URL or giroident_url.
    },
  },
  emulatorPrefixes: { api_url: '/finapi/access', process_url: '/finapi/process', giroident_url: '/finapi/giroident' },
  settingKeys: ['client_id', 'client_secret', ...urlKinds],
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
