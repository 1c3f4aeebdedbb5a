/**
 * The package as users get it: `npm pack`, the tarball installed alone into an empty folder (offline: dist/ bundles
 * every library, so there is nothing to fetch), and the installed binary run from there: `--version`, a Soldo
 * fingerprint and the whole demo.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALL_TIMEOUT_MS, packAndInstall, ROOT, type InstalledPackage, type Packed } from '../helpers/packed-package.js';

const MAX_TARBALL_BYTES = 600_000;
/** The libraries dist/ bundles (the package's own devDependencies), each with its licence in the notices. */
const BUNDLED = ['@inquirer/prompts', 'commander', 'env-paths', 'undici', 'yocto-spinner'];
/** Soldo's worked example (docs/soldo.md) and its fingerprint. */
const SEARCH = '/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01&dateType=SETTLEMENT&category=Payment&status=Settled';
const SEARCH_FINGERPRINT =
  '2681a9bc561c7458c48cbb959b2aa0728688d45e635eb27f0137fca326b4e4370431cf88b51fc131d6a6adbf770beabf56bf8ebd7b6c3bb9590e2707ff04425e';

let pkg: InstalledPackage;
let root: string;
let packed: Packed;
let installed: string;

beforeAll(async () => {
  pkg = await packAndInstall('fintech-cli-package');
  ({ root, packed, installed } = pkg);
}, INSTALL_TIMEOUT_MS);
afterAll(() => pkg?.remove());

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
  it('holds only what running needs: bin, dist, docs, README, LICENSE, in at most 600 kB', () => {
    const tops = new Set(packed.files.map((file) => file.path.split('/')[0]));
    expect([...tops].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'docs', 'package.json']);
    expect(packed.files.map((file) => file.path)).toEqual(
      expect.arrayContaining(['bin/fintech-cli.js', 'bin/package.json', 'dist/main.cjs', 'dist/THIRD-PARTY-NOTICES.txt', 'docs/reference.md']),
    );
    expect(packed.size).toBeLessThanOrEqual(MAX_TARBALL_BYTES);
  });

  it('installs as one package, with no dependencies', async () => {
    const manifest = JSON.parse(await readFile(join(installed, 'node_modules/fintech-cli/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    const folders = (await readdir(join(installed, 'node_modules'))).filter((name) => !name.startsWith('.'));
    expect(folders).toEqual(['fintech-cli']);
  });

  it('ships the licence of every library it bundles', async () => {
    const notices = await readFile(join(installed, 'node_modules/fintech-cli/dist/THIRD-PARTY-NOTICES.txt'), 'utf8');
    const sections = notices.split(/\n-{80}\n/).map((section) => section.trim());
    for (const name of BUNDLED) {
      const { version } = JSON.parse(await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      const section = sections.find((s) => s.startsWith(`${name} ${version} (MIT)\n`));
      expect(section, name).toContain('Permission is hereby granted, free of charge');
    }
  });

  it('prints its version', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await installedCli(['--version'])).toEqual({ code: 0, stdout: version, stderr: '' });
  });

  it('computes a Soldo fingerprint', async () => {
    const result = await installedCli(['soldo', 'fingerprint', '--url', SEARCH, '--token', 'QDX6RK6OH1CZLSWOUWBA', '--quiet']);
    expect(result).toEqual({ code: 0, stdout: SEARCH_FINGERPRINT, stderr: '' });
  });

  it('runs the demo', async () => {
    const { code, stdout, stderr } = await installedCli(['demo']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/All \d+ steps passed\./);
  });
});
