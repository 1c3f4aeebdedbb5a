import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleChild } from '../../test/helpers/child-script.js';
import { CliError, exitCodeFor } from '../errors.js';
import { withFileLock } from './file-lock.js';
import { JsonStore } from './json-store.js';

interface Doc {
  items: string[];
}

function validate(raw: unknown): Doc {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as Doc).items)) throw new Error('"items" must be an array');
  return raw as Doc;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fintech-cli-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function storeAt(path: string, lock?: { timeoutMs?: number; staleMs?: number }): JsonStore<Doc> {
  return new JsonStore<Doc>(path, { empty: () => ({ items: [] }), validate, lock });
}

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/** Whatever `action` throws (it must throw). */
async function failure(action: () => Promise<unknown>): Promise<CliError> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error('expected a failure');
}

describe('JsonStore.read', () => {
  it('gives the empty document when the file does not exist, without creating anything', async () => {
    const store = storeAt(join(dir, 'sub', 'config.json'));
    expect(await store.read()).toEqual({ items: [] });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads a file that starts with a byte-order mark', async () => {
    await writeFile(join(dir, 'config.json'), '\uFEFF{"items": ["a"]}');
    expect(await storeAt(join(dir, 'config.json')).read()).toEqual({ items: ['a'] });
  });
});

describe('JsonStore.update', () => {
  it('writes pretty JSON with a trailing newline and returns the document', async () => {
    const store = storeAt(join(dir, 'config.json'));
    const written = await store.update((doc) => {
      doc.items.push('a');
    });
    expect(written).toEqual({ items: ['a'] });
    await store.update((doc) => ({ items: [...doc.items, 'b'] }));
    expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe('{\n  "items": [\n    "a",\n    "b"\n  ]\n}\n');
  });

  it('creates missing directories 0700 and the file 0600', async () => {
    const nested = join(dir, 'a', 'b');
    await storeAt(join(nested, 'config.json')).update(() => ({ items: ['x'] }));
    expect(await modeOf(join(dir, 'a'))).toBe(0o700);
    expect(await modeOf(nested)).toBe(0o700);
    expect(await modeOf(join(nested, 'config.json'))).toBe(0o600);
  });

  it('gives exact modes whatever the umask', async () => {
    let previous: number;
    try {
      previous = process.umask(0o377); // would leave a directory r-- and a file r--
    } catch {
      return; // worker threads cannot change the umask; the test above still checks the modes
    }
    try {
      await storeAt(join(dir, 'strict', 'config.json')).update(() => ({ items: [] }));
      process.umask(0o000); // would leave a file rw-rw-rw-
      await storeAt(join(dir, 'open', 'config.json')).update(() => ({ items: [] }));
    } finally {
      process.umask(previous);
    }
    for (const sub of ['strict', 'open']) {
      expect(await modeOf(join(dir, sub))).toBe(0o700);
      expect(await modeOf(join(dir, sub, 'config.json'))).toBe(0o600);
    }
  });

  it("leaves the mode of an existing directory alone and replaces a file's loose mode with 0600", async () => {
    const own = join(dir, 'own');
    await mkdir(own, { mode: 0o755 });
    await writeFile(join(own, 'config.json'), '{"items": []}', { mode: 0o644 });
    await storeAt(join(own, 'config.json')).update((doc) => {
      doc.items.push('x');
    });
    expect(await modeOf(own)).toBe(0o755);
    expect(await modeOf(join(own, 'config.json'))).toBe(0o600);
  });

  it('leaves no temp or lock files behind', async () => {
    const store = storeAt(join(dir, 'config.json'));
    for (let i = 0; i < 5; i++) {
      await store.update((doc) => {
        doc.items.push(String(i));
      });
    }
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('passes on what mutate throws, writes nothing and releases the lock', async () => {
    const store = storeAt(join(dir, 'config.json'));
    await expect(
      store.update(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('a corrupt file', () => {
  const cases: [string, string, RegExp][] = [
    ['invalid JSON', '{\n  "items": [\n    "a",\n    s3cr3t-value\n  ]\n}\n', /is not valid JSON \(unexpected character at line 4, column 5\)/],
    ['truncated JSON', '{\n  "items": [', /is not valid JSON \(unexpected end of file at line 2, column 13\)/],
    ['a trailing comma', '{"items": ["a",]}', /is not valid JSON \(unexpected character at line 1, column 16\)/],
    ['an empty file', '', /is not valid JSON \(unexpected end of file at line 1, column 1\)/],
    ['the wrong shape', '{"items": "s3cr3t-value"}\n', /has an unexpected shape: "items" must be an array/],
  ];

  it.each(cases)('with %s is a config_corrupt usage error, and read and update leave its bytes alone', async (_name, text, message) => {
    const path = join(dir, 'config.json');
    await writeFile(path, text, { mode: 0o600 });
    const store = storeAt(path);

    const onRead = await failure(() => store.read());
    expect(onRead.code).toBe('config_corrupt');
    expect(exitCodeFor(onRead)).toBe(2);
    expect(onRead.message).toContain(path);
    expect(onRead.message).toMatch(message);
    expect(onRead.message).not.toContain('s3cr3t');
    expect(onRead.hint).toBe(`Repair it by hand, or move it away and run the command again: mv '${path}' '${path}.bak'`);

    const onUpdate = await failure(() => store.update((doc) => ({ items: [...doc.items, 'x'] })));
    expect(onUpdate.code).toBe('config_corrupt');
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('names the file with its label', async () => {
    const path = join(dir, 'tokens.json');
    await writeFile(path, '[');
    const store = new JsonStore<Doc>(path, { empty: () => ({ items: [] }), validate, label: 'Token cache' });
    expect((await failure(() => store.read())).message).toMatch(/^Token cache .*tokens\.json is not valid JSON/);
  });

  it('reports a file that cannot be read as such', async () => {
    await mkdir(join(dir, 'config.json'));
    const error = await failure(() => storeAt(join(dir, 'config.json')).read());
    expect(error.code).toBe('config_unreadable');
    expect(error.message).toContain('EISDIR');
  });
});

describe('the lock', () => {
  const path = () => join(dir, 'config.json');
  const lockPath = () => `${path()}.lock`;

  it('makes a second writer wait until the first releases it', async () => {
    const events: string[] = [];
    let release!: () => void;
    const held = withFileLock(lockPath(), async () => {
      events.push('held');
      await new Promise<void>((resolve) => (release = resolve));
      events.push('released');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const writer = storeAt(path()).update((doc) => {
      events.push('write');
      doc.items.push('after');
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events).toEqual(['held']);
    release();
    await Promise.all([held, writer]);
    expect(events).toEqual(['held', 'released', 'write']);
    expect((await storeAt(path()).read()).items).toEqual(['after']);
  });

  /** A lock directory as a process holding it leaves it: one owner file named by its nonce. */
  async function lockHeldBy(pid: number, nonce = 'a1b2c3d4e5f60718'): Promise<string> {
    await mkdir(lockPath());
    const owner = join(lockPath(), nonce);
    await writeFile(owner, JSON.stringify({ pid, created_at: new Date().toISOString() }));
    return owner;
  }

  it('is a directory holding one owner file while held, and gone after', async () => {
    await withFileLock(lockPath(), async () => {
      const owners = await readdir(lockPath());
      expect(owners).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/)]);
      expect(JSON.parse(await readFile(join(lockPath(), owners[0]!), 'utf8'))).toMatchObject({ pid: process.pid });
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over a lock whose process is gone', async () => {
    await lockHeldBy(spawnSync(process.execPath, ['-e', '0']).pid!);
    await storeAt(path(), { timeoutMs: 2000 }).update(() => ({ items: ['taken over'] }));
    expect((await storeAt(path()).read()).items).toEqual(['taken over']);
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('takes over a lock not refreshed for the stale time, even of a live process', async () => {
    const owner = await lockHeldBy(process.pid);
    const old = new Date(Date.now() - 31_000);
    await utimes(owner, old, old);
    await storeAt(path(), { timeoutMs: 2000 }).update(() => ({ items: ['taken over'] }));
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('takes over an empty lock directory at once: it is held by nobody', async () => {
    await mkdir(lockPath());
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath(), old, old);
    await storeAt(path(), { timeoutMs: 2000 }).update(() => ({ items: ['taken over'] }));
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('takes over a lock file of the previous version whose process is gone, and waits for a live one', async () => {
    await writeFile(lockPath(), JSON.stringify({ pid: spawnSync(process.execPath, ['-e', '0']).pid!, created_at: new Date().toISOString() }));
    await storeAt(path(), { timeoutMs: 2000 }).update(() => ({ items: ['taken over'] }));
    expect(await readdir(dir)).toEqual(['config.json']);
    await writeFile(lockPath(), JSON.stringify({ pid: process.pid, created_at: new Date().toISOString() }));
    expect((await failure(() => storeAt(path(), { timeoutMs: 300 }).update(() => ({ items: [] })))).code).toBe('config_locked');
  });

  it('gives up after the timeout with config_locked, naming the lock and how to remove it', async () => {
    const owner = await lockHeldBy(process.pid);
    const started = Date.now();
    const error = await failure(() => storeAt(path(), { timeoutMs: 300 }).update(() => ({ items: [] })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(error.code).toBe('config_locked');
    expect(exitCodeFor(error)).toBe(2);
    expect(error.message).toContain(lockPath());
    expect(error.message).toContain(`held by process ${process.pid}`);
    expect(error.hint).toContain(`rm -r '${lockPath()}'`);
    expect(await readFile(owner, 'utf8')).toContain(String(process.pid)); // not ours to remove
    expect(await readdir(dir)).toEqual(['config.json.lock']); // and no temp folder left of our attempt
  });

  /** Twenty waiters at once on a lock whose owner is gone: at most one may be inside at any time. */
  async function mostInsideAtOnce(): Promise<number> {
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withFileLock(
          lockPath(),
          async () => {
            most = Math.max(most, ++inside);
            await new Promise((resolve) => setTimeout(resolve, 5));
            inside--;
          },
          { timeoutMs: 10_000 },
        ),
      ),
    );
    return most;
  }

  it('never removes the lock of a live holder, however many waiters judge staleness', async () => {
    await lockHeldBy(spawnSync(process.execPath, ['-e', '0']).pid!);
    expect(await mostInsideAtOnce()).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('lets one waiter at a time in when many take over a dead lock file of the previous version (ten rounds)', async () => {
    // The previous protocol let two in about one round in five: a waiter judged the dead lock by one file and removed
    // the next, live one (the file system had reused the inode it compared).
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (let round = 0; round < 10; round++) {
      await writeFile(lockPath(), JSON.stringify({ pid: dead, created_at: new Date().toISOString() }));
      expect(await mostInsideAtOnce(), `round ${round}`).toBe(1);
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('keeps a held lock fresh, so a slow holder is not taken over', async () => {
    const staleMs = 500;
    let secondRan = false;
    let second!: Promise<void>;
    await withFileLock(
      lockPath(),
      async () => {
        second = withFileLock(lockPath(), async () => void (secondRan = true), { staleMs, timeoutMs: 5000 });
        await new Promise((resolve) => setTimeout(resolve, staleMs * 2.5));
        expect(secondRan).toBe(false);
      },
      { staleMs },
    );
    await second;
    expect(secondRan).toBe(true);
  });

  it('is released when the work fails', async () => {
    await expect(withFileLock(lockPath(), () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('the lock, taken over from a holder that stalled', () => {
  it('stays with the new holder when the stalled one wakes up and releases', { timeout: 20_000 }, async () => {
    const lockPath = join(dir, 'config.json.lock');
    const child = await bundleChild(
      `import { withFileLock } from './file-lock.js';
       await withFileLock(process.argv[2], async () => {
         process.stdout.write('held\\n');
         await new Promise((resolve) => setTimeout(resolve, 1500));
       }, { staleMs: 300 });
       process.stdout.write('released\\n');`,
      import.meta.url,
      join(dir, 'holder.mjs'),
    );
    const holder = spawn(process.execPath, [child, lockPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const said = (line: string) => new Promise<void>((resolve) => holder.stdout.on('data', (chunk: Buffer) => ((out += chunk.toString()), out.includes(line) && resolve())));
    const released = said('released');
    await said('held');
    holder.kill('SIGSTOP'); // stalled: its heartbeat stops, and the lock goes stale

    let newHolderInside = false;
    let thirdEnteredWhileHeld = false;
    let third: Promise<void> | undefined;
    await withFileLock(
      lockPath,
      async () => {
        newHolderInside = true;
        holder.kill('SIGCONT'); // wakes up and releases what it still takes for its lock
        await released;
        third = withFileLock(lockPath, async () => void (thirdEnteredWhileHeld = newHolderInside), { timeoutMs: 10_000 });
        await new Promise((resolve) => setTimeout(resolve, 400));
        newHolderInside = false;
      },
      { staleMs: 300, timeoutMs: 10_000 },
    );
    await third;
    expect(thirdEnteredWhileHeld).toBe(false);
  });
});
