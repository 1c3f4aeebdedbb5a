import type { ProviderId } from '../environments.js';

/**
 * The emulator's built-in credentials. They unlock only the local emulator, so they are public by design; the
 * CLI uses them in the emulator environment when nothing else sets a value.
 */
export const demoCredentials = {
  solaris: { client_id: 'demo-solaris-client', client_secret: 'demo-solaris-secret' },
  finapi: { client_id: 'demo-finapi-client', client_secret: 'demo-finapi-secret' },
  soldo: { client_id: 'demo-soldo-client', client_secret: 'demo-soldo-secret', fingerprint_token: 'DEMOFINGERPRINTTOKEN' },
} as const satisfies Record<ProviderId, Record<string, string>>;
