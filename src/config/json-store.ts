/**
 * One JSON file on disk, shared safely by concurrent fintech-cli processes: reads never modify it, updates are
 * read-modify-write under a cross-process lock file and replace it atomically with a fresh 0600 file.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../errors.js';
import { findJsonError } from '../core/json-text.js';

export interface JsonStoreOptions<T> {
  empty: () => T;
  /** Returns the document, or throws an Error (or a string) saying what is wrong with its shape. */
  validate: (raw: unknown) => T;
  /** Names the file in messages, e.g. "Token cache"; default "Config file". */
  label?: string;
  lock?: LockOptions;
}

export class JsonStore<T> {
  constructor(
    readonly path: string,
    private readonly options: JsonStoreOptions<T>,
  ) {}

  /** The document, or `empty()` when the file does not exist. A broken file is reported, never repaired. */
  async read(): Promise<T> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return this.options.empty();
      throw new UsageError(`Cannot read ${this.label} ${this.path}: ${describeFsError(error)}`, {
        code: 'config_unreadable',
        hint: 'Check the permissions of the file and its directory.',
        cause: error,
      });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      throw this.corrupt(`is not valid JSON (${whereJsonBreaks(text.replace(/^\uFEFF/, ''))})`);
    }
    try {
      return this.options.validate(raw);
    } catch (error) {
      throw this.corrupt(`has an unexpected shape: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Applies `mutate` to the current document under the lock and writes the result; returns what was written. */
  async update(mutate: (doc: T) => T | void): Promise<T> {
    return withFileLock(
      `${this.path}.lock`,
      async () => {
        const doc = await this.read();
        const next = mutate(doc) ?? doc;
        try {
          await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
        } catch (error) {
          throw writeFailure(this.path, error);
        }
        return next;
      },
      this.options.lock,
    );
  }

  private get label(): string {
    return this.options.label ?? 'Config file';
  }

  private corrupt(what: string): UsageError {
    return new UsageError(`${this.label} ${this.path} ${what}`, {
      code: 'config_corrupt',
      hint: `Repair it by hand, or move it away and run the command again: mv ${shellQuote(this.path)} ${shellQuote(`${this.path}.bak`)}`,
    });
  }
}

export interface LockOptions {
  /** How long to wait for another process to release the lock; default 10 s. */
  timeoutMs?: number;
  /** A lock whose mtime is older than this is abandoned; default 30 s. Holders refresh it while they work. */
  staleMs?: number;
}

/** Runs `fn` while holding `lockPath` (created exclusively), so one process at a time does it; creates the directory. */
export async function withFileLock<R>(lockPath: string, fn: () => Promise<R>, options: LockOptions = {}): Promise<R> {
  const release = await acquireLock(lockPath, options.timeoutMs ?? 10_000, options.staleMs ?? 30_000);
  try {
    return await fn();
  } finally {
    await release();
  }
}

async function acquireLock(lockPath: string, timeoutMs: number, staleMs: number): Promise<() => Promise<void>> {
  try {
    await ensureDir(dirname(lockPath));
  } catch (error) {
    throw writeFailure(dirname(lockPath), error);
  }
  const deadline = Date.now() + timeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    const release = await tryCreateLock(lockPath, staleMs);
    if (release) return release;
    if (await removeIfStale(lockPath, staleMs)) continue;
    if (Date.now() >= deadline) throw await lockedError(lockPath);
    // Jitter, so processes that collided do not retry in step.
    await sleep(delay / 2 + Math.random() * delay);
  }
}

/** The release function if the lock was ours to take, undefined if another process holds it. */
async function tryCreateLock(lockPath: string, staleMs: number): Promise<(() => Promise<void>) | undefined> {
  let handle;
  try {
    handle = await open(lockPath, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return undefined;
    throw writeFailure(lockPath, error);
  }
  let ino: number;
  try {
    await handle.writeFile(JSON.stringify({ pid: process.pid, created_at: new Date().toISOString() }));
    ino = (await handle.stat()).ino;
  } catch (error) {
    await rm(lockPath, { force: true });
    throw writeFailure(lockPath, error);
  } finally {
    await handle.close();
  }
  // Keep the mtime fresh so a slow holder (a token fetch with retries) is never mistaken for an abandoned lock.
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, staleMs / 3);
  heartbeat.unref();
  return async () => {
    clearInterval(heartbeat);
    // Remove only our own file: had ours been taken over, the lock there now belongs to someone else.
    const current = await stat(lockPath).catch(() => undefined);
    if (current?.ino === ino) await rm(lockPath, { force: true });
  };
}

/** Removes a lock left by a crashed process (owner gone, or not refreshed for `staleMs`); true if it is gone. */
async function removeIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const seen = await stat(lockPath).catch(() => undefined);
  if (seen === undefined) return true;
  if (Date.now() - seen.mtimeMs < staleMs && isAlive(await lockOwner(lockPath))) return false;
  // Another process may have replaced the stale lock since we looked: move the file aside, and if it is not the one
  // we judged, put it back (link fails rather than overwrite a lock created in the meantime).
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return true;
    throw writeFailure(lockPath, error);
  }
  const moved = await stat(aside);
  if (moved.ino !== seen.ino) await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true });
  return true;
}

async function lockOwner(lockPath: string): Promise<number | undefined> {
  try {
    const { pid } = JSON.parse(await readFile(lockPath, 'utf8')) as { pid?: unknown };
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // gone, or just created and not written yet
  }
}

/** An unknown owner counts as alive: only the lock's age can make it stale. EPERM means alive, under another user. */
function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ESRCH';
  }
}

async function lockedError(lockPath: string): Promise<UsageError> {
  const owner = await lockOwner(lockPath);
  return new UsageError(`Timed out waiting for the lock ${lockPath}${owner === undefined ? '' : ` (held by process ${owner})`}`, {
    code: 'config_locked',
    hint: `If no other fintech-cli is running, delete it and run the command again: rm ${shellQuote(lockPath)}`,
  });
}

/** Temp file beside the target (same file system, so rename is atomic), 0600 whatever the umask, synced before rename. */
async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Creates a missing directory (and parents) as 0700; an existing directory is the user's choice and keeps its mode. */
async function ensureDir(dir: string): Promise<void> {
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

function writeFailure(path: string, error: unknown): UsageError {
  if (error instanceof UsageError) return error;
  return new UsageError(`Cannot write ${path}: ${describeFsError(error)}`, {
    code: 'config_unwritable',
    hint: 'Check the permissions of the config directory, or set FINTECH_CLI_CONFIG_DIR to a directory you can write.',
    cause: error,
  });
}

/** `ENOENT: no such file or directory` out of Node's `ENOENT: no such file or directory, open '/x'` (callers name the path). */
export function describeFsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /^([A-Z][A-Z0-9_]*: [^,]+)/.exec(message)?.[1] ?? message;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Line and column only: V8's own messages quote the text around the error, and a config file holds secrets. */
function whereJsonBreaks(text: string): string {
  const error = findJsonError(text);
  if (error === undefined) return 'syntax error';
  return `${error.atEnd ? 'unexpected end of file' : 'unexpected character'} at line ${error.line}, column ${error.column}`;
}
