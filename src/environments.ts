/**
 * The CLI contract's vocabulary: environments, providers, and what each provider is configured with (its base URLs,
 * its settings, the built-in URLs of each environment). Every layer reads it, the config included, so it lives here;
 * each provider's descriptor (providers/<id>/provider.ts) adds to it how to talk to the provider.
 */
import type { SettingKey } from './core/credentials.js';

/** The built-in environments: they keep their meaning and cannot be redefined. */
export const environments = ['sandbox', 'production', 'emulator'] as const;
export type BuiltinEnvironment = (typeof environments)[number];
/**
 * Any environment's name: a built-in one, or one of the user's own, defined by storing settings for it
 * (`config set solaris --env staging --api-url …`; config/custom-environments.ts).
 */
export type EnvironmentName = string;

export const providers = ['solaris', 'finapi', 'soldo'] as const;
export type ProviderId = (typeof providers)[number];

export type UrlKind = 'auth_url' | 'api_url' | 'process_url' | 'giroident_url';

export interface ProviderContract {
  /** Its base URLs; config keys, `FINTECH_CLI_<PROVIDER>_<KIND>` and `request --api` use the same names. */
  readonly urlKinds: readonly UrlKind[];
  /** Every setting stored for it, in the order help and errors list them: credentials, signing material, base URLs. */
  readonly settingKeys: readonly SettingKey[];
  /** The built-in base URLs of the remote environments; a kind left out has none (the user sets it). */
  readonly baseUrls: Readonly<Record<Exclude<BuiltinEnvironment, 'emulator'>, Partial<Record<UrlKind, string>>>>;
  /** The path of each service on the emulator's single port. */
  readonly emulatorPrefixes: Partial<Record<UrlKind, string>>;
}

/** Which base URLs each provider has; config keys are the same names (`api_url`, `auth_url`, …). */
export const urlKinds = {
  solaris: ['auth_url', 'api_url'],
  finapi: ['api_url', 'process_url', 'giroident_url'],
  soldo: ['api_url'],
} as const satisfies Record<ProviderId, readonly UrlKind[]>;

export const contracts: Readonly<Record<ProviderId, ProviderContract>> = {
  solaris: {
    urlKinds: urlKinds.solaris,
    settingKeys: ['client_id', 'client_secret', ...urlKinds.solaris],
    baseUrls: {
      sandbox: { auth_url: 'https://auth.solaris-sandbox.de', api_url: 'https://api.solaris-sandbox.de' },
      production: { auth_url: 'https://auth.solarisbank.de', api_url: 'https://api.solarisbank.de' },
    },
    emulatorPrefixes: { auth_url: '/solaris/auth', api_url: '/solaris/api' },
  },
  finapi: {
    urlKinds: urlKinds.finapi,
    settingKeys: ['client_id', 'client_secret', ...urlKinds.finapi],
    baseUrls: {
      sandbox: {
        api_url: 'https://sandbox.finapi.io',
        process_url: 'https://di-processctl-finapi-general-sandbox.finapi.io',
        giroident_url: 'https://giroident2-sandbox.finapi.io',
      },
      production: {
        // Unconfirmed by finAPI's public docs (see docs/finapi.md); override with FINTECH_CLI_FINAPI_API_URL.
        api_url: 'https://live.finapi.io',
        process_url: 'https://di-processctl-finapi-general-live.finapi.io',
        // No public production GiroIdent host is documented: set FINTECH_CLI_FINAPI_GIROIDENT_URL or giroident_url.
      },
    },
    emulatorPrefixes: { api_url: '/finapi/access', process_url: '/finapi/process', giroident_url: '/finapi/giroident' },
  },
  soldo: {
    urlKinds: urlKinds.soldo,
    // The fingerprint token and the RSA key file sign requests (Soldo's advanced authentication).
    settingKeys: ['client_id', 'client_secret', 'fingerprint_token', 'private_key_file', ...urlKinds.soldo],
    baseUrls: {
      sandbox: { api_url: 'https://api-demo.soldocloud.net' },
      production: { api_url: 'https://api.soldo.com' },
    },
    emulatorPrefixes: { api_url: '/soldo' },
  },
};

export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:4010';

/** The built-in base URL of a provider service, or undefined where none is known (any environment of the user's own). */
export function defaultBaseUrl(
  env: EnvironmentName,
  provider: ProviderId,
  kind: UrlKind,
  emulatorUrl: string = DEFAULT_EMULATOR_URL,
): string | undefined {
  const contract = contracts[provider];
  if (env === 'emulator') {
    const prefix = contract.emulatorPrefixes[kind];
    return prefix === undefined ? undefined : emulatorUrl.replace(/\/+$/, '') + prefix;
  }
  return env === 'sandbox' || env === 'production' ? contract.baseUrls[env][kind] : undefined;
}

export function isBuiltinEnvironment(value: string): value is BuiltinEnvironment {
  return (environments as readonly string[]).includes(value);
}

export function isProviderId(value: string): value is ProviderId {
  return (providers as readonly string[]).includes(value);
}
