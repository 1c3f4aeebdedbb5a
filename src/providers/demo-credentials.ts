import { finapi } from './finapi/provider.js';
import { solaris } from './solaris/provider.js';
import { soldo } from './soldo/provider.js';

/** The emulator's built-in credentials of every provider (see `ProviderDescriptor.demoCredentials`), as the emulator announces them. */
export const demoCredentials = { solaris: solaris.demoCredentials, finapi: finapi.demoCredentials, soldo: soldo.demoCredentials };
