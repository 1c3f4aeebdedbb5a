import { UsageError } from '../errors.js';

/**
 * Profile names become object keys in the file: letters, digits, `.`, `_`, `-`, starting with a letter or digit
 * (which also keeps out `__proto__`).
 */
export function assertProfileName(profile: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(profile)) {
    throw new UsageError(`Invalid profile name ${JSON.stringify(profile)}`, {
      code: 'invalid_profile',
      hint: 'Use up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.',
    });
  }
}
