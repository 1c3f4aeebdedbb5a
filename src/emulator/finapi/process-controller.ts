import { randomBytes } from 'node:crypto';
import { demoCredentials } from '../../providers/demo-credentials.js';
import { MAX_EXCHANGES } from '../../providers/finapi/process-token-rules.js';
import type { EmuRequest, EmulatorEnv, Route } from '../types.js';
import { processCreateContract, processExchangeContract } from './descriptions.js';
import { FinapiFailure } from './failures.js';
import { finapiRoutes, jsonObject } from './http.js';
import type { FinapiProcess, FinapiState } from './state.js';

/** finAPI's Process Controller (spec/finapi/process-controller.schema.json): process tokens for GiroIdent, exchanged for user tokens. */
export function processRoutes(env: EmulatorEnv, state: FinapiState): Route[] {
  const route = finapiRoutes(env, state, 'process');
  const create = (req: EmuRequest) => ({ status: 200, body: { processes: createProcesses(env, state, req) } });
  const exchange = (req: EmuRequest) => ({ status: 200, body: { accessToken: exchangeProcess(state, req) } });
  // The integration guide writes `/processes`, the API reference `/api/v1/processes`: both are served.
  return ['/api/v1/processes', '/processes'].flatMap((path) => [
    route('POST', path, create, { contract: processCreateContract }),
    route('GET', `${path}/:processToken`, exchange, { contract: processExchangeContract }),
  ]);
}

interface ProcessCreateParams {
  clientId: string;
  clientSecret: string;
  clientReferences: { clientReference: string }[];
}

function createProcesses(env: EmulatorEnv, state: FinapiState, req: EmuRequest) {
  // The route's contract has checked the fields' presence and types.
  const body = jsonObject(req) as unknown as ProcessCreateParams;
  const client = demoCredentials.finapi;
  if (body.clientId !== client.client_id || body.clientSecret !== client.client_secret) {
    throw new FinapiFailure(401, 'UNAUTHORIZED_ACCESS', 'Bad client credentials.');
  }
  return body.clientReferences.map(({ clientReference }) => {
    const process: FinapiProcess = { token: randomBytes(24).toString('hex'), clientReference, exchanges: 0, invalidated: false };
    state.processes.set(process.token, process);
    env.secret?.(process.token); // exchanged in the path: GET /processes/<token>
    return { clientReference, processToken: process.token };
  });
}

function exchangeProcess(state: FinapiState, req: EmuRequest): string {
  const process = state.processes.get(req.params.processToken ?? '');
  if (process === undefined) throw new FinapiFailure(404, 'UNKNOWN_ENTITY', 'Unknown process token.');
  if (process.invalidated) {
    throw new FinapiFailure(409, 'ILLEGAL_ENTITY_STATE', 'The process token was invalidated by an earlier exchange.');
  }
  if (process.exchanges >= MAX_EXCHANGES) {
    throw new FinapiFailure(409, 'ILLEGAL_ENTITY_STATE', `The process token was already exchanged ${MAX_EXCHANGES} times.`);
  }
  process.exchanges++;
  process.invalidated = req.query.get('invalidate') === 'true';
  return state.issue({ kind: 'identity', process }, { reuse: false }).token;
}
