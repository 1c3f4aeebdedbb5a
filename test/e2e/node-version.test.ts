/**
 * The binary on a Node older than package.json's `engines`: one line naming the version needed, exit 2, before dist/
 * is imported. The old Node is this Node with `process.versions.node` replaced by a preloaded module (the check reads
 * nothing else); `.ci/run` also runs the binary on a real Node 18.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run-bin.js';

const { version, engines } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  engines: { node: string };
};

/** The binary as if it ran on Node `node`. */
function runOn(node: string, args: string[]) {
  const preload = `data:text/javascript,Object.defineProperty(process.versions,'node',{value:'${node}'})`;
  return runBin(args, { env: { NODE_OPTIONS: `--import=${preload}` } });
}

describe('the Node version check', () => {
  it('names the version that engines asks for', () => {
    expect(engines.node).toBe('>=20.19');
  });

  it.each(['18.20.8', '20.18.3', '16.0.0'])('refuses Node %s with one line and exit 2', async (node) => {
    const run = await runOn(node, ['soldo', 'fingerprint', '--url', '/x', '--token', 'T']);
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `fintech-cli needs Node.js 20.19 or later; this is Node.js ${node}.\n`,
    });
  });

  it.each(['20.19.0', '22.0.0', '100.1.0'])('runs on Node %s', async (node) => {
    const run = await runOn(node, ['--version']);
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
