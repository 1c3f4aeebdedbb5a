/**
 * What a command's start costs is mostly which of Node's own modules it loads (docs/performance.md). These runs of the
 * built binary record the modules Node loaded beyond its own start, so a static import that drags in the promise API
 * of fs (readline and the REPL's history with it), node:crypto or the HTTP stack fails here instead of only in a
 * benchmark.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run-bin.js';

/** Soldo's worked example (docs/soldo.md) and its fingerprint. */
const SEARCH = '/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01&dateType=SETTLEMENT&category=Payment&status=Settled';
const SEARCH_FINGERPRINT =
  '2681a9bc561c7458c48cbb959b2aa0728688d45e635eb27f0137fca326b4e4370431cf88b51fc131d6a6adbf770beabf56bf8ebd7b6c3bb9590e2707ff04425e';

/** Modules no start-up path should load: each costs millions of instructions and none is needed to answer. */
const HEAVY = ['crypto', 'fs/promises', 'internal/readline/interface', 'timers/promises', 'http', 'net', 'stream'];

let dir: string;
let recorder: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fintech-cli-modules-'));
  recorder = join(dir, 'record.cjs');
  // Preloaded with --require: what Node loaded before the binary ran is the baseline, the rest is the command's.
  await writeFile(
    recorder,
    [
      "'use strict';",
      'const before = new Set(process.moduleLoadList);',
      "process.on('exit', () => {",
      "  const loaded = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13));",
      "  require('node:fs').writeFileSync(process.env.MODULES_FILE, JSON.stringify(loaded));",
      '});',
    ].join('\n'),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadedBy(args: string[]): Promise<{ stdout: string; code: number; modules: string[] }> {
  const modulesFile = join(dir, `modules-${args[0]}.json`);
  const result = await runBin(args, {
    env: {
      NODE_OPTIONS: `--require ${recorder}`,
      MODULES_FILE: modulesFile,
      FINTECH_CLI_CONFIG_DIR: join(dir, 'config'),
      FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN: undefined,
    },
  });
  return { stdout: result.stdout, code: result.code, modules: JSON.parse(await readFile(modulesFile, 'utf8')) as string[] };
}

describe('Node modules a start loads', () => {
  it('--version loads none of the heavy ones', async () => {
    const run = await loadedBy(['--version']);
    expect(run.code).toBe(0);
    expect(run.modules.filter((m) => HEAVY.includes(m))).toEqual([]);
  });

  it('soldo fingerprint reads the config and hashes without the promise API of fs, node:crypto or the network', async () => {
    const run = await loadedBy(['soldo', 'fingerprint', '--url', SEARCH, '--token', 'QDX6RK6OH1CZLSWOUWBA', '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { fingerprint: string }).fingerprint).toBe(SEARCH_FINGERPRINT);
    expect(run.modules.filter((m) => HEAVY.includes(m))).toEqual([]);
  });

  it('a command that signs still gets node:crypto when it calls it', async () => {
    const run = await loadedBy(['soldo', 'keygen', '--out', join(dir, 'keys', 'soldo')]);
    expect(run.code).toBe(0);
    expect(run.modules).toContain('crypto');
  });
});
