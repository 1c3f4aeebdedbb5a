import { contracts } from '../../environments.js';
import type { ProviderDescriptor } from '../descriptor.js';
import { solarisTokenRequest } from './auth.js';

/** Solaris (providers.md §1): a separate auth host, client credentials in Basic auth. */
export const solaris = {
  id: 'solaris',
  name: 'Solaris',
  ...contracts.solaris,
  demoCredentials: { client_id: 'demo-solaris-client', client_secret: 'demo-solaris-secret' },
  token: { service: 'auth_url', paths: ['/oauth2/token'], clientAuth: 'basic', request: solarisTokenRequest },
} satisfies ProviderDescriptor;
