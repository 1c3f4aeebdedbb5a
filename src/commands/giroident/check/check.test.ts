import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/run-cli.js';
import { FinapiMock, giroidentErrorBody, UUID } from '../../../../test/helpers/finapi-mock.js';
import { useMockedNetwork } from '../../../../test/helpers/mocked-network.js';

const net = useMockedNetwork();
let finapi: FinapiMock;
beforeEach(() => {
  finapi = new FinapiMock(net.agent);
});

const env = () => ({ ...net.config.env, FINTECH_CLI_FINAPI_CLIENT_ID: 'fc', FINTECH_CLI_FINAPI_CLIENT_SECRET: 'fs' });
const noon = Date.UTC(2026, 10, 25, 12, 0, 0);
const run = (argv: string[], options: { stdin?: string; now?: number } = {}) => runCli(argv, { env: env(), dispatcher: net.agent, ...options });

const checkFields = ['--first-name', 'Max', '--last-name', 'Mustermann', '--iban', 'DE89370400440532013000'];
const created = { 'check-id': 'check-1', 'redirect-url': 'https://giroident2-sandbox.finapi.io/web/check-1' };
/** finAPI's CheckModel (spec/finapi/giroident-v2-2022.34.1.schema.json). */
const completed = { status: 'COMPLETED', 'name-equality': true, 'name-equality-score': 1 };

describe('giroident check create', () => {
  it("signs the user in with the password grant, then creates the check with the user's token", async () => {
    finapi.token('alice-token-1', 'alice-refresh-1');
    finapi.answer('giroident', 'POST', '/api/v2/checks', 201, created);
    const result = await run(['giroident', 'check', 'create', '--user', 'alice', '--password-stdin', ...checkFields], { stdin: 'pass word\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`check-id\tcheck-1\nredirect-url\t${created['redirect-url']}\n`);
    expect(result.stderr).toContain('fintech-cli giroident check get check-1 --user alice --wait');

    const [grant, check] = finapi.seen;
    expect(grant?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(grant?.body).toBe('grant_type=password&client_id=fc&client_secret=fs&username=alice&password=pass+word');
    expect(check?.headers['authorization']).toBe('Bearer alice-token-1');
    expect(JSON.parse(check?.body ?? '')).toEqual({ 'first-name': 'Max', 'last-name': 'Mustermann', iban: 'DE89370400440532013000' });
    const ids = finapi.requestIds();
    for (const id of ids) expect(id).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('uses a piped access token as is, on the product chosen, and prints finAPI\'s answer with --json', async () => {
    finapi.answer('giroident', 'POST', '/api/v2/checks-plus', 201, created);
    const result = await run(['giroident', 'check', 'create', '--access-token-stdin', '--product', 'checks-plus', '--json', ...checkFields], {
      stdin: 'identity-token-123\n',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(created);
    expect(finapi.seen[0]?.headers['authorization']).toBe('Bearer identity-token-123');
  });

  it('shows finAPI\'s error and its X-Request-Id, exit 1', async () => {
    finapi.answer('giroident', 'POST', '/api/v2/checks', 403, giroidentErrorBody('SECURITY_ERROR', 'GiroIdent needs a user token.'));
    const result = await run(['giroident', 'check', 'create', '--access-token-stdin', ...checkFields], { stdin: 'client-token-123' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('finAPI answered 403 to the check creation: ');
    expect(result.stderr).toContain('GiroIdent needs a user token.');
    expect(result.stderr).toContain('SECURITY_ERROR');
    expect(result.stderr).toContain(`[X-Request-Id ${finapi.requestIds()[0]}]`);
  });

  it.each([
    [['--first-name', 'Max', '--last-name', 'Mu', '--iban', 'DE89370400440532013000'], 'Give --user <id> or --access-token-stdin'],
    [['--user', 'alice', '--last-name', 'Mustermann', '--iban', 'DE89370400440532013000'], 'has a --last-name but no --first-name'],
    [['--user', 'alice', '--access-token-stdin', ...checkFields], 'cannot be combined'],
    [['--password-stdin', ...checkFields], '--password-stdin needs --user'],
    [['--user', 'alice'], 'no --last-name or --company-name'],
    [['--user', 'alice', '--product', 'checks-xl', ...checkFields], 'checks-xl'],
  ])('exits 2 before any request: %j', async (argv, message) => {
    const result = await run(['giroident', 'check', 'create', ...argv], { stdin: 'x' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(finapi.seen).toEqual([]);
  });
});

describe('giroident check get', () => {
  it('renders the result in finAPI\'s names with the verdict on stderr, and --json raw', async () => {
    finapi.token('alice-token-1', 'alice-refresh-1');
    finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, completed);
    const human = await run(['giroident', 'check', 'get', 'check-1', '--user', 'alice', '--password-stdin'], { stdin: 'secret-pw' });
    expect(human.code).toBe(0);
    expect(human.stdout).toBe(['status\tCOMPLETED', 'name-equality\ttrue', 'name-equality-score\t1', ''].join('\n'));
    expect(human.stderr).toBe("✓ The account holder's name matches (score 1).\n");

    // The cached user token serves the second call: no token request.
    finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, completed);
    const json = await run(['giroident', 'check', 'get', 'check-1', '--user', 'alice', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(completed);
    expect(finapi.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v2/oauth/token', 'GET /api/v2/checks/check-1', 'GET /api/v2/checks/check-1']);
  });

  it("renews an expired user token with the cached refresh token, without the password", async () => {
    finapi.token('alice-token-1', 'alice-refresh-1');
    finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, { status: 'NOT_STARTED' });
    const first = await run(['giroident', 'check', 'get', 'check-1', '--user', 'alice', '--password-stdin'], { stdin: 'secret-pw' });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('NOT_STARTED: waiting for the end user to open the redirect URL.\n');

    finapi.token('alice-token-2');
    finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, { status: 'IN_PROGRESS' });
    const later = await run(['giroident', 'check', 'get', 'check-1', '--user', 'alice'], { now: noon + 2 * 3600_000 });
    expect(later.code).toBe(0);
    expect(later.stdout).toBe('status\tIN_PROGRESS\n');
    expect(later.stderr).toBe('IN_PROGRESS: the end user is logging in to the bank.\n');
    expect(finapi.seen[2]?.body).toBe('grant_type=refresh_token&client_id=fc&client_secret=fs&refresh_token=alice-refresh-1');
    expect(finapi.seen[3]?.headers['authorization']).toBe('Bearer alice-token-2');
  });

  it('says plainly when the name does not match', async () => {
    finapi.answer('giroident', 'GET', '/api/v2/checks-gwg/check-1', 200, { ...completed, 'name-equality': false, 'name-equality-score': 0.33 });
    const result = await run(['giroident', 'check', 'get', 'check-1', '--access-token-stdin', '--product', 'checks-gwg'], { stdin: 'identity-token-123' });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("✗ The account holder's name does not match (score 0.33).\n");
  });

  it('exits 1 on an unknown check, quoting the X-Request-Id', async () => {
    finapi.answer('giroident', 'GET', '/api/v2/checks/nope', 404, giroidentErrorBody('ENTITY_IS_NOT_EXIST', 'No check with id nope.'));
    const result = await run(['giroident', 'check', 'get', 'nope', '--access-token-stdin'], { stdin: 'identity-token-123' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('finAPI answered 404 to the check nope: ');
    expect(result.stderr).toContain('No check with id nope.');
    expect(result.stderr).toContain('ENTITY_IS_NOT_EXIST');
    expect(result.stderr).toContain(`[X-Request-Id ${finapi.requestIds()[0]}]`);
  });

  it('shows a check that ended with an error, with its error-message, exit 0 without --wait', async () => {
    const failed = { status: 'COMPLETED_WITH_ERROR', 'error-message': 'The bank login was cancelled.' };
    finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, failed);
    const result = await run(['giroident', 'check', 'get', 'check-1', '--access-token-stdin'], { stdin: 'identity-token-123' });
    expect(result).toEqual({
      code: 0,
      stdout: 'status\tCOMPLETED_WITH_ERROR\nerror-message\tThe bank login was cancelled.\n',
      stderr: '✗ The check ended with an error: The bank login was cancelled.\n',
    });
  });

  it('exits 4 for a user with neither a cached token nor a password', async () => {
    const result = await run(['giroident', 'check', 'get', 'check-1', '--user', 'bob']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('A password is needed for finAPI user "bob"');
  });
});

describe('giroident check get --wait', () => {
  const waitFor = (...extra: string[]) => run(['giroident', 'check', 'get', 'check-1', '--access-token-stdin', '--wait', ...extra], { stdin: 'identity-token-123' });

  it('polls until COMPLETED, telling each new status on stderr, and exits 0', async () => {
    for (const status of ['NOT_STARTED', 'NOT_STARTED', 'IN_PROGRESS']) finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, { status });
    finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, completed);
    const result = await waitFor();
    expect(result).toEqual({
      code: 0,
      stdout: 'status\tCOMPLETED\nname-equality\ttrue\nname-equality-score\t1\n',
      stderr:
        'NOT_STARTED: waiting for the end user to open the redirect URL.\n' +
        'IN_PROGRESS: the end user is logging in to the bank.\n' +
        "✓ The account holder's name matches (score 1).\n",
    });
    expect(finapi.seen.map((r) => `${r.method} ${r.path}`)).toEqual(Array(4).fill('GET /api/v2/checks/check-1'));
  });

  it('exits 3 when the check ends COMPLETED_WITH_ERROR, after printing it (--json: finAPI\'s answer)', async () => {
    finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, { status: 'IN_PROGRESS' });
    const failed = { status: 'COMPLETED_WITH_ERROR', 'error-message': 'The bank login was cancelled.' };
    finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, failed);
    const result = await waitFor('--json');
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual(failed);
    expect(result.stderr).toContain('IN_PROGRESS: the end user is logging in to the bank.\n');
    expect(result.stderr).toContain('"code":"check_failed"');
    expect(result.stderr).toContain('ended COMPLETED_WITH_ERROR: The bank login was cancelled.');
  });

  it('gives up at the deadline with exit 5 and says how to wait again', async () => {
    for (let i = 0; i < 2; i++) finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, { status: 'IN_PROGRESS' });
    const started = performance.now();
    const result = await waitFor('--wait-timeout', '0.3');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error: The check check-1 is still IN_PROGRESS after 0.3 s of waiting.');
    expect(result.stderr).toContain('printf %s "$ACCESS_TOKEN" | fintech-cli giroident check get check-1 --access-token-stdin --wait');
    expect(finapi.seen).toHaveLength(2);
  });

  it('refuses a deadline that is not a number of seconds before any request', async () => {
    const result = await waitFor('--wait-timeout', 'soon');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--wait-timeout soon is not a number of seconds.');
    expect(finapi.seen).toEqual([]);
  });
});
