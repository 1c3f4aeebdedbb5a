import type { ProviderDescriptor } from '../descriptor.js';
import { solarisTokenRequest } from './auth.js';

const urlKinds = ['auth_url', 'api_url'] as const;

/** Solaris (providers.md §1): a separate auth host, client credentials in Basic auth. */
export const solaris = {
  id: 'solaris',
  name: 'Solaris',
  urlKinds,
  baseUrls: {
    sandbox: { auth_url: 'https://auth.solaris-sandbox.de', api_url: 'https://api.solaris-sandbox.de' },
    production: { auth_url: 'https://auth.solarisbank.de', api_url: 'https://api.solarisbank.de' },
  },
  emulatorPrefixes: { auth_url: '/solaris/auth', api_url: '/solaris/api' },
  settingKeys: ['client_id', 'client_secret', ...urlKinds],
  demoCredentials: { client_id: 'demo-solaris-client', client_secret: 'demo-solaris-secret' },
  token: { service: 'auth_url', paths: ['/oauth2/token'], clientAuth: 'basic', request: solarisTokenRequest },
} satisfies ProviderDescriptor;
