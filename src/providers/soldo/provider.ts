import { contracts } from '../../environments.js';
import type { ProviderDescriptor } from '../descriptor.js';
import { soldoTokenRequest } from './auth.js';

/**
 * Soldo (providers.md §3): client credentials in the form body, and the advanced authentication's fingerprint
 * signatures, whose code (RSA, the fingerprint orders) is imported only when a request is signed.
 */
export const soldo = {
  id: 'soldo',
  name: 'Soldo',
  ...contracts.soldo,
  demoCredentials: { client_id: 'demo-soldo-client', client_secret: 'demo-soldo-secret', fingerprint_token: 'DEMOFINGERPRINTTOKEN' },
  token: { service: 'api_url', paths: ['/oauth/authorize'], clientAuth: 'form', request: soldoTokenRequest },
  signing: {
    sign: async (credentials, request, now) => (await import('./sign-request.js')).signSoldoRequest(credentials, request, now),
    requireToken: async (credentials) => (await import('./signing.js')).requireFingerprintToken(credentials),
    loadKey: async (credentials) => (await import('./signing.js')).loadSigningKey(credentials),
  },
  async declaredContentType(method, pathname) {
    const order = (await import('./orders.js')).matchOperation(method, pathname)?.order;
    return order?.contentType === undefined ? undefined : { operation: order.operationId, contentType: order.contentType };
  },
} satisfies ProviderDescriptor;
