import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import type { Prompter } from '../io/prompter.js';
import { demoCredentials } from '../providers/demo-credentials.js';
import { useEmulatorAndConfig } from '../../test/helpers/emulator-and-config.js';

const fx = useEmulatorAndConfig();

/** Answers the questions of `login solaris` in order: client id, then secret. */
function answering(clientId: string, secret: string): Prompter {
  return {
    input: () => Promise.resolve(clientId),
    password: () => Promise.resolve(secret),
    confirm: () => Promise.resolve(false),
  };
}

const { client_id: CLIENT_ID, client_secret: SECRET } = demoCredentials.solaris;
const login = (prompter: Prompter, extra: string[] = []) =>
  runCli(['login', 'solaris', '--emulator', ...extra], {
    tty: true,
    prompter,
    // No colour, hence no spinner: the lines are compared as they are.
    env: { ...fx.config.env, FINTECH_CLI_EMULATOR_URL: fx.emulator.url, NO_COLOR: '1' },
    now: Date.now(),
  });
const stored = () => readFile(join(fx.config.dir, 'config.json'), 'utf8').catch(() => undefined);

describe('login', () => {
  it('checks the credentials with a token request, then stores them', async () => {
    const result = await login(answering(CLIENT_ID, SECRET!));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('✓ Solaris accepted the credentials; saved. Next: fintech-cli doctor solaris --emulator\n');
    expect(JSON.parse((await stored())!)).toMatchObject({ profiles: { default: { solaris: { emulator: { client_id: CLIENT_ID } } } } });
  });

  it('stores nothing when the provider refuses them, and exits 4 with its reason', async () => {
    const result = await login(answering(CLIENT_ID, 'wrong-secret'));
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/\nerror: Nothing was stored: Solaris answered 401 to the token request: .+\nCheck the client id and secret for emulator, then run login again \(or add --no-verify to store them unchecked\)\.\n$/);
    expect(await stored()).toBeUndefined();
  });

  it('stores them unchecked with --no-verify', async () => {
    const result = await login(answering(CLIENT_ID, 'wrong-secret'), ['--no-verify']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Saved, not checked.');
    expect(await stored()).toContain('"client_id": "' + CLIENT_ID + '"');
  });
});

describe('a missing credential', () => {
  it('is reported before any spinner starts, on a terminal', async () => {
    const result = await runCli(['auth', 'token', 'solaris'], { tty: true, env: { ...fx.config.env } });
    expect(result.code).toBe(4);
    expect(result.stderr).not.toContain('Requesting');
    expect(result.stderr.startsWith('\u001b[31merror:\u001b[39m No client_id for solaris (sandbox, profile default)\n')).toBe(true);
  });
});
