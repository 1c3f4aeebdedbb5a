import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/run-cli.js';
import { FinapiMock, finapiErrorBody, UUID } from '../../../../test/helpers/finapi-mock.js';
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
const completed = {
  'check-id': 'check-1',
  'first-name': 'Max',
  'last-name': 'Mustermann',
  iban: 'DE89370400440532013000',
  'bank-id': 37040044,
  'name-equality': true,
  'name-equality-score': 1,
  status: 'COMPLETED',
  'external-id': null,
};

describe('giroident check create', () => {
  it("signs the user in with the password grant, then creates the check with the user's token", async () => {
    finapi.token('alice-token-1', 'alice-refresh-1');
    finapi.answer('giroident', 'POST', '/api/v2/checks', 201, created);
    const result = await run(['giroident', 'check', 'create', '--user', 'alice', '--password-stdin', ...checkFields], { stdin: 'pass word\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`check-id      check-1\nredirect-url  ${created['redirect-url']}\n`);
    expect(result.stderr).toContain('fintech-cli giroident check get check-1 --user alice');

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
    finapi.answer('giroident', 'POST', '/api/v2/checks', 403, finapiErrorBody('FORBIDDEN', 'GiroIdent needs a user token.'));
    const result = await run(['giroident', 'check', 'create', '--access-token-stdin', ...checkFields], { stdin: 'client-token-123' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `finAPI answered 403 to the check creation: GiroIdent needs a user token. (code FORBIDDEN) [X-Request-Id ${finapi.requestIds()[0]}]`,
    );
  });

  it.each([
    [['--last-name', 'M', '--iban', 'DE89370400440532013000'], 'Give --user <id> or --access-token-stdin'],
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
    expect(human.stdout).toBe(
      [
        'check-id             check-1',
        'first-name           Max',
        'last-name            Mustermann',
        'iban                 DE89370400440532013000',
        'bank-id              37040044',
        'name-equality        true',
        'name-equality-score  1',
        'status               COMPLETED',
        'external-id          -',
        '',
      ].join('\n'),
    );
    expect(human.stderr).toBe("✓ The account holder's name matches (score 1).\n");

    // The cached user token serves the second call: no token request.
    finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, completed);
    const json = await run(['giroident', 'check', 'get', 'check-1', '--user', 'alice', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(completed);
    expect(finapi.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v2/oauth/token', 'GET /api/v2/checks/check-1', 'GET /api/v2/checks/check-1']);
  });

  it("renews an expired user token with the cached refresh token, without the password", async () => {
    finapi.token('alice-token-1', 'alice-refresh-1');
    finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, { ...completed, status: 'REGISTRATION', 'name-equality': null, 'name-equality-score': null });
    expect((await run(['giroident', 'check', 'get', 'check-1', '--user', 'alice', '--password-stdin'], { stdin: 'secret-pw' })).code).toBe(0);

    finapi.token('alice-token-2');
    finapi.answer('giroident', 'GET', '/api/v2/checks/check-1', 200, { ...completed, status: 'CREDENTIALS', 'name-equality': null });
    const later = await run(['giroident', 'check', 'get', 'check-1', '--user', 'alice'], { now: noon + 2 * 3600_000 });
    expect(later.code).toBe(0);
    expect(later.stderr).toBe('CREDENTIALS: the end user is logging in to the bank.\n');
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
    finapi.answer('giroident', 'GET', '/api/v2/checks/nope', 404, finapiErrorBody('UNKNOWN_ENTITY', 'No check with id nope.'));
    const result = await run(['giroident', 'check', 'get', 'nope', '--access-token-stdin'], { stdin: 'identity-token-123' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`finAPI answered 404 to the check nope: No check with id nope. (code UNKNOWN_ENTITY) [X-Request-Id ${finapi.requestIds()[0]}]`);
  });

  it('exits 4 for a user with neither a cached token nor a password', async () => {
    const result = await run(['giroident', 'check', 'get', 'check-1', '--user', 'bob']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('A password is needed for finAPI user "bob"');
  });
});
