import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { type Run as BinRun, runBin } from '../helpers/run-bin.js';
import { useEmulatorAndConfig } from '../helpers/emulator-and-config.js';

/** Both GiroIdent integration paths, run with the built binary against the emulator (docs/finapi.md walks the same way). */

const REQUEST_ID = /\[X-Request-Id [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\]/;
const IBAN = 'DE89370400440532013000';

const fx = useEmulatorAndConfig();

type Run = Pick<BinRun, 'code' | 'stdout' | 'stderr'>;

/** One run of the binary in the emulator environment, with only the environment given here: what the user sees. */
async function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const { code, stdout, stderr } = await runBin([...args, '--emulator'], {
    input: options.input,
    env: { FINTECH_CLI_EMULATOR_URL: fx.emulator.url, FINTECH_CLI_CONFIG_DIR: fx.config.dir, ...options.env },
  });
  return { code, stdout, stderr };
}

function json<T = Record<string, unknown>>(run: Run): T {
  expect(run.stderr.startsWith('{"error"')).toBe(false);
  return JSON.parse(run.stdout) as T;
}

/** What the end user does at the redirect URL: the emulator's documented completion route. */
async function completeAtBank(redirectUrl: string, accountHolder: string): Promise<void> {
  const res = await fetch(`${redirectUrl}/complete`, { method: 'POST', body: new URLSearchParams({ 'account-holder': accountHolder }) });
  expect(res.status).toBe(200);
}

interface Started {
  client_reference: string;
  process_token: string;
  access_token: string;
  invalidated: boolean;
  check_id?: string;
  redirect_url?: string;
  provider_body?: { 'check-id': string; 'redirect-url': string };
}

describe('use case 1: GiroIdent standalone through the Process Controller', () => {
  it('starts a process, prints both tokens, and the invalidated process token cannot be exchanged again', async () => {
    const start = await cli(['giroident', 'start', '--client-reference', 'customer-42']);
    expect(start.code).toBe(0);
    const lines = start.stdout.split('\n');
    expect(lines[0]).toBe('client-reference\tcustomer-42');
    expect(lines[1]).toMatch(/^process-token\t[0-9a-f]{48}$/);
    expect(lines[2]).toMatch(/^access-token\t\S{20,}$/);
    expect(lines.slice(3)).toEqual(['invalidated\tyes', '']);
    expect(start.stderr).toBe(
      'Next: create a check with the access token: printf %s "$ACCESS_TOKEN" | fintech-cli giroident check create --access-token-stdin --first-name … --last-name … --iban …\n',
    );

    const processToken = lines[1]!.split(/\s+/)[1]!;
    const again = await cli(['giroident', 'exchange', '--process-token-stdin'], { input: processToken });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(
      'error: finAPI answered 409 to the process token exchange: The process token was invalidated by an earlier exchange. (code ILLEGAL_ENTITY_STATE) [X-Request-Id ',
    );
    expect(again.stderr).toMatch(REQUEST_ID);
    expect(again.stderr).toContain('an exchange with invalidate=true (the default) ends it');
  });

  it('creates a check with the exchanged token; the end user completes it; the result shows the name matches', async () => {
    const start = await cli(['giroident', 'start', '--client-reference', 'customer-43', '--first-name', 'Max', '--last-name', 'Mustermann', '--iban', IBAN, '--json']);
    expect(start.code).toBe(0);
    expect(start.stderr).toBe('');
    const started = json<Started>(start);
    expect(started).toMatchObject({ client_reference: 'customer-43', invalidated: true });
    const check = { 'check-id': started.check_id!, 'redirect-url': started.redirect_url! };
    expect(started.provider_body).toEqual(check);
    expect(check['redirect-url']).toBe(`${fx.emulator.url}/finapi/giroident/web/${check['check-id']}`);

    const pending = await cli(['giroident', 'check', 'get', check['check-id'], '--access-token-stdin'], { input: started.access_token });
    expect(pending.code).toBe(0);
    expect(pending.stdout).toBe('status\tNOT_STARTED\n');
    expect(pending.stderr).toBe('NOT_STARTED: waiting for the end user to open the redirect URL.\n');

    // --wait polls while the end user opens the page and approves at the bank.
    const waiting = cli(['giroident', 'check', 'get', check['check-id'], '--access-token-stdin', '--wait'], { input: started.access_token });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(check['redirect-url'])).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await completeAtBank(check['redirect-url'], 'Max Mustermann');
    const done = await waiting;
    expect(done.code).toBe(0);
    expect(done.stdout).toBe('status\tCOMPLETED\nname-equality\ttrue\nname-equality-score\t1\n');
    // Which states it saw depends on when the binary's polls fell; each at most once, in order.
    expect(done.stderr).toMatch(/^(NOT_STARTED: waiting for the end user to open the redirect URL\.\n)?(IN_PROGRESS: the end user is logging in to the bank\.\n)?✓ The account holder's name matches \(score 1\)\.\n$/);

    const raw = await cli(['giroident', 'check', 'get', check['check-id'], '--access-token-stdin', '--json'], { input: started.access_token });
    expect(json(raw)).toEqual({ status: 'COMPLETED', 'name-equality': true, 'name-equality-score': 1 });
  });

  it('keeps a --no-invalidate process token for 10 exchanges in all, then refuses it', async () => {
    const start = await cli(['giroident', 'start', '--client-reference', 'customer-44', '--no-invalidate', '--json']);
    expect(start.code).toBe(0);
    expect(start.stderr).toBe(
      'warning: --no-invalidate: the process token stays exchangeable, up to 10 exchanges in all, and the identity behind it lives 30 days instead of 1. Keep the process token as secret as a password.\n',
    );
    const started = json<Started>(start);
    expect(started.invalidated).toBe(false);

    const tokens = new Set([started.access_token]);
    for (let exchange = 2; exchange <= 10; exchange++) {
      const run = await cli(['giroident', 'exchange', '--process-token-stdin', '--no-invalidate', '--json'], { input: started.process_token });
      expect(run.code).toBe(0);
      const answer = json<{ access_token: string; invalidated: boolean }>(run);
      expect(answer.invalidated).toBe(false);
      tokens.add(answer.access_token);
    }
    expect(tokens.size).toBe(10);

    const exhausted = await cli(['giroident', 'exchange', '--process-token-stdin'], { input: started.process_token });
    expect(exhausted.code).toBe(1);
    expect(exhausted.stdout).toBe('');
    expect(exhausted.stderr).toContain('finAPI answered 409 to the process token exchange: The process token was already exchanged 10 times. (code ILLEGAL_ENTITY_STATE)');
    expect(exhausted.stderr).toMatch(REQUEST_ID);
    expect(exhausted.stderr).toContain('10 exchanges use it up');

    // The identity's tokens still work; an end user who cancels at the bank ends the check with an error: --wait exits 3.
    const created = await cli(['giroident', 'check', 'create', '--access-token-stdin', '--company-name', 'ACME GmbH', '--iban', IBAN, '--json'], {
      input: started.access_token,
    });
    const checkId = json<{ 'check-id': string }>(created)['check-id'];
    const got = await cli(['giroident', 'check', 'get', checkId, '--access-token-stdin', '--json'], { input: started.access_token });
    expect(json(got)).toEqual({ status: 'NOT_STARTED' });
    const denied = await fetch(`${fx.emulator.url}/finapi/giroident/web/${checkId}/complete`, { method: 'POST', body: new URLSearchParams({ outcome: 'deny' }) });
    expect(denied.status).toBe(200);
    const failed = await cli(['giroident', 'check', 'get', checkId, '--access-token-stdin', '--wait', '--json'], { input: started.access_token });
    expect(failed.code).toBe(3);
    expect(JSON.parse(failed.stdout)).toEqual({ status: 'COMPLETED_WITH_ERROR', 'error-message': 'The end user cancelled the bank login.' });
    expect(failed.stderr).toContain('ended COMPLETED_WITH_ERROR: The end user cancelled the bank login.');
  });

  it('exits 4 when the client credentials are wrong', async () => {
    const run = await cli(['giroident', 'start', '--client-reference', 'customer-45'], { env: { FINTECH_CLI_FINAPI_CLIENT_SECRET: 'wrong-secret' } });
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: finAPI answered 401 to the process creation: Bad client credentials\. \(code UNAUTHORIZED_ACCESS\) \[X-Request-Id [0-9a-f-]{36}\]\n/);
    expect(run.stderr).toContain('Check the client id and secret for this environment: fintech-cli config get finapi');
  });
});

describe('use case 2: GiroIdent with finAPI Access users', () => {
  it('creates a user, signs in with the password, checks an account, renews with the refresh token, and deletes the user', async () => {
    const client = await cli(['auth', 'token', 'finapi']);
    expect(client.code).toBe(0);
    expect(client.stdout).toMatch(/^\S{20,}\n$/);
    expect(client.stderr).toBe('');

    const created = await cli(['finapi', 'users', 'create', '--id', 'alice', '--email', 'alice@example.com']);
    expect(created.code).toBe(0);
    const password = /^password\s+([A-Za-z0-9]{32})$/m.exec(created.stdout)?.[1] ?? '';
    expect(created.stdout).toBe(
      `id\talice\nemail\talice@example.com\nisAutoUpdateEnabled\tfalse\npassword\t${password}\n`,
    );
    expect(created.stderr).toBe(
      'warning: The password was generated and is shown only this once: store it now (finAPI cannot show it again).\n' +
        'Next: printf %s "$PASSWORD" | fintech-cli auth token finapi --user alice --password-stdin\n',
    );

    const signedIn = await cli(['auth', 'token', 'finapi', '--user', 'alice', '--password-stdin', '--json'], { input: `${password}\n` });
    expect(signedIn.code).toBe(0);
    expect(json(signedIn)).toMatchObject({ provider: 'finapi', environment: 'emulator', scope: 'all', cached: false });

    const check = await cli(['giroident', 'check', 'create', '--user', 'alice', '--first-name', 'Erika', '--last-name', 'Musterfrau', '--iban', IBAN, '--external-id', 'order-7']);
    expect(check.code).toBe(0);
    const checkId = /^check-id\s+(\S+)$/m.exec(check.stdout)?.[1] ?? '';
    expect(check.stdout).toBe(`check-id\t${checkId}\nredirect-url\t${fx.emulator.url}/finapi/giroident/web/${checkId}\n`);
    expect(check.stderr).toBe(
      `Send the end user to the redirect-url, then wait for the result: fintech-cli giroident check get ${checkId} --user alice --emulator --wait\n`,
    );
    await completeAtBank(`${fx.emulator.url}/finapi/giroident/web/${checkId}`, 'Erika Mustermann');

    const result = await cli(['giroident', 'check', 'get', checkId, '--user', 'alice']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('status\tCOMPLETED\nname-equality\ttrue\nname-equality-score\t0.5\n');
    expect(result.stderr).toBe("✓ The account holder's name matches (score 0.5).\n");

    // No password: --fresh renews the token with the cached refresh token.
    const renewed = await cli(['auth', 'token', 'finapi', '--user', 'alice', '--fresh', '--json']);
    expect(renewed.code).toBe(0);
    expect(json(renewed)).toMatchObject({ cached: false, scope: 'all' });

    // Deleting needs a terminal or --yes.
    const unconfirmed = await cli(['finapi', 'users', 'delete', '--user', 'alice']);
    expect(unconfirmed).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: Cannot ask for input: no terminal is attached.\nAdd --yes to delete user "alice" without a question.\n',
    });
    const deleted = await cli(['finapi', 'users', 'delete', '--user', 'alice', '--yes']);
    expect(deleted).toEqual({ code: 0, stdout: '', stderr: '✓ Deleted finAPI user "alice" (emulator) and forgot its cached tokens.\n' });

    const forgotten = await cli(['auth', 'token', 'finapi', '--user', 'alice']);
    expect(forgotten.code).toBe(4);
    expect(forgotten.stderr).toContain('error: A password is needed for finAPI user "alice": no refresh token is cached for it.');
    const gone = await cli(['auth', 'token', 'finapi', '--user', 'alice', '--password-stdin'], { input: password });
    expect(gone.code).toBe(4);
    expect(gone.stderr).toMatch(/^error: finAPI answered 400 to the token request: Bad user credentials\. \(code BAD_REQUEST\) \[X-Request-Id [0-9a-f-]{36}\]\n/);
    expect(gone.stderr).toContain('finAPI user "alice" does not exist or the password is wrong.');
  });

  it('takes a piped password for a new user and does not echo it', async () => {
    const created = await cli(['finapi', 'users', 'create', '--id', 'bob', '--password-stdin', '--json'], { input: 'bobs-password\n' });
    expect(created.code).toBe(0);
    expect(json(created)).toEqual({ id: 'bob', provider_body: { id: 'bob', isAutoUpdateEnabled: false } });
    const signedIn = await cli(['auth', 'token', 'finapi', '--user', 'bob', '--password-stdin'], { input: 'bobs-password' });
    expect(signedIn.code).toBe(0);
    const taken = await cli(['finapi', 'users', 'create', '--id', 'bob']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/^error: finAPI answered 422 to the user creation: A user with id bob already exists\. \(code ENTITY_EXISTS\) \[X-Request-Id [0-9a-f-]{36}\]\n/);
  });

  it('exits 4 for an unknown user, and for wrong client credentials', async () => {
    const unknown = await cli(['auth', 'token', 'finapi', '--user', 'nobody', '--password-stdin'], { input: 'some-password' });
    expect(unknown.code).toBe(4);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('finAPI user "nobody" does not exist or the password is wrong.');

    const badClient = await cli(['auth', 'token', 'finapi'], { env: { FINTECH_CLI_FINAPI_CLIENT_SECRET: 'wrong-secret' } });
    expect(badClient.code).toBe(4);
    expect(badClient.stdout).toBe('');
    expect(badClient.stderr).toMatch(/^error: finAPI answered 401 to the token request: invalid_client: Bad client credentials \[X-Request-Id [0-9a-f-]{36}\]\n/);
    expect(badClient.stderr).toContain('fintech-cli config get finapi');
  });
});

describe('the refresh grant once the cached user token has expired', () => {
  let shortLived: RunningEmulator;
  // Tokens of 60 s are never reused by the CLI (it keeps a minute's margin), so every run must renew.
  beforeAll(async () => {
    shortLived = await startEmulator({ port: 0, tokenTtlSeconds: 60 });
  });
  afterAll(() => shortLived.close());
  const run = (args: string[], input?: string) => cli(args, { input, env: { FINTECH_CLI_EMULATOR_URL: shortLived.url } });

  it('renews with the cached refresh token instead of asking for the password', async () => {
    expect((await run(['finapi', 'users', 'create', '--id', 'carol', '--password-stdin'], 'carols-password')).code).toBe(0);
    expect((await run(['auth', 'token', 'finapi', '--user', 'carol', '--password-stdin'], 'carols-password')).code).toBe(0);

    const renewed = await run(['auth', 'token', 'finapi', '--user', 'carol', '--json']);
    expect(renewed.code).toBe(0);
    expect(json(renewed)).toMatchObject({ provider: 'finapi', cached: false });
    const check = await run(['giroident', 'check', 'create', '--user', 'carol', '--first-name', 'Carol', '--last-name', 'Example', '--iban', IBAN]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^check-id\t\S+\nredirect-url\thttp:\/\/127\.0\.0\.1:\d+\/finapi\/giroident\/web\/\S+\n$/);
  });
});
