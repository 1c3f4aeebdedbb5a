/**
 * `fintech-cli demo` through the built binary: the whole tour passes against its own emulator, with nothing of the
 * user's environment (a config dir that must stay untouched, credentials that must be ignored), in both outputs.
 */
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/fintech-cli.js', import.meta.url));
const STEPS = 11;

let root: string;
let env: Record<string, string>;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fintech-cli-e2e-demo-'));
  env = {
    PATH: process.env.PATH ?? '',
    FINTECH_CLI_CONFIG_DIR: join(root, 'user-config'),
    FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'the-users-own-secret',
    FINTECH_CLI_ENV: 'sandbox',
  };
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function demo(args: string[] = []) {
  const result = await execa(process.execPath, [BIN, 'demo', ...args], { env, extendEnv: false, reject: false, input: '' });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

describe('fintech-cli demo', () => {
  it('walks through every step, each with the command to run next, and leaves the user\'s config alone', async () => {
    const { code, stdout, stderr } = await demo();
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(new RegExp(`^fintech-cli demo: ${STEPS} steps with Solaris, finAPI and Soldo, against an emulator started in this process\\n\\(http://127\\.0\\.0\\.1:\\d+\\)`));
    expect(stdout.match(/^✓ \d+\. /gm)).toHaveLength(STEPS);
    expect(stdout.match(/^ {3}\$ fintech-cli .*--emulator/gm)).toHaveLength(STEPS);
    expect(stdout).toContain('signature valid');
    expect(stdout).toContain('→ 400 INVALID_FINGERPRINT: invalid fingerprint');
    expect(stdout).toContain('Your code leaves out the fingerprint token');
    expect(stdout).toContain(`All ${STEPS} steps passed.`);
    expect(stdout).not.toContain('PRIVATE KEY');
    expect(stdout).not.toContain('\u001b[');
    await expect(access(join(root, 'user-config'))).rejects.toThrow();
  });

  it('prints one JSON transcript with --json', async () => {
    const { code, stdout, stderr } = await demo(['--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const transcript = JSON.parse(stdout) as { ok: boolean; steps: Record<string, unknown>[] };
    expect(transcript.ok).toBe(true);
    expect(transcript.steps).toHaveLength(STEPS);
    for (const step of transcript.steps) {
      expect(Object.keys(step)).toEqual(['name', 'ok', 'detail', 'command']);
      expect(step).toMatchObject({ ok: true, name: expect.any(String), detail: expect.any(Array), command: expect.stringMatching(/^fintech-cli /) });
    }
  });
});
