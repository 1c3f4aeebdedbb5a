import type { EmulatorEnv, Service } from '../../emulator/types.js';
import { accessRoutes } from './emulator-access.js';
import { finapiPrefix } from './emulator-http.js';
import { giroidentRoutes } from './emulator-giroident.js';
import { processRoutes } from './emulator-process.js';
import { FinapiState } from './emulator-state.js';

/** finAPI on the emulator: Access, the Process Controller and GiroIdent, sharing users, processes and tokens. */
export function finapiServices(env: EmulatorEnv): Service[] {
  const state = new FinapiState(env);
  return [
    { prefix: finapiPrefix('api_url'), routes: accessRoutes(env, state) },
    { prefix: finapiPrefix('process_url'), routes: processRoutes(env, state) },
    { prefix: finapiPrefix('giroident_url'), routes: giroidentRoutes(env, state) },
  ];
}
