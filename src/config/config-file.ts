/** The config file: settings per profile × provider × environment, stored in `<config dir>/config.json`. */
import { contracts, environments, isEnvironmentName, isProviderId, type EnvironmentName, type ProviderId } from '../environments.js';
import {
  isSettingKey,
  secretKeys,
  settingKeys,
  type SecretKey,
  type SettingKey,
} from '../core/credentials.js';
import { UsageError } from '../errors.js';
import { JsonStore } from './json-store.js';
import { assertProfileName } from './profile-name.js';
import { configFilePath } from './paths.js';

export { secretKeys, settingKeys, type SecretKey, type SettingKey };

export type ProviderSettings = Partial<Record<SettingKey, string>> & {
  /** Webhook signing secrets by webhook id (secrets, like `client_secret`). */
  webhook_secrets?: Record<string, string>;
};

export type ProfileSettings = Partial<Record<ProviderId, Partial<Record<EnvironmentName, ProviderSettings>>>>;

export interface ConfigDoc {
  version: 1;
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
  const profileSettings = Object.hasOwn(doc.profiles, profile) ? doc.profiles[profile] : undefined;
  return profileSettings?.[provider]?.[env] ?? {};
}

/** Merges `patch` into the stored settings (webhook secrets by id); undefined values leave a key as it is. */
export async function setProviderSettings(
  store: JsonStore<ConfigDoc>,
  { profile, provider, env }: SettingsTarget,
  patch: ProviderSettings,
): Promise<ConfigDoc> {
  assertProfileName(profile);
  const allowed = contracts[provider].settingKeys;
  const foreign = settingKeys.filter((key) => patch[key] !== undefined && !allowed.includes(key));
  if (foreign.length > 0) {
    throw new UsageError(`${foreign.join(', ')} ${foreign.length === 1 ? 'is not a setting' : 'are not settings'} of ${provider}`, {
      hint: `The settings of ${provider} are: ${allowed.join(', ')}.`,
    });
  }
  return store.update((doc) => {
    // hasOwn: a profile called "constructor" must not find Object.prototype's.
    const profileSettings = Object.hasOwn(doc.profiles, profile) ? doc.profiles[profile]! : (doc.profiles[profile] = {});
    const providerSettings = (profileSettings[provider] ??= {});
    const current = (providerSettings[env] ??= {});
    for (const key of settingKeys) {
      const value = patch[key];
      if (value !== undefined) current[key] = value;
    }
    if (patch.webhook_secrets !== undefined) {
      current.webhook_secrets = { ...current.webhook_secrets, ...patch.webhook_secrets };
    }
  });
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

/** Removes the given keys (all of them when none are given) and prunes what is left empty. */
export async function unsetProviderSettings(
  store: JsonStore<ConfigDoc>,
  { profile, provider, env }: SettingsTarget,
  keys?: (keyof ProviderSettings)[],
): Promise<ConfigDoc> {
  assertProfileName(profile);
  return store.update((doc) => {
    const profileSettings = Object.hasOwn(doc.profiles, profile) ? doc.profiles[profile] : undefined;
    const providerSettings = profileSettings?.[provider];
    const current = providerSettings?.[env];
    if (profileSettings === undefined || providerSettings === undefined || current === undefined) return;
    for (const key of keys ?? (Object.keys(current) as (keyof ProviderSettings)[])) delete current[key];
    if (Object.keys(current).length === 0) delete providerSettings[env];
    if (Object.keys(providerSettings).length === 0) delete profileSettings[provider];
    if (Object.keys(profileSettings).length === 0) delete doc.profiles[profile];
  });
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
  for (const [profile, providers] of Object.entries(raw.profiles)) {
    const at = `profiles.${profile}`;
    if (!isPlainObject(providers)) throw new Error(`${at} must be an object`);
    for (const [provider, envs] of Object.entries(providers)) {
      if (!isProviderId(provider)) throw new Error(`${at}.${provider}: unknown provider (expected solaris, finapi or soldo)`);
      if (!isPlainObject(envs)) throw new Error(`${at}.${provider} must be an object`);
      for (const [env, settings] of Object.entries(envs)) {
        if (!isEnvironmentName(env)) {
          throw new Error(`${at}.${provider}.${env}: unknown environment (expected ${environments.join(', ')})`);
        }
        validateSettings(settings, provider, `${at}.${provider}.${env}`);
      }
    }
  }
  return raw as unknown as ConfigDoc;
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
