import authLogout from './auth/logout.js';
import authStatus from './auth/status.js';
import authToken, { providerShortcuts as authShortcuts } from './auth/token.js';
import configGet from './config/get.js';
import configList from './config/list.js';
import configPath from './config/path.js';
import configSet from './config/set.js';
import configUnset from './config/unset.js';
import emulator from './emulator.js';
import { finapiCommands } from './finapi/index.js';
import { giroidentCommands } from './giroident/index.js';
import login from './login.js';
import { requestCommands } from './request/index.js';
import { solarisCommands } from './solaris/index.js';
import { soldoCommands } from './soldo/index.js';
import type { CommandSpec } from './spec.js';
import { webhooksCommands } from './webhooks/index.js';

/** Every command, in help order. */
export const commands: readonly CommandSpec[] = [
  login,
  configSet,
  configGet,
  configList,
  configUnset,
  configPath,
  authToken,
  ...authShortcuts,
  authStatus,
  authLogout,
  ...webhooksCommands,
  ...solarisCommands,
  ...giroidentCommands,
  ...finapiCommands,
  ...soldoCommands,
  ...requestCommands,
  emulator,
];
