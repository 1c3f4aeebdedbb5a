import { randomBytes } from 'node:crypto';
import { demoCredentials } from '../../providers/demo-credentials.js';
import { MAX_EXCHANGES } from '../../providers/finapi/process-token-rules.js';
import type { EmuRequest, EmulatorEnv, Route } from '../types.js';
import { FinapiFailure, finapiRoute, jsonObject, requiredString } from './http.js';
import type { FinapiProcess, FinapiState } from './state.js';

/** finAPI's Process Controller: process tokens for GiroIdent, exchanged for user tokens. */
export function processRoutes(env: EmulatorEnv, state: FinapiState): Route[] {
  const create = (req: EmuRequest) => ({ status: 200, body: { processes: createProcesses(state, req) } });
  const exchange = (req: EmuRequest) => ({ status: 200, body: { accessToken: exchangeProcess(state, req) } });
  // The integration guide writes `/processes`, the API reference `/api/v1/processes`: both are served.
  return ['/api/v1/processes', '/processes'].flatMap((path) => [
    finapiRoute(env, 'POST', path, create),
    finapiRoute(env, 'GET', `${path}/:processToken`, exchange),
  ]);
}

const PROCESS_IDS = ['GIROIDENT'];

function createProcesses(state: FinapiState, req: EmuRequest) {
  const body = jsonObject(req);
  const clientId = requiredString(body, 'clientId');
  const clientSecret = requiredString(body, 'clientSecret');
  const processId = requiredString(body, 'processId');
  const references = clientReferences(body.clientReferences);
  const client = demoCredentials.finapi;
  if (clientId !== client.client_id || clientSecret !== client.client_secret) {
    throw new FinapiFailure(401, 'UNAUTHORIZED_ACCESS', 'Bad client credentials.');
  }
  if (!PROCESS_IDS.includes(processId)) {
    throw new FinapiFailure(400, 'ILLEGAL_FIELD_VALUE', `Unknown processId ${processId}; known: ${PROCESS_IDS.join(', ')}.`);
  }
  return references.map((clientReference) => {
    const process: FinapiProcess = { token: randomBytes(24).toString('hex'), clientReference, exchanges: 0, invalidated: false };
    state.processes.set(process.token, process);
    return { clientReference, processToken: process.token };
  });
}

function clientReferences(value: unknown): string[] {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    throw new FinapiFailure(400, 'MISSING_FIELD', 'clientReferences is required.');
  }
  if (!Array.isArray(value)) throw new FinapiFailure(400, 'ILLEGAL_FIELD_VALUE', 'clientReferences must be a list.');
  return value.map((item, i) => {
    const reference = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).clientReference : undefined;
    if (typeof reference !== 'string' || reference === '') {
      throw new FinapiFailure(400, 'MISSING_FIELD', `clientReferences[${i}].clientReference is required.`);
    }
    return reference;
  });
}

function exchangeProcess(state: FinapiState, req: EmuRequest): string {
  const invalidate = req.query.get('invalidate') ?? 'false';
  if (invalidate !== 'true' && invalidate !== 'false') {
    throw new FinapiFailure(400, 'ILLEGAL_FIELD_VALUE', 'invalidate must be true or false.');
  }
  const process = state.processes.get(req.params.processToken ?? '');
  if (process === undefined) throw new FinapiFailure(404, 'UNKNOWN_ENTITY', 'Unknown process token.');
  if (process.invalidated) {
    throw new FinapiFailure(409, 'ILLEGAL_ENTITY_STATE', 'The process token was invalidated by an earlier exchange.');
  }
  if (process.exchanges >= MAX_EXCHANGES) {
    throw new FinapiFailure(409, 'ILLEGAL_ENTITY_STATE', `The process token was already exchanged ${MAX_EXCHANGES} times.`);
  }
  process.exchanges++;
  process.invalidated = invalidate === 'true';
  return state.issue({ kind: 'identity', process }, { reuse: false }).token;
}
