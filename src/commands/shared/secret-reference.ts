import { parseSecretReference } from '../../core/credentials.js';
import { UsageError } from '../../errors.js';

/**
 * The value of a `--…-ref` option: `env:NAME` or `file:PATH`. Anything else would be the secret itself on the command
 * line, where other processes can read it: refused, naming the standard-input flag to use instead.
 */
export function secretReferenceOption(value: string, stdinFlag: string): string {
  if (parseSecretReference(value).kind === 'literal') {
    throw new UsageError(`"${value}" is not a reference.`, { hint: `Use env:NAME or file:PATH; pass a secret value with ${stdinFlag}.` });
  }
  return value;
}
