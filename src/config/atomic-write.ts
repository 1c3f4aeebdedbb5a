/** Files replaced whole: written to a temp file beside them and renamed; temp files left by a killed writer are found and removed. */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LOCK_TEMP } from './file-lock.js';
import { isAlive } from './fs-util.js';

/** `.<name>.<pid>.<random>.tmp`, as `writeFileAtomic` names its temp files. */
const FILE_TEMP = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** No write takes this long: a temp file this old is abandoned even if its pid now belongs to another process. */
const ABANDONED_AFTER_MS = 60 * 60_000;

/** Temp file beside the target (same file system, so rename is atomic), 0600 whatever the umask, synced before rename. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
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

/**
 * Temp files and lock temp folders in `dir` left by a process killed mid-write (SIGKILL, power loss): they may hold
 * secrets. A live writer's are never among them: its pid is alive and its file young.
 */
export async function staleTemps(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale: string[] = [];
  for (const name of names) {
    const pid = FILE_TEMP.exec(name)?.[1] ?? LOCK_TEMP.exec(name)?.[2];
    if (pid === undefined) continue;
    const path = join(dir, name);
    if (!isAlive(Number(pid))) stale.push(path);
    else if (Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? Date.now()) > ABANDONED_AFTER_MS) stale.push(path);
  }
  return stale;
}

export async function removeStaleTemps(dir: string): Promise<void> {
  for (const path of await staleTemps(dir)) await rm(path, { recursive: true, force: true });
}
