import { UsageError } from '../errors.js';

/**
 * Profile and environment names become object keys in the file: letters, digits, `.`, `_`, `-`, starting with a
 * letter or digit (which also keeps out `__proto__`).
 */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const NAME_RULE = 'Use up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.';

export function assertProfileName(profile: string): void {
  if (!NAME.test(profile)) {
    throw new UsageError(`Invalid profile name ${JSON.stringify(profile)}`, { code: 'invalid_profile', hint: NAME_RULE });
  }
}

/** `from` says where the name was given: `--env`, `FINTECH_CLI_ENV`, or a place in the config file. */
export function assertEnvironmentName(name: string, from: string): void {
  if (!NAME.test(name)) {
    throw new UsageError(`Invalid environment name ${JSON.stringify(name)} (from ${from})`, { code: 'invalid_environment', hint: NAME_RULE });
  }
}

export function isValidName(name: string): boolean {
  return NAME.test(name);
}
