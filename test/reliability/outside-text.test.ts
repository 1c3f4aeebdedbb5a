/**
 * Text from outside the CLI (a provider's error message, hint or answer) cannot drive the terminal: on a terminal its
 * control characters are shown escaped (OSC 52 would write the clipboard, CSI 2J clear the screen); `--json` output
 * and output into a pipe stay exactly what the provider sent.
 */
import { describe, expect, it } from 'vitest';
import { hasControlChars } from '../../src/core/terminal-text.js';
import { useMockedNetwork } from '../helpers/mocked-network.js';
import { SolarisMock } from '../helpers/solaris-mock.js';
import { runCli } from '../helpers/run-cli.js';

const net = useMockedNetwork();
const GIROIDENT = 'https://giroident.test';
const ACCESS_TOKEN = 'user-access-token-4f1e';
const HOSTILE = 'pwned\u001b]52;c;ZWNobyBvd25lZA==\u0007\u001b[2J\u009b31m\u202etxt.exe';
const ESCAPED = 'pwned\\x1b]52;c;ZWNobyBvd25lZA==\\x07\\x1b[2J\\x9b31m\\u202etxt.exe';

/** The GiroIdent check `check-1` as finAPI answers it, `times` times. */
function answer(status: number, body: unknown, times = 1): void {
  net.agent
    .get(GIROIDENT)
    .intercept({ path: (path: string) => path.includes('check-1'), method: 'GET' })
    .reply(status, JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
    .times(times);
}

const solarisToken = () => new SolarisMock(net.agent).token('solaris-token-31');

const solarisEnv = () => ({ ...net.config.env, FINTECH_CLI_SOLARIS_CLIENT_ID: 'client-id', FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'client-secret' });

const checkGet = (extra: string[], tty: boolean) =>
  runCli(['giroident', 'check', 'get', 'check-1', '--access-token-stdin', ...extra], {
    env: { ...net.config.env, FINTECH_CLI_FINAPI_GIROIDENT_URL: GIROIDENT },
    dispatcher: net.agent,
    stdin: ACCESS_TOKEN,
    tty,
  });

describe("a provider's error message", () => {
  it('shows control characters escaped on a terminal, exact in --json and in a pipe', async () => {
    answer(422, { errors: [{ code: 'BAD', message: HOSTILE }] }, 4);
    const terminal = await checkGet(['--no-color'], true);
    expect(terminal.code).toBe(1);
    expect(terminal.stderr).toContain(ESCAPED);
    expect(hasControlChars(terminal.stderr)).toBe(false);

    for (const tty of [true, false]) {
      const json = await checkGet(['--json'], tty);
      expect(json.code).toBe(1);
      expect((JSON.parse(json.stderr) as { error: { message: string } }).error.message).toContain(HOSTILE);
    }
    const piped = await checkGet([], false);
    expect(piped.stderr).toContain(HOSTILE);
  });
});

describe("a provider's values in human output", () => {
  it('are shown escaped on a terminal, exact when piped and in --json', async () => {
    const check = { 'check-id': 'check-1', status: HOSTILE, 'account-holder': HOSTILE };
    answer(200, check, 3);
    const terminal = await checkGet(['--no-color'], true);
    expect(terminal.code).toBe(0);
    expect(terminal.stdout).toContain(`account-holder  ${ESCAPED}\n`);
    expect(terminal.stderr).toContain(`${ESCAPED}: a status this version of fintech-cli does not know.`);
    expect(hasControlChars(terminal.stdout + terminal.stderr)).toBe(false);

    const piped = await checkGet([], false);
    expect(piped.stdout).toContain(`account-holder\t${HOSTILE}\n`);
    const json = await checkGet(['--json'], true);
    expect(JSON.parse(json.stdout)).toEqual(check);
  });

  it('in a table (webhooks list) are shown escaped on a terminal and exact in TSV', async () => {
    solarisToken();
    net.agent
      .get('https://api.solaris-sandbox.de')
      .intercept({ path: (path: string) => path.startsWith('/v1/webhooks'), method: 'GET' })
      .reply(200, [{ id: 'wh-1', event_type: 'BOOKING', url: `https://h/${HOSTILE}` }], { headers: { 'content-type': 'application/json' } })
      .times(2);
    const list = (tty: boolean) =>
      runCli(['webhooks', 'list', '--no-color'], {
        env: solarisEnv(),
        dispatcher: net.agent,
        tty,
      });
    const terminal = await list(true);
    expect(terminal.code, terminal.stderr).toBe(0);
    expect(terminal.stdout).toMatch(/^wh-1\s+BOOKING\s+https:\/\/h\/pwned\\x1b/m);
    expect(terminal.stdout).toContain(ESCAPED);
    expect(hasControlChars(terminal.stdout)).toBe(false);
    expect((await list(false)).stdout).toBe(`wh-1\tBOOKING\thttps://h/${HOSTILE}\n`);
  });

  it('in a command the CLI suggests (the id of a new subscription) are quoted for the shell and escaped on a terminal', async () => {
    const id = 'wh-1; rm -rf ~ \u001b]0;title\u0007\u001b[2J';
    solarisToken();
    net.agent
      .get('https://api.solaris-sandbox.de')
      .intercept({ path: '/v1/webhooks', method: 'POST' })
      .reply(201, { id, event_type: 'BOOKING', url: 'https://example.test/hook', secret: 'whsec-0123456789abcdef' }, { headers: { 'content-type': 'application/json' } });
    const run = await runCli(['webhooks', 'create', '--event-type', 'BOOKING', '--url', 'https://example.test/hook', '--no-color'], {
      env: solarisEnv(),
      dispatcher: net.agent,
      tty: true,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("for --webhook-id 'wh-1; rm -rf ~ \\x1b]0;title\\x07\\x1b[2J'.");
    expect(hasControlChars(run.stdout + run.stderr)).toBe(false);
  });

  it('`request` escapes them on a terminal and prints the answer byte for byte into a pipe', async () => {
    const body = `{"note":"${HOSTILE}"}`;
    net.agent
      .get('https://sandbox.finapi.io')
      .intercept({ path: '/api/v2/oauth/token', method: 'POST' })
      .reply(200, { access_token: 'client-token-77a1', expires_in: 3600 }, { headers: { 'content-type': 'application/json' } });
    net.agent
      .get(GIROIDENT)
      .intercept({ path: '/api/v2/checks/check-1', method: 'GET' })
      .reply(200, body, { headers: { 'content-type': 'application/json', 'x-note': 'plain' } })
      .times(2);
    const request = (tty: boolean) =>
      runCli(['request', 'finapi', 'GET', '/api/v2/checks/check-1', '--api', 'giroident', '--no-color'], {
        env: { ...net.config.env, FINTECH_CLI_FINAPI_GIROIDENT_URL: GIROIDENT, FINTECH_CLI_FINAPI_CLIENT_ID: 'client-id', FINTECH_CLI_FINAPI_CLIENT_SECRET: 'client-secret' },
        dispatcher: net.agent,
        tty,
      });
    const terminal = await request(true);
    expect(terminal.code, terminal.stderr).toBe(0);
    expect(terminal.stdout).toContain(ESCAPED);
    expect(hasControlChars(terminal.stdout)).toBe(false);
    expect((await request(false)).stdout).toBe(body);
  });
});
