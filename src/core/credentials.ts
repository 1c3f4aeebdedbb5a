/**
 * Credential precedence, secret references and masking as functions of plain values: the config layer
 * (src/config/) reads files and variables and hands the values in here.
 */

/** Every string setting stored per profile × provider × environment (config keys, snake_case). */
export const settingKeys = [
  'client_id',
  'client_secret',
  'fingerprint_token',
  'private_key_file',
  'api_url',
  'auth_url',
  'process_url',
  'giroident_url',
] as const;
export type SettingKey = (typeof settingKeys)[number];

/** Settings whose values are secrets: masked on display, and may be `env:`/`file:` references. Webhook secrets are too. */
export const secretKeys = ['client_secret', 'fingerprint_token'] as const;
export type SecretKey = (typeof secretKeys)[number];

export function isSecretKey(key: string): key is SecretKey {
  return (secretKeys as readonly string[]).includes(key);
}

export function isSettingKey(key: string): key is SettingKey {
  return (settingKeys as readonly string[]).includes(key);
}

export type SettingSource = 'flag' | 'env' | 'config' | 'default';

export type Resolved<T> = { value: T; source: SettingSource } | { value: undefined; source: undefined };

/** Precedence of the CLI contract: flag > environment variable > config file > built-in default. Empty strings count as absent. */
export function resolveSetting<T>(sources: { flag?: T; env?: T; config?: T; fallback?: T }): Resolved<T> {
  const ordered: [SettingSource, T | undefined][] = [
    ['flag', sources.flag],
    ['env', sources.env],
    ['config', sources.config],
    ['default', sources.fallback],
  ];
  for (const [source, value] of ordered) {
    if (value !== undefined && value !== '') return { value, source };
  }
  return { value: undefined, source: undefined };
}

/** `FINTECH_CLI_<PROVIDER>_<KEY>`, e.g. `FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE`; `private_key` is Soldo's PEM text. */
export function envVarName(provider: string, key: SettingKey | 'private_key'): string {
  return `FINTECH_CLI_${provider.toUpperCase()}_${key.toUpperCase()}`;
}

export interface SettingValues {
  flags: Partial<Record<SettingKey, string>>;
  /** The process's environment variables. */
  vars: Readonly<Record<string, string | undefined>>;
  config: Partial<Record<SettingKey, string>>;
  defaults: Partial<Record<SettingKey, string>>;
}

/** Resolves the settings `keys` of a provider from their four levels (secret references are left as written). */
export function resolveProviderSettings(
  provider: string,
  keys: readonly SettingKey[],
  values: SettingValues,
): Partial<Record<SettingKey, Resolved<string>>> {
  const resolved: Partial<Record<SettingKey, Resolved<string>>> = {};
  for (const key of keys) {
    resolved[key] = resolveSetting({
      flag: values.flags[key],
      env: values.vars[envVarName(provider, key)],
      config: values.config[key],
      fallback: values.defaults[key],
    });
  }
  return resolved;
}

export type SecretReference =
  | { kind: 'literal'; value: string }
  | { kind: 'env'; name: string }
  | { kind: 'file'; path: string };

/** `env:NAME` (a valid variable name) and `file:PATH` (non-empty) are references; anything else is the secret itself. */
export function parseSecretReference(value: string): SecretReference {
  const env = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(value);
  if (env) return { kind: 'env', name: env[1]! };
  if (value.startsWith('file:') && value.length > 'file:'.length) return { kind: 'file', path: value.slice('file:'.length) };
  return { kind: 'literal', value };
}

/**
 * Secrets shorter than this show no character at all: 4 of 16 leave 12 unknown, as many as a 12-character secret
 * whose ends were shown before; fewer would make what is hidden small enough to guess or try.
 */
const MIN_LENGTH_TO_SHOW_END = 16;

/**
 * `••••9f2c`: only the last 4 characters, enough to tell which secret is stored, and of a secret of 16 or more;
 * `••••` for a shorter one. References (`env:NAME`, `file:PATH`) are no secret and are shown as written.
 */
export function maskSecret(value: string): string {
  if (parseSecretReference(value).kind !== 'literal') return value;
  const chars = [...value];
  return chars.length < MIN_LENGTH_TO_SHOW_END ? '••••' : `••••${chars.slice(-4).join('')}`;
}
