import { assertProfileName } from './config/config-file.js';
import type { Env } from './context.js';
import { type EnvironmentName, environments, isEnvironmentName } from './environments.js';
import { UsageError } from './errors.js';

/** The options every command accepts (CLI contract, "Global options"), resolved once per run. */
export interface Globals {
  environment: EnvironmentName;
  profile: string;
  json: boolean;
  verbose: boolean;
  debug: boolean;
  timeoutMs: number;
  noColor: boolean;
  input: boolean;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RawGlobals {
  env?: unknown;
  sandbox?: unknown;
  production?: unknown;
  emulator?: unknown;
  profile?: unknown;
  json?: unknown;
  verbose?: unknown;
  debug?: unknown;
  timeout?: unknown;
  color?: unknown;
  input?: unknown;
}

/** Precedence: flag > FINTECH_CLI_* variable > default. Conflicting environment flags are a usage error. */
export function resolveGlobals(raw: RawGlobals, env: Env): Globals {
  return {
    environment: resolveEnvironment(raw, env),
    profile: resolveProfile(raw.profile, env),
    json: raw.json === true,
    verbose: raw.verbose === true,
    debug: raw.debug === true || env.FINTECH_CLI_DEBUG === '1',
    timeoutMs: resolveTimeout(raw.timeout, env),
    noColor: raw.color === false,
    input: raw.input !== false,
  };
}

function resolveEnvironment(raw: RawGlobals, env: Env): EnvironmentName {
  const chosen = new Set<string>();
  if (typeof raw.env === 'string') chosen.add(raw.env);
  for (const name of environments) if (raw[name] === true) chosen.add(name);
  if (chosen.size > 1) {
    throw new UsageError(`Conflicting environments: ${[...chosen].join(' and ')}.`, {
      hint: 'Choose one of --sandbox, --production, --emulator or --env <name>.',
    });
  }
  const picked = [...chosen][0] ?? nonEmpty(env.FINTECH_CLI_ENV) ?? 'sandbox';
  if (!isEnvironmentName(picked)) {
    const from = chosen.size > 0 ? '--env' : 'FINTECH_CLI_ENV';
    throw new UsageError(`Unknown environment "${picked}" (from ${from}).`, {
      hint: `Use one of: ${environments.join(', ')}.`,
    });
  }
  return picked;
}

function resolveProfile(flag: unknown, env: Env): string {
  const profile = (typeof flag === 'string' ? flag : undefined) ?? nonEmpty(env.FINTECH_CLI_PROFILE) ?? 'default';
  assertProfileName(profile);
  return profile;
}

function resolveTimeout(flag: unknown, env: Env): number {
  const text = typeof flag === 'string' ? flag : nonEmpty(env.FINTECH_CLI_TIMEOUT);
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new UsageError(`Invalid timeout "${text}".`, { hint: 'Give --timeout in milliseconds, e.g. --timeout 10000.' });
  }
  return ms;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
