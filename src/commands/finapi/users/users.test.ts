import { beforeEach, describe, expect, it } from 'vitest';
import type { Prompter } from '../../../io/prompter.js';
import { runCli } from '../../../../test/helpers/run-cli.js';
import { FinapiMock, finapiErrorBody, type SeenRequest, UUID } from '../../../../test/helpers/finapi-mock.js';
import { useMockedNetwork } from '../../../../test/helpers/mocked-network.js';

const net = useMockedNetwork();
let finapi: FinapiMock;
beforeEach(() => {
  finapi = new FinapiMock(net.agent);
});

const env = () => ({ ...net.config.env, FINTECH_CLI_FINAPI_CLIENT_ID: 'fc', FINTECH_CLI_FINAPI_CLIENT_SECRET: 'fs' });
const run = (argv: string[], options: { stdin?: string; tty?: boolean; prompter?: Prompter } = {}) => runCli(argv, { env: env(), dispatcher: net.agent, ...options });

describe('finapi users create', () => {
  it('creates the user with the client token and shows the generated password once', async () => {
    finapi.token('client-token-1');
    // finAPI answers with the user as created, the password included.
    finapi.answer('access', 'POST', '/api/v2/users', 201, (sent: SeenRequest) => ({ ...(JSON.parse(sent.body) as object), isAutoUpdateEnabled: false }));
    const result = await run(['finapi', 'users', 'create', '--id', 'alice', '--email', 'alice@example.com', '--phone', '+49 99 999999']);
    expect(result.code).toBe(0);

    const [grant, create] = finapi.seen;
    expect(grant?.body).toBe('grant_type=client_credentials&client_id=fc&client_secret=fs');
    expect(create?.headers['authorization']).toBe('Bearer client-token-1');
    expect(create?.headers['content-type']).toBe('application/json');
    expect(create?.headers['x-request-id']).toMatch(UUID);
    const body = JSON.parse(create?.body ?? '') as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['id', 'password', 'email', 'phone']);
    expect(body).toMatchObject({ id: 'alice', email: 'alice@example.com', phone: '+49 99 999999' });
    const password = String(body.password);
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);

    expect(result.stdout).toBe(
      ['id\talice', 'email\talice@example.com', 'phone\t+49 99 999999', 'isAutoUpdateEnabled\tfalse', `password\t${password}`, ''].join('\n'),
    );
    expect(result.stderr).toContain('shown only this once');
    expect(result.stderr).toContain('fintech-cli auth token finapi --user alice --password-stdin');
  });

  it('sends a piped password and does not echo it; --json prints finAPI\'s user under provider_body', async () => {
    finapi.token('client-token-1');
    finapi.answer('access', 'POST', '/api/v2/users', 201, { id: 'bob', password: 'piped-password', email: null, phone: null, isAutoUpdateEnabled: false });
    const result = await run(['finapi', 'users', 'create', '--id', 'bob', '--password-stdin', '--json'], { stdin: 'piped-password\n' });
    expect(result.code).toBe(0);
    expect(JSON.parse(finapi.seen[1]?.body ?? '')).toEqual({ id: 'bob', password: 'piped-password' });
    expect(JSON.parse(result.stdout)).toEqual({ id: 'bob', provider_body: { id: 'bob', email: null, phone: null, isAutoUpdateEnabled: false } });
    expect(result.stdout + result.stderr).not.toContain('piped-password');
  });

  it('includes a generated password in --json', async () => {
    finapi.token('client-token-1');
    finapi.answer('access', 'POST', '/api/v2/users', 201, { id: 'generated-id', password: 'x', email: null, phone: null, isAutoUpdateEnabled: false });
    const result = await run(['finapi', 'users', 'create', '--json']);
    const sent = JSON.parse(finapi.seen[1]?.body ?? '') as Record<string, unknown>;
    expect(Object.keys(sent)).toEqual(['password']);
    expect(JSON.parse(result.stdout)).toEqual({ id: 'generated-id', password: sent.password, provider_body: { id: 'generated-id', email: null, phone: null, isAutoUpdateEnabled: false } });
  });

  it('exits 1 with finAPI\'s code and X-Request-Id when the id is taken', async () => {
    finapi.token('client-token-1');
    finapi.answer('access', 'POST', '/api/v2/users', 422, finapiErrorBody('ENTITY_EXISTS', 'A user with id alice already exists.'));
    const result = await run(['finapi', 'users', 'create', '--id', 'alice']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `finAPI answered 422 to the user creation: A user with id alice already exists. (code ENTITY_EXISTS) [X-Request-Id ${finapi.requestIds()[1]}]`,
    );
  });

  it('exits 4 when finAPI refuses the client credentials', async () => {
    finapi.answer('access', 'POST', '/api/v2/oauth/token', 401, { error: 'invalid_client', error_description: 'Bad client credentials' });
    const result = await run(['finapi', 'users', 'create']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`finAPI answered 401 to the token request: invalid_client: Bad client credentials [X-Request-Id ${finapi.requestIds()[0]}]`);
  });

  it.each([
    [['--id', 'has space'], '', 'a user id is 1 to 36 characters'],
    [['--id', 'x'.repeat(37)], '', 'a user id is 1 to 36 characters'],
    [['--password-stdin'], 'short', 'a password is 6 to 128 characters long'],
    [['--password-stdin'], 'x'.repeat(129), 'a password is 6 to 128 characters long'],
  ])('exits 2 before any request: %j', async (argv, stdin, message) => {
    const result = await run(['finapi', 'users', 'create', ...argv], { stdin });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(finapi.seen).toEqual([]);
  });
});

const confirming = (answer: boolean, asked: string[] = []): Prompter => ({
  input: () => Promise.reject(new Error('unexpected')),
  password: () => Promise.reject(new Error('unexpected')),
  confirm: ({ message }) => {
    asked.push(message);
    return Promise.resolve(answer);
  },
});

describe('finapi users delete', () => {
  it("asks on a terminal, deletes with the user's token and forgets the user's cached tokens", async () => {
    finapi.token('alice-token-1', 'alice-refresh-1');
    finapi.answer('access', 'DELETE', '/api/v2/users', 204);
    const asked: string[] = [];
    const result = await run(['finapi', 'users', 'delete', '--user', 'alice', '--password-stdin'], { stdin: 'secret-pw', tty: true, prompter: confirming(true, asked) });
    expect(result.code).toBe(0);
    expect(asked).toEqual(['Delete finAPI user "alice" (sandbox) and all its data? This cannot be undone.']);
    expect(result.stderr).toContain('Deleted finAPI user "alice" (sandbox) and forgot its cached tokens.');
    expect(finapi.seen[1]?.headers['authorization']).toBe('Bearer alice-token-1');
    expect(finapi.seen[1]?.headers['x-request-id']).toMatch(UUID);
    expect((await runCli(['auth', 'status', '--json'], { env: env() })).stdout).toBe('[]\n');
  });

  it('deletes with --yes and a cached token, and prints JSON', async () => {
    finapi.token('alice-token-1', 'alice-refresh-1');
    await run(['auth', 'token', 'finapi', '--user', 'alice', '--password-stdin'], { stdin: 'secret-pw' });
    finapi.answer('access', 'DELETE', '/api/v2/users', 204);
    const result = await run(['finapi', 'users', 'delete', '--user', 'alice', '--yes', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ user: 'alice', deleted: true });
    const again = await run(['auth', 'token', 'finapi', '--user', 'alice']);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('no refresh token is cached for it');
  });

  it('keeps the user when the answer is no', async () => {
    const result = await run(['finapi', 'users', 'delete', '--user', 'alice'], { tty: true, prompter: confirming(false) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cancelled: finAPI user "alice" was not deleted.');
    expect(finapi.seen).toEqual([]);
  });

  it('exits 2 without a terminal and without --yes, naming --yes', async () => {
    const result = await run(['finapi', 'users', 'delete', '--user', 'alice']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot ask for input: no terminal is attached.');
    expect(result.stderr).toContain('Add --yes');
    expect(finapi.seen).toEqual([]);
  });

  it('needs --yes in production even on a terminal', async () => {
    const asked: string[] = [];
    const result = await run(['finapi', 'users', 'delete', '--user', 'alice', '--production'], { tty: true, prompter: confirming(true, asked) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Deleting a finAPI user in production needs --yes.');
    expect(asked).toEqual([]);
  });

  it('exits 4 for an unknown user or a wrong password, saying so', async () => {
    finapi.answer('access', 'POST', '/api/v2/oauth/token', 400, { error: 'invalid_grant', error_description: 'Bad credentials' });
    const result = await run(['finapi', 'users', 'delete', '--user', 'ghost', '--password-stdin', '--yes'], { stdin: 'whatever' });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`finAPI answered 400 to the token request: invalid_grant: Bad credentials [X-Request-Id ${finapi.requestIds()[0]}]`);
    expect(result.stderr).toContain('finAPI user "ghost" does not exist or the password is wrong');
  });

  it('exits 2 without --user', async () => {
    expect((await run(['finapi', 'users', 'delete', '--yes'])).code).toBe(2);
  });
});
