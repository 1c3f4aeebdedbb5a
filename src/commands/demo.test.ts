import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempConfig } from '../../test/helpers/run-cli.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
beforeEach(async () => {
  config = await tempConfig();
});
afterEach(() => config.cleanup());

/** The emulator, except for one answer: what a broken emulator (or CLI) would give. */
function breaking(path: string, status: number, body: object): MockAgent {
  const agent = new MockAgent();
  agent.enableNetConnect();
  agent.get((origin) => origin.startsWith('http://127.0.0.1:')).intercept({ path, method: 'POST' }).reply(status, body);
  return agent;
}

describe('fintech-cli demo', () => {
  it('names the failed step and exits with the code of its failure', async () => {
    const dispatcher = breaking('/solaris/auth/oauth2/token', 401, { error: 'invalid_client' });
    const { code, stdout, stderr } = await runCli(['demo'], { env: config.env, dispatcher, now: Date.now() });
    expect(code).toBe(4);
    expect(stdout).toMatch(/✗ 1\. Solaris access token\n {3}Solaris answered 401 to the token request: invalid_client\n/);
    expect(stdout).toContain('   $ fintech-cli auth token solaris --emulator\n');
    expect(stdout).not.toContain('steps passed');
    expect(stderr).toBe(
      'error: The demo failed at step 1, "Solaris access token".\n' +
        'The step above says why. Run again with --verbose to trace every HTTP exchange, and report it if it persists.\n',
    );
    await dispatcher.close();
  });

  it('still prints the transcript with --json, then the error as JSON', async () => {
    const dispatcher = breaking('/finapi/process/api/v1/processes', 500, { errors: [{ code: 'UNKNOWN_ERROR', message: 'boom' }] });
    const { code, stdout, stderr } = await runCli(['demo', '--json'], { env: config.env, dispatcher, now: Date.now() });
    expect(code).toBe(1);
    const transcript = JSON.parse(stdout) as { ok: boolean; steps: { name: string; ok: boolean }[] };
    expect(transcript.ok).toBe(false);
    expect(transcript.steps.at(-1)).toMatchObject({ name: 'GiroIdent process', ok: false });
    expect(transcript.steps.slice(0, -1).every((step) => step.ok)).toBe(true);
    expect(JSON.parse(stderr)).toMatchObject({ error: { message: expect.stringContaining('step 7, "GiroIdent process"') } });
    await dispatcher.close();
  });
});
