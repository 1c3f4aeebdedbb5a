import { UsageError } from '../../errors.js';

/** A whole-number option within bounds, or a usage error naming the flag. */
export function integerOption(given: string | undefined, flag: string, min: number, max: number): number {
  const text = given ?? '';
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got ${text || 'nothing'}).`);
  }
  return value;
}
