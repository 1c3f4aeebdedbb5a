import type { ProviderId } from '../environments.js';
import type { ProviderDescriptor } from './descriptor.js';
import { finapi } from './finapi/provider.js';
import { solaris } from './solaris/provider.js';
import { soldo } from './soldo/provider.js';

/** Every provider's descriptor, by id. */
export const descriptors: Readonly<Record<ProviderId, ProviderDescriptor>> = { solaris, finapi, soldo };
