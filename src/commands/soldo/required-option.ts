import { UsageError } from '../../errors.js';
import { stringOpt } from '../spec.js';

/** An option the command cannot run without; `usage` is its flag and placeholder, e.g. `--out <dir>`. */
export function requiredOpt(opts: Record<string, unknown>, name: string, usage: string): string {
  const value = stringOpt(opts, name);
  if (value === undefined) throw new UsageError(`${usage.split(' ')[0]} is required.`, { hint: `Add ${usage}.` });
  return value;
}
