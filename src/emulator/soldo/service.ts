import { randomBytes } from 'node:crypto';
import { loadPublicKey } from '../../core/soldo/signature.js';
import { defaultBaseUrl } from '../../environments.js';
import { demoCredentials } from '../../providers/demo-credentials.js';
import { DEMO_SOLDO_PUBLIC_KEY_PEM } from '../../providers/soldo/demo-key.js';
import { soldoOrders } from '../../providers/soldo/orders.js';
import { contractFor, type OperationDescription } from '../contract.js';
import type { EmulatedProvider, EmuRequest, EmulatorEnv, Route } from '../types.js';
import description from './contract.json' with { type: 'json' };
import { createSoldoData } from './demo-data.js';
import { soldoError } from './error-format.js';
import { checkBearer, ok, soldoRoute, SoldoFailure } from './http.js';
import { peopleAndSettingsHandlers } from './people-and-settings.js';
import { createVerifier } from './request-verification.js';
import { spendingHandlers } from './spending.js';
import { isoSeconds, type OperationHandlers, type SoldoContext } from './store.js';
import { transactionHandlers } from './transactions.js';
import { createVerificationLog } from './verifications.js';
import { walletAndCardHandlers } from './wallets-and-cards.js';

/** An operation of the generated contract.json: its route and what Soldo's description asks of its requests. */
interface DescribedOperation extends Omit<OperationDescription, 'spec' | 'root'> {
  method: string;
  /** The spec's path template, e.g. `/business/v2/cards/{cardId}`. */
  path: string;
}

const described = description as unknown as { version: string; operations: Record<string, DescribedOperation> };

/**
 * Soldo on the emulator: `/oauth/authorize` and the operations of Soldo's OpenAPI export 5.56.0 that contract.json
 * lists, answering from the demo company's state. Every `/business/v2` call needs a Bearer token; the operations of
 * the fingerprint-order table also Soldo's advanced authentication (fingerprint, signature against `publicKeyPem` or
 * the demo key, request_timestamp). Both run as `authenticate`, before the request is held against its description.
 */
export function soldoEmulator(env: EmulatorEnv, options: { publicKeyPem?: string }): EmulatedProvider {
  const prefix = defaultBaseUrl('emulator', 'soldo', 'api_url', '');
  if (prefix === undefined) throw new Error('Soldo has no emulator prefix');
  const verifications = createVerificationLog();
  const verify = createVerifier(env, loadPublicKey(options.publicKeyPem ?? DEMO_SOLDO_PUBLIC_KEY_PEM), verifications.add);
  const signed = new Set(soldoOrders.map((order) => order.operationId));
  const ctx: SoldoContext = { data: createSoldoData(), now: () => isoSeconds(env.now()) };
  const handlers: OperationHandlers = {
    authorize: (req) => authorize(env, req),
    ...walletAndCardHandlers(ctx),
    ...peopleAndSettingsHandlers(ctx),
    ...spendingHandlers(ctx),
    ...transactionHandlers(ctx),
  };
  const routes = Object.entries(described.operations).map(([operationId, operation]): Route => {
    const handler = handlers[operationId];
    if (handler === undefined) throw new Error(`Soldo's ${operationId} is described but has no handler`);
    const authenticate =
      operationId === 'authorize'
        ? undefined
        : (req: EmuRequest) => {
            checkBearer(env, req);
            if (signed.has(operationId)) verify(req);
          };
    const contract = contractFor({ ...operation, spec: `soldo-business-api-${described.version} ${operationId}`, root: description });
    return soldoRoute(operation.method, operation.path.replace(/\{([^}]+)\}/g, ':$1'), handler, { authenticate, contract });
  });
  const inspector = {
    state: () => ({
      wallets: ctx.data.wallets.map(({ id, name, currency_code, available_amount, blocked_amount }) => ({ id, name, currency_code, available_amount, blocked_amount })),
      verifications: verifications.view(),
    }),
  };
  return { root: '/soldo', errorFormat: soldoError, services: [{ prefix, routes: routes.sort(literalFirst) }], inspector };
}

/** Standard authentication: a form body with the client credentials; `expires_in` is a string, as Soldo sends it. */
function authorize(env: EmulatorEnv, req: EmuRequest) {
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
}

/** Routes with a literal segment where another has a parameter come first (`/employees/create` before `/employees/:userId`). */
function literalFirst(a: Route, b: Route): number {
  const [left, right] = [a.path.split('/'), b.path.split('/')];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const rank = Number(left[i]?.startsWith(':')) - Number(right[i]?.startsWith(':'));
    if (rank !== 0) return rank;
  }
  return 0;
}
