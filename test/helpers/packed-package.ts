import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** The repository, whose package is packed. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What packing and an offline install may take on a busy machine. */
export const INSTALL_TIMEOUT_MS = 180_000;

export interface Packed {
  filename: string;
  size: number;
  files: { path: string }[];
}

export interface InstalledPackage {
  /** The temporary folder: the tarball, and the project it is installed into. */
  root: string;
  packed: Packed;
  /** The project: a package.json and node_modules/fintech-cli, nothing else. */
  installed: string;
  remove(): Promise<void>;
}

/**
 * The package as users get it: `npm pack`, and the tarball installed alone into an empty project, offline (dist/
 * bundles every library, so there is nothing to fetch and a dependency would fail the install).
 */
export async function packAndInstall(name: string): Promise<InstalledPackage> {
  const root = await mkdtemp(join(tmpdir(), `${name}-`));
  // The global setup has just built dist/; running `prepare` again would swap dist/ under the other e2e tests' feet.
  const pack = await execa('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', root], { cwd: ROOT });
  const [packed] = JSON.parse(pack.stdout) as [Packed];
  const installed = join(root, 'app');
  await mkdir(installed);
  await writeFile(join(installed, 'package.json'), JSON.stringify({ name: `${name}-app`, private: true }));
  await execa('npm', ['install', '--offline', '--no-audit', '--no-fund', join(root, packed.filename)], { cwd: installed });
  return { root, packed, installed, remove: () => rm(root, { recursive: true, force: true }) };
}
