/** Small helpers shared by the config files' modules: missing paths, write failures, quoting, process liveness. */
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describeFsError, errorCode } from '../core/fs-errors.js';
import { UsageError } from '../errors.js';


/** The path, or a folder on it, does not exist (ENOTDIR: a file stands where a folder would be). */
export function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function writeFailure(path: string, error: unknown): UsageError {
  if (error instanceof UsageError) return error;
  return new UsageError(`Cannot write ${path}: ${describeFsError(error)}`, {
    code: 'config_unwritable',
    hint: 'Check the permissions of the config directory, or set FINTECH_CLI_CONFIG_DIR to a directory you can write.',
    cause: error,
  });
}

/** An unknown pid counts as alive; EPERM means alive, under another user. */
export function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ESRCH';
  }
}

/** Creates a missing directory (and parents) as 0700; an existing directory is the user's choice and keeps its mode. */
export async function ensureDir(dir: string): Promise<void> {
  const target = resolve(dir);
  const created = await mkdir(target, { recursive: true, mode: 0o700 });
  if (created === undefined) return;
  // mkdir's mode passes through the umask: set it on exactly the directories this call created.
  const first = resolve(created);
  for (let current = target; ; current = dirname(current)) {
    await chmod(current, 0o700);
    if (current === first || dirname(current) === current) return;
  }
}
