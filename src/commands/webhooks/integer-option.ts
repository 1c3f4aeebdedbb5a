import { UsageError } from '../../errors.js';
import { stringOpt } from '../spec.js';

/** A whole-number option within bounds, or a usage error naming the flag. */
export function integerOpt(opts: Record<string, unknown>, name: string, min: number, max: number): number {
  const text = stringOpt(opts, name) ?? '';
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got ${text || 'nothing'}).`);
  }
  return value;
}
