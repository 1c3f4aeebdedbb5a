/** The environments of the CLI contract, the providers, and each provider's built-in base URLs (from its descriptor). */
import { descriptors } from './providers/descriptors.js';

export const environments = ['sandbox', 'production', 'emulator'] as const;
export type EnvironmentName = (typeof environments)[number];

export const providers = ['solaris', 'finapi', 'soldo'] as const;
export type ProviderId = (typeof providers)[number];

export type UrlKind = 'auth_url' | 'api_url' | 'process_url' | 'giroident_url';

/** Which base URLs each provider has; config keys are the same names (`api_url`, `auth_url`, …). */
export const urlKinds = Object.fromEntries(providers.map((id) => [id, descriptors[id].urlKinds])) as Readonly<Record<ProviderId, readonly UrlKind[]>>;

export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:4010';

/** The built-in base URL of a provider service, or undefined where none is known. */
export function defaultBaseUrl(
  env: EnvironmentName,
  provider: ProviderId,
  kind: UrlKind,
  emulatorUrl: string = DEFAULT_EMULATOR_URL,
): string | undefined {
  const descriptor = descriptors[provider];
  if (env === 'emulator') {
    const prefix = descriptor.emulatorPrefixes[kind];
    return prefix === undefined ? undefined : emulatorUrl.replace(/\/+$/, '') + prefix;
  }
  return descriptor.baseUrls[env][kind];
}

export function isEnvironmentName(value: string): value is EnvironmentName {
  return (environments as readonly string[]).includes(value);
}

export function isProviderId(value: string): value is ProviderId {
  return (providers as readonly string[]).includes(value);
}
