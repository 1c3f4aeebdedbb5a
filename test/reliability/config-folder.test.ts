/**
 * The config folder is trusted only as ssh trusts ~/.ssh: it and its files belong to the user (or root) and nobody else
 * can write them. A symlinked config.json (dotfiles) is written through and stays a link. Temp files left by a writer
 * killed midway (they may hold secrets) are removed by the next write, never a live writer's.
 */
import { spawnSync } from 'node:child_process';
import { chmod, chown, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempConfig } from '../helpers/run-cli.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
let root: string;
beforeEach(async () => {
  config = await tempConfig();
  root = join(config.dir, '..');
});
afterEach(async () => {
  await config.cleanup();
});

const isRoot = process.getuid?.() === 0;
const posix = process.getuid !== undefined;
const NOBODY = 65534;

const setSecret = (env: Record<string, string> = config.env) =>
  runCli(['config', 'set', 'solaris', '--client-id', 'cid', '--client-secret-stdin'], { env, stdin: 'the-secret' });

/** A stored secret and auth_url, as a second user would plant them to have the victim's secret sent to their server. */
async function plantConfig(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const doc = { version: 1, profiles: { default: { solaris: { sandbox: { client_id: 'cid', client_secret: 'file:/etc/victim-secret', auth_url: 'http://127.0.0.1:9' } } } } };
  await writeFile(join(dir, 'config.json'), JSON.stringify(doc), { mode: 0o600 });
}

/** Exit 2, one line naming the path and why, and a hint line with the fix. */
function expectRefused(result: { code: number; stdout: string; stderr: string }, path: string, why: RegExp, hint: string): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toBe(`error: Refusing to use ${path}: ${lines[0]!.slice(`error: Refusing to use ${path}: `.length)}`);
  expect(lines[0]).toMatch(why);
  expect(lines[1]).toContain(hint);
}

describe.skipIf(!posix)('a config folder that is not only yours', () => {
  it.skipIf(!isRoot)('owned by another user is refused for reading secrets and for writing (needs root to chown; skipped otherwise)', async () => {
    await plantConfig(config.dir);
    await chown(config.dir, NOBODY, NOBODY);
    const before = await readFile(join(config.dir, 'config.json'), 'utf8');
    expectRefused(await runCli(['auth', 'token', 'solaris'], { env: config.env }), config.dir, /it belongs to another user \(uid 65534\)$/, 'Use a config folder of your own');
    expectRefused(await setSecret(), config.dir, /another user/, 'FINTECH_CLI_CONFIG_DIR');
    expect(await readFile(join(config.dir, 'config.json'), 'utf8')).toBe(before);
    expect(await readdir(config.dir)).toEqual(['config.json']);
  });

  it.skipIf(!isRoot)('with a config.json owned by another user is refused (needs root to chown; skipped otherwise)', async () => {
    await plantConfig(config.dir);
    await chown(join(config.dir, 'config.json'), NOBODY, NOBODY);
    expectRefused(await runCli(['config', 'list'], { env: config.env }), join(config.dir, 'config.json'), /another user \(uid 65534\)$/, 'Use a config folder of your own');
  });

  it('writable by group or others is refused, with the chmod that fixes it', async () => {
    await plantConfig(config.dir);
    await chmod(config.dir, 0o770);
    expectRefused(await runCli(['auth', 'token', 'solaris'], { env: config.env }), config.dir, /your group can write to it \(mode 0770\)$/, `chmod go-w '${config.dir}'`);
    await chmod(config.dir, 0o707);
    expectRefused(await setSecret(), config.dir, /other users can write to it \(mode 0707\)$/, `chmod go-w '${config.dir}'`);
    await chmod(config.dir, 0o755); // readable by others is the user's choice (doctor warns); writable is not
    expect((await runCli(['config', 'list'], { env: config.env })).code).toBe(0);
  });

  it('with a config.json or tokens.json writable by others is refused', async () => {
    await plantConfig(config.dir);
    await chmod(join(config.dir, 'config.json'), 0o666);
    expectRefused(await runCli(['config', 'list'], { env: config.env }), join(config.dir, 'config.json'), /other users can write to it \(mode 0666\)$/, 'chmod go-w');
    await chmod(join(config.dir, 'config.json'), 0o600);
    await writeFile(join(config.dir, 'tokens.json'), '{"version": 2, "tokens": {}}', { mode: 0o620 });
    await chmod(join(config.dir, 'tokens.json'), 0o620);
    expectRefused(await runCli(['auth', 'status'], { env: config.env }), join(config.dir, 'tokens.json'), /your group can write to it \(mode 0620\)$/, 'chmod go-w');
  });

  it('that does not exist yet is created 0700 with a 0600 file', async () => {
    expect((await setSecret()).code).toBe(0);
    expect((await stat(config.dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(config.dir, 'config.json'))).mode & 0o777).toBe(0o600);
  });
});

describe('a symlinked config.json', () => {
  it('is written through to its target, and stays a link', async () => {
    const dotfiles = join(root, 'dotfiles');
    await mkdir(dotfiles, { mode: 0o700 });
    await mkdir(config.dir, { mode: 0o700 });
    await writeFile(join(dotfiles, 'fintech.json'), '{"version": 1, "profiles": {}}\n', { mode: 0o600 });
    await symlink(join(dotfiles, 'fintech.json'), join(config.dir, 'config.json'));

    expect((await setSecret()).code).toBe(0);
    expect((await lstat(join(config.dir, 'config.json'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(config.dir, 'config.json'))).toBe(join(dotfiles, 'fintech.json'));
    const target = JSON.parse(await readFile(join(dotfiles, 'fintech.json'), 'utf8')) as { profiles: Record<string, unknown> };
    expect(target.profiles).toEqual({ default: { solaris: { sandbox: { client_id: 'cid', client_secret: 'the-secret' } } } });
    if (posix) expect((await stat(join(dotfiles, 'fintech.json'))).mode & 0o777).toBe(0o600);
    expect((await readdir(dotfiles)).sort()).toEqual(['fintech.json']);
    expect((await runCli(['config', 'get', 'solaris', 'client_id'], { env: config.env })).stdout).toBe('cid\n');
  });

  it.skipIf(!posix)('is refused when the folder of its target is writable by others', async () => {
    const shared = join(root, 'shared');
    await mkdir(shared);
    await chmod(shared, 0o777);
    await mkdir(config.dir, { mode: 0o700 });
    await writeFile(join(shared, 'config.json'), '{"version": 1, "profiles": {}}\n', { mode: 0o600 });
    await symlink(join(shared, 'config.json'), join(config.dir, 'config.json'));
    expectRefused(await setSecret(), shared, /other users can write to it \(mode 0777\)$/, 'chmod go-w');
  });

  it.each([
    ['dangling', async (link: string) => symlink(join(root, 'missing.json'), link), `is a symbolic link to ${'ROOT'}/missing.json, which does not exist`],
    ['looping', async (link: string) => symlink(link, link), 'is a symbolic link that loops'],
  ])('that is %s is a clear error (exit 2), for reading and writing', async (_name, make, what) => {
    await mkdir(config.dir, { mode: 0o700 });
    const link = join(config.dir, 'config.json');
    await make(link);
    for (const result of [await setSecret(), await runCli(['config', 'list'], { env: config.env })]) {
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`error: Config file ${link} ${what.replace('ROOT', root)}\nPoint the link at an existing file, or remove it (fintech-cli then creates a regular file): rm '${link}'\n`);
    }
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });
});

describe('temp files left by a writer killed midway', () => {
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

  it('are removed by the next write, but never those of a live writer', async () => {
    await mkdir(config.dir, { mode: 0o700 });
    const dead = deadPid();
    const left = [`.config.json.${dead}.0123456789ab.tmp`, `.tokens.json.${dead}.ba9876543210.tmp`];
    for (const name of left) await writeFile(join(config.dir, name), '{"secret": "left-behind"}', { mode: 0o600 });
    const lockTemp = `config.json.lock.${dead}.0123456789abcdef.tmp`;
    await mkdir(join(config.dir, lockTemp));
    await writeFile(join(config.dir, lockTemp, '0123456789abcdef'), '{}');
    const live = `.config.json.${process.pid}.aaaaaaaaaaaa.tmp`;
    await writeFile(join(config.dir, live), 'being written');

    expect((await setSecret()).code).toBe(0);
    expect((await readdir(config.dir)).sort()).toEqual([live, 'config.json'].sort());
  });
});
