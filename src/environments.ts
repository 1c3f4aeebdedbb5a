/** The environments of the CLI contract and the providers' base URLs in each. */
export const environments = ['sandbox', 'production', 'emulator'] as const;
export type EnvironmentName = (typeof environments)[number];

export const providers = ['solaris', 'finapi', 'soldo'] as const;
export type ProviderId = (typeof providers)[number];

/** Which base URLs each provider has; config keys are the same names (`api_url`, `auth_url`, …). */
export const urlKinds = {
  solaris: ['auth_url', 'api_url'],
  finapi: ['api_url', 'process_url', 'giroident_url'],
  soldo: ['api_url'],
} as const satisfies Record<ProviderId, readonly UrlKind[]>;
export type UrlKind = 'auth_url' | 'api_url' | 'process_url' | 'giroident_url';

export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:4010';

type UrlTable = Partial<Record<UrlKind, string>>;

const remoteUrls: Record<Exclude<EnvironmentName, 'emulator'>, Record<ProviderId, UrlTable>> = {
  sandbox: {
    solaris: { auth_url: 'https://auth.solaris-sandbox.de', api_url: 'https://api.solaris-sandbox.de' },
    finapi: {
      api_url: 'https://sandbox.finapi.io',
      process_url: 'https://di-processctl-finapi-general-sandbox.finapi.io',
      giroident_url: 'https://giroident2-sandbox.finapi.io',
    },
    soldo: { api_url: 'https://api-demo.soldocloud.net' },
  },
  production: {
    solaris: { auth_url: 'https://auth.solarisbank.de', api_url: 'https://api.solarisbank.de' },
    finapi: {
      // Unconfirmed by finAPI's public docs (see docs/finapi.md); override with FINTECH_CLI_FINAPI_API_URL.
      api_url: 'https://live.finapi.io',
      process_url: 'https://di-processctl-finapi-general-live.finapi.io',
      // No public production GiroIdent host is documented: set FINTECH_CLI_FINAPI_GIROIDENT_URL or giroident_url.
    },
    soldo: { api_url: 'https://api.soldo.com' },
  },
};

/** Path prefix of each provider service on the emulator's single port (CLI contract). */
const emulatorPrefixes: Record<ProviderId, UrlTable> = {
  solaris: { auth_url: '/solaris/auth', api_url: '/solaris/api' },
  finapi: { api_url: '/finapi/access', process_url: '/finapi/process', giroident_url: '/finapi/giroident' },
  soldo: { api_url: '/soldo' },
};

/** The built-in base URL of a provider service, or undefined where none is known. */
export function defaultBaseUrl(
  env: EnvironmentName,
  provider: ProviderId,
  kind: UrlKind,
  emulatorUrl: string = DEFAULT_EMULATOR_URL,
): string | undefined {
  if (env === 'emulator') {
    const prefix = emulatorPrefixes[provider][kind];
    return prefix === undefined ? undefined : emulatorUrl.replace(/\/+$/, '') + prefix;
  }
  return remoteUrls[env][provider][kind];
}

export function isEnvironmentName(value: string): value is EnvironmentName {
  return (environments as readonly string[]).includes(value);
}

export function isProviderId(value: string): value is ProviderId {
  return (providers as readonly string[]).includes(value);
}
