/**
 * Shared by the reliability suite: the built binary run with a clean environment and a bounded wait, snapshots of a
 * directory (names, modes, bytes) to prove nothing was written, the emulator's admin routes, and the checks every
 * error must pass (documented exit code, one line and at most a hint, no stack trace).
 */
import { createHash } from 'node:crypto';
import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Run } from '../helpers/run-bin.js';

/** A temporary root with a config dir path inside it (not created), removed by `cleanup`. */
export async function tempRoot(prefix = 'fintech-cli-reliability-'): Promise<{ root: string; configDir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  return { root, configDir: join(root, 'config'), cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Every entry under `dir` with its type, mode and the SHA-256 of its bytes; `{}` when `dir` does not exist. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (path: string, name: string): Promise<void> => {
    const info = await lstat(path).catch(() => undefined);
    if (info === undefined) return;
    const mode = (info.mode & 0o777).toString(8);
    if (info.isDirectory()) {
      out[name || '.'] = `dir ${mode}`;
      for (const child of (await readdir(path)).sort()) await walk(join(path, child), name ? `${name}/${child}` : child);
    } else {
      const hash = info.isFile() ? createHash('sha256').update(await readFile(path)).digest('hex') : 'special';
      out[name] = `file ${mode} ${hash}`;
    }
  };
  await walk(dir, '');
  return out;
}

/** Every regular file under `dir` (recursively) with its text. */
export async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  const walk = async (path: string): Promise<void> => {
    const info = await lstat(path).catch(() => undefined);
    if (info === undefined) return;
    if (info.isDirectory()) for (const child of await readdir(path)) await walk(join(path, child));
    else if (info.isFile()) out.push({ path, text: await readFile(path, 'utf8') });
  };
  await walk(dir);
  return out;
}

/**
 * The shape of every error of the CLI contract: the documented exit code, `error: …` on one line and at most a hint
 * line, nothing on stdout, and no stack trace.
 */
export function expectCleanError(run: Run, code: number, message?: RegExp | string): void {
  expect(run.timedOut, 'the process had to be killed').toBe(false);
  expect(run.code, `exit code; stderr: ${run.stderr}`).toBe(code);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n');
  expect(lines.at(-1), 'stderr ends with a newline').toBe('');
  expect(lines.length - 1, `one line and at most a hint: ${run.stderr}`).toBeGreaterThanOrEqual(1);
  expect(lines.length - 1, `one line and at most a hint: ${run.stderr}`).toBeLessThanOrEqual(2);
  expect(lines[0]).toMatch(/^error: \S/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toContain('Unexpected failure');
  if (message !== undefined) expect(lines[0]).toMatch(typeof message === 'string' ? new RegExp(escapeRegExp(message)) : message);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The emulator's admin routes (docs/emulator.md). */
export function admin(emulatorUrl: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${emulatorUrl}/_admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  };
  return {
    fault: (spec: Record<string, unknown>) => call('POST', '/faults', spec),
    clearFaults: () => call('DELETE', '/faults'),
    expireTokens: () => call('POST', '/tokens/expire') as Promise<{ expired: number }>,
    /** The `request` events of the log but the admin routes': what reached the emulator, oldest first (the last 1000 events). */
    requests: async () =>
      ((await call('GET', '/log?type=request')) as { method: string; path: string; status: number | null; fault?: string }[]).filter(
        (event) => !event.path.startsWith('/_admin/'),
      ),
  };
}

/** How many requests of `method path` (path without the query) are in `log`. */
export function countRequests(log: readonly { method: string; path: string }[], method: string, path: string): number {
  return log.filter((event) => event.method === method && event.path.split('?')[0] === path).length;
}
