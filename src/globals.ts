import { assertEnvironmentName, assertProfileName } from './config/profile-name.js';
import type { Env } from './core/env.js';
import { type EnvironmentName, environments } from './environments.js';
import { UsageError } from './errors.js';

/** The global options as commander defines them: every command accepts them, before or after its own words. */
export const globalOptions: readonly { flags: string; description: string }[] = [
  { flags: '--env <name>', description: 'environment: sandbox (default), production, emulator or one of your own (config set --env)' },
  { flags: '--sandbox', description: 'use the sandbox environment (default)' },
  { flags: '--production', description: 'use the production environment' },
  { flags: '--emulator', description: 'use the local emulator (fintech-cli emulator)' },
  { flags: '--profile <name>', description: 'credentials profile (default "default", env FINTECH_CLI_PROFILE)' },
  { flags: '--json', description: 'print one JSON document (errors as JSON on stderr)' },
  { flags: '-v, --verbose', description: 'trace HTTP requests on stderr, secrets redacted' },
  { flags: '--timeout <ms>', description: 'limit for all the network work of the command, in milliseconds (default 30000, env FINTECH_CLI_TIMEOUT)' },
  { flags: '--retries <n>', description: 'resend a failed request that is safe to repeat up to n times; 0 disables (default 3, env FINTECH_CLI_RETRIES)' },
  { flags: '--no-color', description: 'no colour (also NO_COLOR)' },
  { flags: '--no-input', description: 'never prompt; fail with a hint instead' },
  { flags: '--debug', description: 'show stack traces (also FINTECH_CLI_DEBUG=1)' },
];

/** The end of the program's help. */
export const environmentHelp = `
Environment variables:
  FINTECH_CLI_ENV            sandbox | production | emulator | your own (when no flag selects one)
  FINTECH_CLI_PROFILE        credentials profile
  FINTECH_CLI_CONFIG_DIR     where config.json and tokens.json live
  FINTECH_CLI_EMULATOR_URL   the emulator's address (default http://127.0.0.1:4010)
  FINTECH_CLI_TIMEOUT        --timeout;  FINTECH_CLI_RETRIES   --retries
  FINTECH_CLI_<PROVIDER>_*   credentials and URLs, e.g. FINTECH_CLI_SOLARIS_CLIENT_ID (see docs/configuration.md)
  NO_COLOR, CI               no colour and no spinners

Exit codes: 0 ok, 1 API error, 2 usage, 3 verification failed, 4 auth, 5 network, 130 interrupted.`;

/** The program's version flags (commander lists them among the program's options, and completion offers them). */
export const versionFlags = '-V, --version';

/** The global options that take a value, whose value is not a command word. */
export const globalValueOptions: ReadonlySet<string> = new Set(
  globalOptions.filter((o) => /[<[]/.test(o.flags)).flatMap((o) => o.flags.split(/[ ,|]+/).filter((word) => word.startsWith('-'))),
);

/** The options every command accepts (CLI contract, "Global options"), resolved once per run. */
export interface Globals {
  /** A built-in environment or one of the user's own; whether it exists is checked where the config is read. */
  environment: EnvironmentName;
  /** Where the environment was chosen (`--env`, `FINTECH_CLI_ENV`), for messages; undefined for the default. */
  environmentFrom?: string;
  profile: string;
  json: boolean;
  verbose: boolean;
  debug: boolean;
  timeoutMs: number;
  /** How many times a failed request that is safe to repeat is sent again (0: never). */
  retries: number;
  noColor: boolean;
  input: boolean;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
/** Node's timers hold at most 2^31-1 ms (24.8 days); a larger delay silently becomes 1 ms. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

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
  retries?: unknown;
  color?: unknown;
  input?: unknown;
}

/** Precedence: flag > FINTECH_CLI_* variable > default. Conflicting environment flags are a usage error. */
export function resolveGlobals(raw: RawGlobals, env: Env): Globals {
  return {
    ...resolveEnvironment(raw, env),
    profile: resolveProfile(raw.profile, env),
    json: raw.json === true,
    verbose: raw.verbose === true,
    debug: raw.debug === true || env.FINTECH_CLI_DEBUG === '1',
    timeoutMs: resolveTimeout(raw.timeout, env),
    retries: resolveRetries(raw.retries, env),
    noColor: raw.color === false,
    input: raw.input !== false,
  };
}

function resolveEnvironment(raw: RawGlobals, env: Env): Pick<Globals, 'environment' | 'environmentFrom'> {
  const chosen = new Set<string>();
  if (typeof raw.env === 'string') chosen.add(raw.env);
  for (const name of environments) if (raw[name] === true) chosen.add(name);
  if (chosen.size > 1) {
    throw new UsageError(`Conflicting environments: ${[...chosen].join(' and ')}.`, {
      hint: 'Choose one of --sandbox, --production, --emulator or --env <name>.',
    });
  }
  const flag = [...chosen][0];
  const variable = nonEmpty(env.FINTECH_CLI_ENV);
  if (flag === undefined && variable === undefined) return { environment: 'sandbox' };
  const from = flag === undefined ? 'FINTECH_CLI_ENV' : typeof raw.env === 'string' ? '--env' : `--${flag}`;
  const environment = flag ?? variable!;
  // Only the name's form here: whether an environment of one's own exists is in the config file, read where needed.
  assertEnvironmentName(environment, from);
  return { environment, environmentFrom: from };
}

function resolveProfile(flag: unknown, env: Env): string {
  const profile = (typeof flag === 'string' ? flag : undefined) ?? nonEmpty(env.FINTECH_CLI_PROFILE) ?? 'default';
  assertProfileName(profile);
  return profile;
}

function resolveTimeout(flag: unknown, env: Env): number {
  const text = typeof flag === 'string' ? flag : nonEmpty(env.FINTECH_CLI_TIMEOUT);
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  const from = typeof flag === 'string' ? '--timeout' : 'FINTECH_CLI_TIMEOUT';
  // Decimal digits only: Number() would also take 0x10, 1e3 or 0b11.
  const ms = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new UsageError(`Invalid timeout "${text}" (from ${from}).`, { hint: 'Give --timeout in milliseconds, e.g. --timeout 10000.' });
  }
  if (ms > MAX_TIMEOUT_MS) {
    throw new UsageError(`Timeout ${text} ms is too long (from ${from}).`, {
      hint: `Give at most ${MAX_TIMEOUT_MS} ms (about 24 days), the longest wait Node's timers allow.`,
    });
  }
  return ms;
}

function resolveRetries(flag: unknown, env: Env): number {
  const text = typeof flag === 'string' ? flag : nonEmpty(env.FINTECH_CLI_RETRIES);
  if (text === undefined) return DEFAULT_RETRIES;
  if (!/^\d{1,4}$/.test(text.trim())) {
    const from = typeof flag === 'string' ? '--retries' : 'FINTECH_CLI_RETRIES';
    throw new UsageError(`Invalid number of retries "${text}" (from ${from}).`, { hint: 'Give a whole number from 0 (no retries) to 9999, e.g. --retries 0.' });
  }
  return Number(text);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
