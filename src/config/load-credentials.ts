/**
 * Loads a provider's credentials and base URLs: flags, `FINTECH_CLI_<PROVIDER>_<KEY>` variables, the config file and
 * built-in defaults, in that order (the precedence itself is core/credentials.ts; a run's session caches the result,
 * providers/session.ts). Secrets are resolved only when asked for, so a broken `env:` reference in one key cannot
 * fail a command that never uses it.
 */
import type { Env } from '../core/env.js';
import {
  envVarName,
  isSecretKey,
  resolveProviderSettings,
  type SettingKey,
  type SettingSource,
} from '../core/credentials.js';
import { scopeFlags } from '../core/scope-flags.js';
import { contracts, DEFAULT_EMULATOR_URL, defaultBaseUrl, type EnvironmentName, type ProviderId, type UrlKind } from '../environments.js';
import { AuthError } from '../errors.js';
import { parseBaseUrl } from '../core/urls.js';
import { type ConfigDoc, getProviderSettings, openConfig, requireKnownEnvironment } from './config-file.js';
import { elsewhereHint, storedElsewhere } from './custom-environments.js';
import { configFilePath } from './paths.js';
import { expandPath, resolveSecret } from './secrets.js';

export interface LoadCredentialsOptions {
  provider: ProviderId;
  env: EnvironmentName;
  /** Where the environment was chosen (`--env`, `FINTECH_CLI_ENV`), for the error when it is unknown. */
  envFrom?: string;
  profile: string;
  /** Values given on the command line, by setting key. */
  flags: Partial<Record<SettingKey, string>>;
  vars: Env;
  configDir: string;
  cwd: string;
  /** The emulator's base URL; default `FINTECH_CLI_EMULATOR_URL`, else http://127.0.0.1:4010. */
  emulatorUrl?: string;
  /** Used when nothing else sets a key, e.g. the emulator's demo credentials. */
  defaults?: Partial<Record<SettingKey, string>>;
  /** Told about a variable that was set and not applied (a URL variable under the emulator). */
  warn?: (message: string) => void;
}

export interface Setting {
  value: string;
  source: SettingSource;
}

/** Soldo's signing key: PEM text (`FINTECH_CLI_SOLDO_PRIVATE_KEY`) or an absolute path to a PEM file. */
export type PrivateKeySource = { kind: 'pem'; pem: string; source: SettingSource } | { kind: 'file'; path: string; source: SettingSource };

export interface Credentials {
  readonly provider: ProviderId;
  readonly environment: EnvironmentName;
  readonly profile: string;
  /** Every setting that has a value, as written (secret references unresolved), and where it came from. */
  readonly settings: Partial<Record<SettingKey | 'private_key', Setting>>;
  /** A setting's value with `env:`/`file:` references of secret keys resolved; undefined when nothing sets it. */
  get(key: SettingKey): Promise<string | undefined>;
  /** Like `get`, but a missing value is an AuthError (exit 4) that says how to provide it. */
  require(key: SettingKey): Promise<string>;
  /** The base URL of a service: the override (checked to be http or https) or the environment's own; no trailing slash. */
  baseUrl(kind: UrlKind): string | undefined;
  /** The signing secret stored for a webhook id by `webhooks create`, references resolved. */
  webhookSecret(id: string): Promise<string | undefined>;
  /** A key file given as a flag wins; then the PEM text variable; then a key file from a variable or the config file. */
  privateKey(): PrivateKeySource | undefined;
}

export async function loadCredentials(options: LoadCredentialsOptions): Promise<Credentials> {
  const { provider, env: environment, profile, cwd } = options;
  const { settingKeys, urlKinds } = contracts[provider];
  const doc = await openConfig(options.configDir).read();
  requireKnownEnvironment(doc, environment, options.envFrom);
  const stored = getProviderSettings(doc, profile, provider, environment);
  const vars = environment === 'emulator' ? withoutUrlVariables(provider, options.vars, options.warn) : options.vars;
  const emulatorUrl = options.emulatorUrl ?? (vars.FINTECH_CLI_EMULATOR_URL || DEFAULT_EMULATOR_URL);
  if (environment === 'emulator') {
    parseBaseUrl(emulatorUrl, options.emulatorUrl === undefined ? 'URL in FINTECH_CLI_EMULATOR_URL' : 'emulator URL');
  }
  const defaults: Partial<Record<SettingKey, string>> = { ...options.defaults };
  for (const kind of urlKinds) defaults[kind] ??= defaultBaseUrl(environment, provider, kind, emulatorUrl);

  const resolved = resolveProviderSettings(provider, settingKeys, { flags: options.flags, vars, config: stored, defaults });
  const settings: Credentials['settings'] = {};
  for (const [key, setting] of Object.entries(resolved) as [SettingKey, (typeof resolved)[SettingKey]][]) {
    if (setting?.source !== undefined) settings[key] = { value: setting.value, source: setting.source };
  }
  // A provider that signs with a key file also takes the key's PEM text in a variable (Soldo).
  const pem = settingKeys.includes('private_key_file') ? vars[envVarName(provider, 'private_key')] : undefined;
  if (pem) settings.private_key = { value: pem, source: 'env' };

  const where = { provider, environment, profile, configFile: configFilePath(options.configDir), doc };
  const get = async (key: SettingKey): Promise<string | undefined> => {
    const setting = settings[key];
    if (setting === undefined) return undefined;
    return isSecretKey(key) ? resolveSecret(setting.value, { env: vars, cwd }) : setting.value;
  };
  return {
    provider,
    environment,
    profile,
    settings,
    get,
    async require(key) {
      const value = await get(key);
      if (value === undefined) throw missingSetting(key, where);
      return value;
    },
    baseUrl(kind) {
      const setting = settings[kind];
      return setting === undefined ? undefined : parseBaseUrl(setting.value, urlOrigin(setting.source, kind, where));
    },
    async webhookSecret(id) {
      const secrets = stored.webhook_secrets ?? {};
      return Object.hasOwn(secrets, id) ? resolveSecret(secrets[id]!, { env: vars, cwd }) : undefined;
    },
    privateKey() {
      const file = settings.private_key_file;
      const text = settings.private_key;
      if (text !== undefined && file?.source !== 'flag') return { kind: 'pem', pem: text.value, source: text.source };
      if (file !== undefined) return { kind: 'file', path: expandPath(file.value, { env: vars, cwd }), source: file.source };
      return undefined;
    },
  };
}

/**
 * The emulator is where `--emulator` says (`FINTECH_CLI_EMULATOR_URL`): a base URL variable meant for another
 * environment must not silently send "emulator" commands elsewhere, so it is left out, and `warn` says so.
 */
function withoutUrlVariables(provider: ProviderId, vars: Env, warn: ((message: string) => void) | undefined): Env {
  const ignored = contracts[provider].urlKinds.map((kind) => envVarName(provider, kind)).filter((name) => vars[name]);
  if (ignored.length === 0) return vars;
  warn?.(`${ignored.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} ignored under --emulator; FINTECH_CLI_EMULATOR_URL moves the emulator.`);
  return Object.fromEntries(Object.entries(vars).filter(([name]) => !ignored.includes(name)));
}

interface Whereabouts {
  provider: ProviderId;
  environment: EnvironmentName;
  profile: string;
  configFile: string;
  doc: ConfigDoc;
}

function missingSetting(key: SettingKey, { provider, environment, profile, doc }: Whereabouts): AuthError {
  const flag = key === 'client_secret' ? '--client-secret-stdin' : `--${key.replaceAll('_', '-')} <value>`;
  const alternative = key === 'private_key_file' ? ` (or ${envVarName(provider, 'private_key')} with the PEM text)` : '';
  const here = { profile, env: environment };
  const elsewhere = elsewhereHint(storedElsewhere(doc, provider, here, (settings) => settings[key] !== undefined), here);
  const scope = scopeFlags(profile, environment);
  const ways = `${loginFirst(key, provider, scope)}set ${envVarName(provider, key)}${alternative}, or store it: fintech-cli config set ${provider}${scope} ${flag}`;
  return new AuthError(`No ${key} for ${provider} (${environment}, profile ${profile})`, {
    code: 'credentials_missing',
    provider,
    hint: elsewhere === undefined ? ways.charAt(0).toUpperCase() + ways.slice(1) : `${elsewhere} Or ${ways}`,
  });
}

/** `login` asks for the client credentials on a terminal and checks them: the first way to name for those two. */
function loginFirst(key: SettingKey, provider: ProviderId, scope: string): string {
  return key === 'client_id' || key === 'client_secret' ? `run fintech-cli login ${provider}${scope}, ` : '';
}

function urlOrigin(source: SettingSource, kind: UrlKind, where: Whereabouts): string {
  switch (source) {
    case 'flag':
      return `URL in --${kind.replaceAll('_', '-')}`;
    case 'env':
      return `URL in ${envVarName(where.provider, kind)}`;
    case 'config':
      return `URL in ${kind} of ${where.provider} (${where.environment}, profile ${where.profile}) in ${where.configFile}`;
    case 'default':
      return `default ${kind}`;
  }
}
