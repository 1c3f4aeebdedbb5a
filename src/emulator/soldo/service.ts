import { randomBytes } from 'node:crypto';
import { loadPublicKey } from '../../core/soldo/signature.js';
import { defaultBaseUrl } from '../../environments.js';
import { demoCredentials } from '../../providers/demo-credentials.js';
import { DEMO_SOLDO_PUBLIC_KEY_PEM } from '../../providers/soldo/demo-key.js';
import { soldoOrders } from '../../providers/soldo/orders.js';
import type { EmulatedProvider, EmuRequest, EmulatorEnv, Route } from '../types.js';
import { createSoldoData } from './demo-data.js';
import { soldoError } from './error-format.js';
import { ok, soldoRoute, SoldoFailure } from './http.js';
import { createVerifier, type VerifiedRequest } from './request-verification.js';
import { signedResources, unsignedResources } from './resources.js';

/**
 * Soldo on the emulator: `/oauth/authorize`, the demo company's data, and every operation of the fingerprint-order
 * table, each verified (fingerprint, signature against `publicKeyPem` or the demo key, request_timestamp) before it
 * answers with data or, where the emulator has none, with what it verified.
 */
export function soldoEmulator(env: EmulatorEnv, options: { publicKeyPem?: string }): EmulatedProvider {
  const prefix = defaultBaseUrl('emulator', 'soldo', 'api_url', '');
  if (prefix === undefined) throw new Error('Soldo has no emulator prefix');
  const verify = createVerifier(env, loadPublicKey(options.publicKeyPem ?? DEMO_SOLDO_PUBLIC_KEY_PEM));
  const data = createSoldoData();
  const withData = signedResources(env, data);
  const signed = soldoOrders.map((order) =>
    soldoRoute(
      env,
      order.method,
      order.path.replace(/\{([^}]+)\}/g, ':$1'),
      (req) => {
        const verified = verify(req);
        return (withData[verified.operationId] ?? echo)(req, verified);
      },
      { bearer: true },
    ),
  );
  const unsigned = unsignedResources(data).map((r) => soldoRoute(env, r.method, r.path, r.handler, { bearer: true }));
  return { root: '/soldo', errorFormat: soldoError, services: [{ prefix, routes: [authorizeRoute(env), ...unsigned, ...signed] }] };
}

/** Standard authentication: a form body with the client credentials; `expires_in` is a string, as Soldo sends it. */
function authorizeRoute(env: EmulatorEnv): Route {
  return soldoRoute(
    env,
    'POST',
    '/oauth/authorize',
    (req: EmuRequest) => {
      const form = new URLSearchParams(req.rawBody.toString('utf8'));
      const client = demoCredentials.soldo;
      if (form.get('client_id') !== client.client_id || form.get('client_secret') !== client.client_secret) {
        throw new SoldoFailure(401, 'UNAUTHORIZED', 'Bad client credentials (send client_id and client_secret as a form body)');
      }
      const issued = env.tokens.issue('soldo', client.client_id);
      return ok({
        refresh_token: randomBytes(32).toString('base64url'),
        token_type: 'bearer',
        access_token: issued.token,
        expires_in: String(env.tokenTtlSeconds),
      });
    },
    { bearer: false },
  );
}

/** The answer of a signed operation without demo data: which operation, and the fields its fingerprint covered. */
function echo(_req: EmuRequest, verified: VerifiedRequest) {
  return ok({
    operation: verified.operationId,
    fingerprint_verified: true,
    fields: verified.rows.map((row) => ({ field: row.field, value: row.value ?? null, source: row.source ?? null })),
  });
}
