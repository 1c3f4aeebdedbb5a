/**
 * The config file: settings per profile × provider × environment, stored in `<config dir>/config.json`, and the
 * environments of the user's own (`environments`: each one's name and whether production guards apply to it).
 * Still version 1: `environments` is optional and only added, so every older file reads as it did.
 */
import { contracts, environments, isBuiltinEnvironment, isProviderId, type EnvironmentName, type ProviderId } from '../environments.js';
import {
  isSettingKey,
  secretKeys,
  settingKeys,
  type SecretKey,
  type SettingKey,
} from '../core/credentials.js';
import { UsageError } from '../errors.js';
import { JsonStore } from './json-store.js';
import { assertEnvironmentName, assertProfileName, isValidName } from './profile-name.js';
import { configFilePath } from './paths.js';

export { secretKeys, settingKeys, type SecretKey, type SettingKey };

export type ProviderSettings = Partial<Record<SettingKey, string>> & {
  /** Webhook signing secrets by webhook id (secrets, like `client_secret`). */
  webhook_secrets?: Record<string, string>;
};

export type ProfileSettings = Partial<Record<ProviderId, Partial<Record<EnvironmentName, ProviderSettings>>>>;

/** An environment of the user's own; its URLs and credentials are settings like any other environment's. */
export interface EnvironmentDefinition {
  /** Every production guard (confirmations, `--yes`, the demo's refusal) applies to it. */
  production_like: boolean;
}

export interface ConfigDoc {
  version: 1;
  /** The environments of the user's own by name (never a built-in name). */
  environments?: Record<string, EnvironmentDefinition>;
  profiles: Record<string, ProfileSettings>;
}

export interface SettingsTarget {
  profile: string;
  provider: ProviderId;
  env: EnvironmentName;
}

function emptyConfig(): ConfigDoc {
  return { version: 1, profiles: {} };
}

export function openConfig(dir: string): JsonStore<ConfigDoc> {
  return new JsonStore(configFilePath(dir), { empty: emptyConfig, validate: validateConfig, label: 'Config file' });
}

/** What is stored for one provider × environment of a profile (`{}` when nothing is). */
export function getProviderSettings(
  doc: ConfigDoc,
  profile: string,
  provider: ProviderId,
  env: EnvironmentName,
): ProviderSettings {
  return own(own(doc.profiles, profile)?.[provider], env) ?? {};
}

/** The built-in environments, then the user's own in the order they were defined. */
export function knownEnvironments(doc: ConfigDoc): string[] {
  return [...environments, ...Object.keys(doc.environments ?? {})];
}

/** A usage error (exit 2) for an environment that is neither built in nor defined in the file; it lists the known ones. */
export function requireKnownEnvironment(doc: ConfigDoc, env: EnvironmentName, from?: string): void {
  if (isBuiltinEnvironment(env) || own(doc.environments, env) !== undefined) return;
  throw new UsageError(`Unknown environment "${env}"${from === undefined ? '' : ` (from ${from})`}; known: ${knownEnvironments(doc).join(', ')}.`, {
    code: 'unknown_environment',
    hint: `Define it by storing its URLs, e.g.: fintech-cli config set solaris --env ${env} --auth-url <url> --api-url <url>`,
  });
}

/**
 * `record[key]` if the record has it as its own: a name like "constructor" must not find Object.prototype's (profile
 * and environment names are the user's).
 */
export function own<T>(record: Partial<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Merges `patch` into the stored settings (webhook secrets by id); undefined values leave a key as it is. An
 * environment of the user's own must be defined already, unless `definition` is given (`config set`): then settings
 * for a new name define it, not production-like unless `definition` says so.
 */
export async function setProviderSettings(
  store: JsonStore<ConfigDoc>,
  target: SettingsTarget,
  patch: ProviderSettings,
  definition?: Partial<EnvironmentDefinition>,
): Promise<ConfigDoc> {
  return (await storeProviderSettings(store, target, patch, definition)).doc;
}

/** `setProviderSettings`, also saying whether this write defined the environment (decided under the file's lock). */
export async function storeProviderSettings(
  store: JsonStore<ConfigDoc>,
  { profile, provider, env }: SettingsTarget,
  patch: ProviderSettings,
  definition?: Partial<EnvironmentDefinition>,
): Promise<{ doc: ConfigDoc; created: boolean }> {
  assertProfileName(profile);
  assertEnvironmentName(env, '--env');
  if (isBuiltinEnvironment(env) && definition?.production_like !== undefined) {
    throw new UsageError(`${env} is a built-in environment: whether it is production-like is fixed.`, {
      code: 'builtin_environment',
      hint: 'Mark an environment of your own instead: fintech-cli config set <provider> --env <name> --production-like',
    });
  }
  const allowed = contracts[provider].settingKeys;
  const foreign = settingKeys.filter((key) => patch[key] !== undefined && !allowed.includes(key));
  if (foreign.length > 0) {
    throw new UsageError(`${foreign.join(', ')} ${foreign.length === 1 ? 'is not a setting' : 'are not settings'} of ${provider}`, {
      hint: `The settings of ${provider} are: ${allowed.join(', ')}.`,
    });
  }
  let created = false;
  const doc = await store.update((doc) => {
    if (!isBuiltinEnvironment(env)) {
      // A typo in --env must not define an environment by the way (`webhooks secret set --env stagign`).
      if (definition === undefined) requireKnownEnvironment(doc, env);
      created = own(doc.environments, env) === undefined;
      const defined = own(doc.environments, env) ?? ((doc.environments ??= {})[env] = { production_like: false });
      if (definition?.production_like !== undefined) defined.production_like = definition.production_like;
    }
    const profileSettings = own(doc.profiles, profile) ?? (doc.profiles[profile] = {});
    const providerSettings = (profileSettings[provider] ??= {});
    const current = own(providerSettings, env) ?? (providerSettings[env] = {});
    for (const key of settingKeys) {
      const value = patch[key];
      if (value !== undefined) current[key] = value;
    }
    if (patch.webhook_secrets !== undefined) {
      current.webhook_secrets = { ...current.webhook_secrets, ...patch.webhook_secrets };
    }
  });
  return { doc, created };
}

/** Forgets the secret stored for a webhook id; writes nothing when none is stored. True when one was removed. */
export async function removeWebhookSecret(store: JsonStore<ConfigDoc>, { profile, provider, env }: SettingsTarget, id: string): Promise<boolean> {
  const stored = (doc: ConfigDoc) => getProviderSettings(doc, profile, provider, env).webhook_secrets ?? {};
  if (!Object.hasOwn(stored(await store.read()), id)) return false;
  let removed = false;
  await store.update((doc) => {
    // Under the lock the file is read again: another process may have removed it meanwhile.
    removed = Object.hasOwn(stored(doc), id);
    delete stored(doc)[id];
  });
  return removed;
}

/**
 * Removes the given keys (all of them when none are given) and prunes what is left empty; an environment of the
 * user's own is forgotten with the last setting stored for it.
 */
export async function unsetProviderSettings(
  store: JsonStore<ConfigDoc>,
  { profile, provider, env }: SettingsTarget,
  keys?: (keyof ProviderSettings)[],
): Promise<ConfigDoc> {
  assertProfileName(profile);
  return store.update((doc) => {
    const profileSettings = own(doc.profiles, profile);
    const providerSettings = profileSettings?.[provider];
    const current = own(providerSettings, env);
    if (profileSettings !== undefined && providerSettings !== undefined && current !== undefined) {
      for (const key of keys ?? (Object.keys(current) as (keyof ProviderSettings)[])) delete current[key];
      if (Object.keys(current).length === 0) delete providerSettings[env];
      if (Object.keys(providerSettings).length === 0) delete profileSettings[provider];
      if (Object.keys(profileSettings).length === 0) delete doc.profiles[profile];
    }
    if (doc.environments !== undefined && own(doc.environments, env) !== undefined && !isEnvironmentUsed(doc, env)) {
      delete doc.environments[env];
      if (Object.keys(doc.environments).length === 0) delete doc.environments;
    }
  });
}

function isEnvironmentUsed(doc: ConfigDoc, env: EnvironmentName): boolean {
  return Object.values(doc.profiles).some((byProvider) => Object.values(byProvider).some((byEnv) => own(byEnv, env) !== undefined));
}

/** Accepts only the shape this version writes, and says where a hand edit went wrong. */
export function validateConfig(raw: unknown): ConfigDoc {
  if (!isPlainObject(raw)) throw new Error('the top level must be a JSON object');
  if (raw.version !== 1) {
    throw new Error(
      typeof raw.version === 'number' && raw.version > 1
        ? `version ${raw.version} was written by a newer fintech-cli (this one reads version 1)`
        : '"version" must be 1',
    );
  }
  if (!isPlainObject(raw.profiles)) throw new Error('"profiles" must be an object');
  const defined = validateEnvironments(raw.environments);
  for (const [profile, providers] of Object.entries(raw.profiles)) {
    const at = `profiles.${profile}`;
    if (!isPlainObject(providers)) throw new Error(`${at} must be an object`);
    for (const [provider, envs] of Object.entries(providers)) {
      if (!isProviderId(provider)) throw new Error(`${at}.${provider}: unknown provider (expected solaris, finapi or soldo)`);
      if (!isPlainObject(envs)) throw new Error(`${at}.${provider} must be an object`);
      for (const [env, settings] of Object.entries(envs)) {
        if (!isBuiltinEnvironment(env) && !defined.has(env)) {
          throw new Error(`${at}.${provider}.${env}: unknown environment (expected sandbox, production, emulator or one listed in "environments")`);
        }
        validateSettings(settings, provider, `${at}.${provider}.${env}`);
      }
    }
  }
  return raw as unknown as ConfigDoc;
}

/** The names of the environments of the user's own, checked. */
function validateEnvironments(raw: unknown): Set<string> {
  if (raw === undefined) return new Set();
  if (!isPlainObject(raw)) throw new Error('"environments" must be an object');
  for (const [name, definition] of Object.entries(raw)) {
    const at = `environments.${name}`;
    if (!isValidName(name)) throw new Error(`${at}: invalid name (letters, digits, ".", "_" or "-", starting with a letter or digit)`);
    if (isBuiltinEnvironment(name)) throw new Error(`${at}: ${name} is built in and cannot be redefined`);
    if (!isPlainObject(definition)) throw new Error(`${at} must be an object`);
    for (const [key, value] of Object.entries(definition)) {
      if (key !== 'production_like') throw new Error(`${at}.${key}: unknown key (expected production_like)`);
      if (typeof value !== 'boolean') throw new Error(`${at}.production_like must be true or false`);
    }
  }
  return new Set(Object.keys(raw));
}

function validateSettings(settings: unknown, provider: ProviderId, at: string): void {
  if (!isPlainObject(settings)) throw new Error(`${at} must be an object`);
  const allowed = contracts[provider].settingKeys;
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'webhook_secrets') {
      if (!isPlainObject(value)) throw new Error(`${at}.webhook_secrets must be an object`);
      for (const [id, secret] of Object.entries(value)) {
        if (typeof secret !== 'string') throw new Error(`${at}.webhook_secrets.${id} must be a string`);
      }
    } else if (isSettingKey(key) && allowed.includes(key)) {
      if (typeof value !== 'string') throw new Error(`${at}.${key} must be a string`);
    } else {
      throw new Error(`${at}.${key}: unknown setting (expected one of ${[...allowed, 'webhook_secrets'].join(', ')})`);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
