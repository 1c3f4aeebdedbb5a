/** Turns a stored secret into its value: `env:NAME` and `file:PATH` references point at where it really lives. */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { Env } from '../core/env.js';
import { parseSecretReference } from '../core/credentials.js';
import { AuthError, UsageError } from '../errors.js';
import { describeFsError } from '../core/fs-errors.js';

export interface SecretContext {
  env: Env;
  /** Relative `file:` paths are taken from here. */
  cwd: string;
}

export async function resolveSecret(value: string, { env, cwd }: SecretContext): Promise<string> {
  const reference = parseSecretReference(value);
  switch (reference.kind) {
    case 'literal':
      return reference.value;
    case 'env': {
      const resolved = env[reference.name];
      if (resolved === undefined || resolved === '') {
        throw new AuthError(`The secret reference ${value} names the environment variable ${reference.name}, which is not set`, {
          code: 'credentials_missing',
          hint: `Set ${reference.name}, or store another value with fintech-cli config set.`,
        });
      }
      return resolved;
    }
    case 'file': {
      const path = expandPath(reference.path, { env, cwd });
      try {
        // Files written by editors and `echo` end with a newline that is not part of the secret.
        return (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
      } catch (error) {
        throw new UsageError(`Cannot read the secret file ${path} (from ${value}): ${describeFsError(error)}`, {
          code: 'secret_file_unreadable',
          hint: 'Check that the file exists and that you can read it, or store another value with fintech-cli config set.',
          cause: error,
        });
      }
    }
  }
}

/** `~/…` is the home directory; other relative paths are taken from `cwd`. */
export function expandPath(path: string, { env, cwd }: SecretContext): string {
  if (path === '~' || path.startsWith('~/')) return resolve(env.HOME || homedir(), path.slice(2));
  return resolve(cwd, path);
}
