/**
 * ssh's rule for the config folder and its files, which hold secrets and say where to send them: they must belong to
 * you (or root) and be writable by nobody else. Otherwise another user could swap in a config.json of theirs that sends
 * your `file:` secret to their auth_url, or read what you write. POSIX only: Windows has no uid or mode bits to check.
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { shellQuote } from '../core/shell-word.js';
import { errorCode } from '../core/fs-errors.js';

export interface TrustProblem {
  /** What is wrong, of the path named before it: "it belongs to another user (uid 65534)". */
  reason: string;
  fix: string;
}

/** What is wrong with trusting `path` (a folder or file with these owner and mode), or undefined when nothing is. */
export function trustProblem(path: string, stats: { uid: number; mode: number }): TrustProblem | undefined {
  const me = process.getuid?.();
  if (me === undefined) return undefined;
  if (stats.uid !== me && stats.uid !== 0) {
    return {
      reason: `it belongs to another user (uid ${stats.uid})`,
      fix: `Use a config folder of your own (set FINTECH_CLI_CONFIG_DIR to one), or move ${shellQuote(path)} away.`,
    };
  }
  if ((stats.mode & 0o022) !== 0) {
    const who = (stats.mode & 0o002) !== 0 ? 'other users' : 'your group';
    return { reason: `${who} can write to it (mode ${(stats.mode & 0o777).toString(8).padStart(4, '0')})`, fix: `chmod go-w ${shellQuote(path)}` };
  }
  return undefined;
}

export function assertTrustedStats(path: string, stats: { uid: number; mode: number }): void {
  const problem = trustProblem(path, stats);
  if (problem !== undefined) {
    throw new UsageError(`Refusing to use ${path}: ${problem.reason}`, { code: 'config_untrusted', hint: problem.fix });
  }
}

/** A missing folder or file is fine: fintech-cli creates it 0700/0600 itself (one it cannot stat, it cannot use either). */
function assertTrusted(path: string): void {
  const stats = unlessFailing(() => statSync(path));
  if (stats !== undefined) assertTrustedStats(path, stats);
}

/**
 * The file to read and replace: `path` itself, or the file a symbolic link at `path` points to (a dotfiles setup),
 * written through so the link stays. The folders of both are checked; a dangling or looping link is an error.
 */
export function trustedTarget(path: string, label: string): string {
  assertTrusted(dirname(path));
  const link = unlessFailing(() => lstatSync(path));
  if (link === undefined || !link.isSymbolicLink()) return path;
  let target: string;
  try {
    target = realpathSync(path);
  } catch (error) {
    const what = errorCode(error) === 'ELOOP' ? 'a symbolic link that loops' : `a symbolic link to ${unlessFailing(() => readlinkSync(path)) ?? '?'}, which does not exist`;
    throw new UsageError(`${label} ${path} is ${what}`, {
      code: 'config_link_broken',
      hint: `Point the link at an existing file, or remove it (fintech-cli then creates a regular file): rm ${shellQuote(path)}`,
    });
  }
  assertTrusted(dirname(target));
  return target;
}

function unlessFailing<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
  }
}
