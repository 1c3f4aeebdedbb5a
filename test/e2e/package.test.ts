/**
 * The package as users get it: `npm pack`, the tarball installed alone with production dependencies only into an
 * empty folder, and the installed binary run from there: `--version`, a Soldo fingerprint and the whole demo.
 */
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INSTALL_TIMEOUT_MS = 180_000;
/** Soldo's worked example (docs/soldo.md) and its fingerprint. */
const SEARCH = '/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01&dateType=SETTLEMENT&category=Payment&status=Settled';
const SEARCH_FINGERPRINT =
  '2681a9bc561c7458c48cbb959b2aa0728688d45e635eb27f0137fca326b4e4370431cf88b51fc131d6a6adbf770beabf56bf8ebd7b6c3bb9590e2707ff04425e';

interface PackedFile {
  path: string;
}
interface Packed {
  filename: string;
  size: number;
  files: PackedFile[];
}

let root: string;
let packed: Packed;
let installed: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fintech-cli-package-'));
  // The global setup has just built dist/; running `prepare` again would swap dist/ under the other e2e tests' feet.
  const pack = await execa('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', root], { cwd: ROOT });
  [packed] = JSON.parse(pack.stdout) as [Packed];
  installed = join(root, 'app');
  await mkdir(installed);
  await writeFile(join(installed, 'package.json'), JSON.stringify({ name: 'fintech-cli-package-test', private: true }));
  await execa('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', join(root, packed.filename)], { cwd: installed });
}, INSTALL_TIMEOUT_MS);
afterAll(() => rm(root, { recursive: true, force: true }));

/** The installed `fintech-cli`, with nothing of the developer's environment but PATH (for `#!/usr/bin/env node`). */
async function installedCli(args: string[]) {
  const result = await execa(join(installed, 'node_modules/.bin/fintech-cli'), args, {
    cwd: installed,
    env: { PATH: process.env.PATH ?? '', FINTECH_CLI_CONFIG_DIR: join(root, 'config') },
    extendEnv: false,
    reject: false,
    input: '',
  });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

describe('the packed tarball', () => {
  it('holds only what running needs: bin, dist, docs, README, LICENSE', () => {
    const tops = new Set(packed.files.map((file) => file.path.split('/')[0]));
    expect([...tops].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'docs', 'package.json']);
    expect(packed.files.map((file) => file.path)).toEqual(expect.arrayContaining(['bin/fintech-cli.js', 'dist/main.js', 'docs/reference.md']));
    expect(packed.size).toBeLessThan(1024 * 1024);
  });

  it('installs with production dependencies only', async () => {
    await expect(access(join(installed, 'node_modules/commander'))).resolves.toBeUndefined();
    for (const dev of ['esbuild', 'vitest', 'typescript', 'execa']) {
      await expect(access(join(installed, 'node_modules', dev))).rejects.toThrow();
    }
  });

  it('prints its version', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await installedCli(['--version'])).toEqual({ code: 0, stdout: version, stderr: '' });
  });

  it('computes a Soldo fingerprint', async () => {
    const result = await installedCli(['soldo', 'fingerprint', '--url', SEARCH, '--token', 'QDX6RK6OH1CZLSWOUWBA', '-q']);
    expect(result).toEqual({ code: 0, stdout: SEARCH_FINGERPRINT, stderr: '' });
  });

  it('runs the demo', async () => {
    const { code, stdout, stderr } = await installedCli(['demo']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/All \d+ steps passed\./);
  });
});
