/**
 * A cross-process lock that is never taken from a live holder. The lock is a directory holding exactly one owner file
 * named by a random nonce (`<lock>/<nonce>`: pid and time). It is taken by renaming a complete temp directory onto the
 * lock path, which is atomic and refused while a non-empty lock directory is there; it is given up, or taken over when
 * stale, by unlinking that exact owner file (a nonce never repeats, so no other holder's file can be hit) and then
 * removing the directory only if it is empty. An empty lock directory is held by nobody, so removing one is always
 * safe, and a new holder renaming onto it simply replaces it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../errors.js';
import { shellQuote } from '../core/shell-word.js';
import { errorCode } from '../core/fs-errors.js';
import { ensureDir, isAlive, writeFailure } from './fs-util.js';

export interface LockOptions {
  /** How long to wait for another process to release the lock; default 10 s. */
  timeoutMs?: number;
  /** A lock not refreshed for this long is abandoned; default 30 s. Holders refresh it while they work. */
  staleMs?: number;
}

/** Temp directories a lock is built in before it is renamed into place: `<lock>.<pid>.<nonce>.tmp`. */
export const LOCK_TEMP = /^(.+\.lock)\.(\d+)\.[0-9a-f]{16}\.tmp$/;

/** Runs `fn` while holding the lock `lockPath`, so one process at a time does it; creates the lock's folder. */
export async function withFileLock<R>(lockPath: string, fn: () => Promise<R>, options: LockOptions = {}): Promise<R> {
  try {
    await ensureDir(dirname(lockPath));
  } catch (error) {
    throw writeFailure(dirname(lockPath), error);
  }
  const release = await acquire(lockPath, options.timeoutMs ?? 10_000, options.staleMs ?? 30_000);
  try {
    return await fn();
  } finally {
    await release();
  }
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number): Promise<() => Promise<void>> {
  // The lock is built once, complete, in a temp folder; each attempt is then a single rename.
  const nonce = randomBytes(8).toString('hex');
  const temp = `${lockPath}.${process.pid}.${nonce}.tmp`;
  try {
    await mkdir(temp, { mode: 0o700 });
    await writeFile(join(temp, nonce), JSON.stringify({ pid: process.pid, created_at: new Date().toISOString() }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw writeFailure(lockPath, error);
  }
  try {
    const started = Date.now();
    const deadline = started + timeoutMs;
    let touched = started;
    let nextStaleCheck = started;
    for (let delay = 4; ; delay = Math.min(delay * 2, 50)) {
      // Never arrive with an mtime that already looks stale to the others.
      if (Date.now() - touched > staleMs / 3) touched = await touch(join(temp, nonce));
      if (await renamed(temp, lockPath)) return holding(join(lockPath, nonce), lockPath, staleMs);
      // Looking for a crashed holder costs a few calls: once in a while, not on every attempt.
      if (Date.now() >= nextStaleCheck) {
        nextStaleCheck = Date.now() + STALE_CHECK_INTERVAL_MS;
        if (await removeIfStale(lockPath, staleMs)) continue;
      }
      if (Date.now() >= deadline) throw await lockedError(lockPath);
      // Jitter, so processes that collided do not retry in step.
      await sleep(delay / 2 + Math.random() * delay);
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

const STALE_CHECK_INTERVAL_MS = 200;

async function touch(path: string): Promise<number> {
  const now = new Date();
  await utimes(path, now, now);
  return now.getTime();
}

/** True if the lock is now ours, false while another process holds it. */
async function renamed(temp: string, lockPath: string): Promise<boolean> {
  try {
    await rename(temp, lockPath);
    return true;
  } catch (error) {
    if (isHeldElsewhere(error)) return false;
    throw writeFailure(lockPath, error);
  }
}

/** Keeps our owner file fresh, so a slow holder (a token fetch with retries) is never taken for a crashed one; gives the release. */
function holding(owner: string, lockPath: string, staleMs: number): () => Promise<void> {
  const heartbeat = setInterval(() => void touch(owner).catch(() => undefined), staleMs / 3);
  heartbeat.unref();
  return async () => {
    clearInterval(heartbeat);
    await unlinkOwner(owner);
    await removeIfEmpty(lockPath);
  };
}

/** rename fails so while a non-empty lock directory (or an old version's lock file: ENOTDIR) is in the way. */
function isHeldElsewhere(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR' || (code === 'EPERM' && process.platform === 'win32');
}

/** Removes what a crashed process left (owner gone, or not refreshed for `staleMs`); true if something went. */
async function removeIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  let owners: string[];
  try {
    owners = await readdir(lockPath);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return true;
    if (errorCode(error) === 'ENOTDIR') return removeLegacyLockIfStale(lockPath, staleMs);
    throw writeFailure(lockPath, error);
  }
  let removed = owners.length === 0;
  for (const nonce of owners) {
    const owner = join(lockPath, nonce);
    if (!(await isStale(owner, staleMs))) continue;
    await unlinkOwner(owner);
    removed = true;
  }
  if (removed) await removeIfEmpty(lockPath);
  return removed;
}

/** Judged on this very owner file (its name is its identity): its mtime, then its process. */
async function isStale(owner: string, staleMs: number): Promise<boolean> {
  const info = await stat(owner).catch(() => undefined);
  if (info === undefined) return false; // released meanwhile: look again
  return Date.now() - info.mtimeMs >= staleMs || !isAlive(await pidIn(owner));
}

/** A fintech-cli before the lock directory left a plain file; unlink never removes a lock directory taken since. */
async function removeLegacyLockIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const info = await stat(lockPath).catch(() => undefined);
  if (info === undefined) return true;
  if (!info.isFile() || (Date.now() - info.mtimeMs < staleMs && isAlive(await pidIn(lockPath)))) return false;
  await unlinkOwner(lockPath);
  return true;
}

async function unlinkOwner(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    // ENOENT: another process already judged it stale and removed it; EISDIR/EPERM: a lock directory stands there now.
    if (!['ENOENT', 'EISDIR', 'EPERM'].includes(errorCode(error) ?? '')) throw writeFailure(path, error);
  }
}

async function removeIfEmpty(lockPath: string): Promise<void> {
  try {
    await rmdir(lockPath);
  } catch (error) {
    // Not empty: a new holder took it. Gone: someone else removed it.
    if (!['ENOTEMPTY', 'EEXIST', 'ENOENT', 'ENOTDIR'].includes(errorCode(error) ?? '')) throw writeFailure(lockPath, error);
  }
}

async function pidIn(path: string): Promise<number | undefined> {
  try {
    const { pid } = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown };
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // gone, or (an old version's file) just created and not written yet
  }
}

/** The pid in the lock's owner file (or an old version's lock file), if any. */
async function lockOwner(lockPath: string): Promise<number | undefined> {
  const owners = await readdir(lockPath).catch(() => undefined);
  if (owners === undefined) return pidIn(lockPath);
  return owners[0] === undefined ? undefined : pidIn(join(lockPath, owners[0]));
}

async function lockedError(lockPath: string): Promise<UsageError> {
  const owner = await lockOwner(lockPath);
  return new UsageError(`Timed out waiting for the lock ${lockPath}${owner === undefined ? '' : ` (held by process ${owner})`}`, {
    code: 'config_locked',
    hint: `If no other fintech-cli is running, delete it and run the command again: rm -r ${shellQuote(lockPath)}`,
  });
}
