import authLogout from './auth/logout.js';
import authStatus from './auth/status.js';
import authToken, { providerShortcuts as authShortcuts } from './auth/token.js';
import configGet from './config/get.js';
import configList from './config/list.js';
import configPath from './config/path.js';
import configSet from './config/set.js';
import configUnset from './config/unset.js';
import login from './login.js';
import { soldoCommands } from './soldo/index.js';
import type { CommandSpec } from './spec.js';

/** Every command, in help order. */
export const commands: readonly CommandSpec[] = [login, configSet, configGet, configList, configUnset, configPath, authToken, ...authShortcuts, authStatus, authLogout, ...soldoCommands];
