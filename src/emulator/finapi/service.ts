import type { EmulatedProvider, EmulatorEnv } from '../types.js';
import { accessRoutes } from './access.js';
import { finapiError, productFormat } from './error-format.js';
import { checksView, giroidentRoutes, type GiroidentChecks } from './giroident.js';
import { finapiPrefix } from './http.js';
import { processRoutes } from './process-controller.js';
import { FinapiState } from './state.js';

/** finAPI on the emulator: Access, the Process Controller and GiroIdent, sharing users, processes and tokens. */
export function finapiEmulator(env: EmulatorEnv): EmulatedProvider {
  const state = new FinapiState(env);
  const checks: GiroidentChecks = new Map();
  const giroidentPrefix = finapiPrefix('giroident_url');
  return {
    root: '/finapi',
    errorFormat: finapiError,
    services: [
      { prefix: finapiPrefix('api_url'), routes: accessRoutes(env, state), errorFormat: productFormat('access') },
      { prefix: finapiPrefix('process_url'), routes: processRoutes(env, state), errorFormat: productFormat('process') },
      { prefix: finapiPrefix('giroident_url'), routes: giroidentRoutes(env, state, checks), errorFormat: productFormat('giroident') },
    ],
    inspector: { state: () => ({ checks: checksView(checks, (id) => `${giroidentPrefix}/web/${encodeURIComponent(id)}`) }) },
  };
}
