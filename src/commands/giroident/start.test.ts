import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';
import { FinapiMock, finapiErrorBody, giroidentErrorBody, UUID } from '../../../test/helpers/finapi-mock.js';
import { useMockedNetwork } from '../../../test/helpers/mocked-network.js';

const net = useMockedNetwork();
let finapi: FinapiMock;
beforeEach(() => {
  finapi = new FinapiMock(net.agent);
});

const clientSecret = 'finapi-client-secret-XYZ';
const env = () => ({ ...net.config.env, FINTECH_CLI_FINAPI_CLIENT_ID: 'finapi-client', FINTECH_CLI_FINAPI_CLIENT_SECRET: clientSecret });
const run = (argv: string[], stdin?: string) => runCli(argv, { env: env(), dispatcher: net.agent, stdin });

const processToken = 'process-token-0123456789';
const accessToken = 'identity-token-0123456789';

function processCreated(reference = 'customer-42') {
  finapi.answer('process', 'POST', '/api/v1/processes', 200, { processes: [{ clientReference: reference, processToken }] });
}

describe('giroident start', () => {
  it('creates a process with the client credentials in the JSON body, exchanges it with invalidate=true and prints both tokens', async () => {
    processCreated();
    finapi.answer('process', 'GET', `/api/v1/processes/${processToken}?invalidate=true`, 200, { accessToken });
    const result = await run(['giroident', 'start', '--client-reference', 'customer-42']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'client-reference\tcustomer-42',
        `process-token\t${processToken}`,
        `access-token\t${accessToken}`,
        'invalidated\tyes',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toContain('giroident check create --access-token-stdin');

    const [create, exchange] = finapi.seen;
    expect(create?.headers['content-type']).toBe('application/json');
    expect(create?.headers['accept']).toBe('application/json');
    expect(create?.headers['authorization']).toBeUndefined();
    expect(JSON.parse(create?.body ?? '')).toEqual({
      clientId: 'finapi-client',
      clientSecret,
      clientReferences: [{ clientReference: 'customer-42' }],
      processId: 'GIROIDENT',
    });
    expect(exchange?.body).toBe('');
    expect(exchange?.headers['authorization']).toBeUndefined();
    const ids = finapi.requestIds();
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(2);
  });

  it('keeps the process token exchangeable with --no-invalidate, says what that costs, and prints JSON', async () => {
    processCreated('ref-1');
    finapi.answer('process', 'GET', `/api/v1/processes/${processToken}?invalidate=false`, 200, { accessToken });
    const result = await run(['giroident', 'start', '--client-reference', 'ref-1', '--no-invalidate', '--process-id', 'GIROIDENT', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ client_reference: 'ref-1', process_token: processToken, access_token: accessToken, invalidated: false });
    expect(result.stderr).toContain('up to 10 exchanges');
    expect(result.stderr).toContain('lives 30 days instead of 1');
  });

  it('goes on to create a check with the exchanged token, kebab-case fields exactly as finAPI documents', async () => {
    processCreated();
    finapi.answer('process', 'GET', `/api/v1/processes/${processToken}?invalidate=true`, 200, { accessToken });
    const check = { 'check-id': 'check-1', 'redirect-url': 'https://giroident2-sandbox.finapi.io/web/check-1' };
    finapi.answer('giroident', 'POST', '/api/v2/checks', 201, check);
    const result = await run([
      'giroident', 'start', '--client-reference', 'customer-42', '--json',
      '--first-name', 'Max', '--last-name', 'Mustermann', '--iban', 'de89 3704 0044 0532 0130 00', '--strict-check', '--external-id', 'ext-1',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      client_reference: 'customer-42',
      process_token: processToken,
      access_token: accessToken,
      invalidated: true,
      check_id: 'check-1',
      redirect_url: check['redirect-url'],
      provider_body: check,
    });
    const created = finapi.seen[2];
    expect(created?.headers['authorization']).toBe(`Bearer ${accessToken}`);
    expect(created?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(created?.body ?? '')).toEqual({
      'first-name': 'Max',
      'last-name': 'Mustermann',
      iban: 'DE89370400440532013000',
      'strict-check': true,
      'external-id': 'ext-1',
    });
    expect(new Set(finapi.requestIds()).size).toBe(3);
    expect(result.stderr).toBe('');
  });

  it('prints labelled check lines in human mode', async () => {
    processCreated();
    finapi.answer('process', 'GET', `/api/v1/processes/${processToken}?invalidate=true`, 200, { accessToken });
    finapi.answer('giroident', 'POST', '/api/v2/checks', 201, { 'check-id': 'check-1', 'redirect-url': 'https://example.test/web/check-1' });
    const result = await run(['giroident', 'start', '--client-reference', 'customer-42', '--company-name', 'ACME GmbH', '--blz', '37040044']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('check-id\tcheck-1\nredirect-url\thttps://example.test/web/check-1\n');
    expect(JSON.parse(finapi.seen[2]?.body ?? '')).toEqual({ 'company-name': 'ACME GmbH', blz: '37040044' });
    expect(result.stderr).toBe(
      'Send the end user to the redirect-url, then wait for the result: printf %s "$ACCESS_TOKEN" | fintech-cli giroident check get check-1 --access-token-stdin --wait\n',
    );
  });

  it('keeps the tokens and the client secret out of --verbose, printing the tokens on stdout only', async () => {
    processCreated();
    finapi.answer('process', 'GET', `/api/v1/processes/${processToken}?invalidate=true`, 200, { accessToken });
    const result = await run(['giroident', 'start', '--client-reference', 'customer-42', '--verbose']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('POST https://di-processctl-finapi-general-sandbox.finapi.io/api/v1/processes');
    expect(result.stderr).toContain('GET https://di-processctl-finapi-general-sandbox.finapi.io/api/v1/processes/[REDACTED]?invalidate=true');
    for (const secret of [processToken, accessToken, clientSecret]) expect(result.stderr).not.toContain(secret);
    expect(result.stdout).toContain(accessToken);
  });

  it('exits 4 when the Process Controller refuses the client credentials, quoting the X-Request-Id', async () => {
    finapi.answer('process', 'POST', '/api/v1/processes', 401, finapiErrorBody('UNAUTHORIZED_ACCESS', 'Bad client credentials.'));
    const result = await run(['giroident', 'start', '--client-reference', 'customer-42']);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    const [id] = finapi.requestIds();
    expect(result.stderr).toContain(
      `finAPI answered 401 to the process creation: Bad client credentials. (code UNAUTHORIZED_ACCESS) [X-Request-Id ${id}]`,
    );
    expect(result.stderr).toContain('fintech-cli config get finapi');
  });

  it('exits 1 and explains a refused exchange', async () => {
    processCreated();
    finapi.answer('process', 'GET', `/api/v1/processes/${processToken}?invalidate=true`, 409, finapiErrorBody('ILLEGAL_ENTITY_STATE', 'The process token was invalidated.'));
    const result = await run(['giroident', 'start', '--client-reference', 'customer-42']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('finAPI answered 409 to the process token exchange: The process token was invalidated. (code ILLEGAL_ENTITY_STATE)');
    expect(result.stderr).toContain('an exchange with invalidate=true (the default) ends it, 10 exchanges use it up');
  });

  it('still prints the tokens when the check fails, since the process token may be spent', async () => {
    processCreated();
    finapi.answer('process', 'GET', `/api/v1/processes/${processToken}?invalidate=true`, 200, { accessToken });
    finapi.answer('giroident', 'POST', '/api/v2/checks', 400, giroidentErrorBody('INVALID_PARAMETER', 'iban is not valid.'));
    const result = await run(['giroident', 'start', '--client-reference', 'c', '--first-name', 'Max', '--last-name', 'Mu', '--iban', 'DE89370400440532013000', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ client_reference: 'c', process_token: processToken, access_token: accessToken, invalidated: true });
    expect(result.stderr).toContain('the access token above still works');
    expect(result.stderr).toContain('finAPI answered 400 to the check creation');
    expect(result.stderr).toContain('iban is not valid.');
    expect(result.stderr).toContain('INVALID_PARAMETER');
  });

  it.each([
    [['giroident', 'start'], '--client-reference is required'],
    [['giroident', 'start', '--client-reference', 'c', '--first-name', 'Max'], 'no --last-name or --company-name'],
    [['giroident', 'start', '--client-reference', 'c', '--last-name', 'Mu', '--iban', 'DE89370400440532013000'], 'has a --last-name but no --first-name'],
    [['giroident', 'start', '--client-reference', 'c', '--first-name', 'Max', '--last-name', 'Mu'], 'no --iban or --blz'],
    [['giroident', 'start', '--client-reference', 'c', '--company-name', 'ACME', '--iban', 'DE00370400440532013000'], 'not a valid IBAN'],
    [['giroident', 'start', '--client-reference', 'c', '--company-name', 'ACME', '--blz', '1234'], 'is not a bank code'],
  ])('exits 2 before any request: %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(finapi.seen).toEqual([]);
  });
});

describe('giroident exchange', () => {
  it('exchanges a piped process token and prints the access token alone', async () => {
    finapi.answer('process', 'GET', `/api/v1/processes/${processToken}?invalidate=true`, 200, { accessToken });
    const result = await run(['giroident', 'exchange', '--process-token-stdin'], `${processToken}\n`);
    expect(result).toEqual({ code: 0, stdout: `${accessToken}\n`, stderr: '' });
    expect(finapi.requestIds()[0]).toMatch(UUID);
  });

  it('says what --no-invalidate costs, and prints JSON', async () => {
    finapi.answer('process', 'GET', `/api/v1/processes/${processToken}?invalidate=false`, 200, { accessToken });
    const result = await run(['giroident', 'exchange', '--process-token-stdin', '--no-invalidate', '--json'], processToken);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ access_token: accessToken, invalidated: false });
    expect(result.stderr).toContain('up to 10 exchanges');
  });

  it('exits 1 with the explanation when the token is used up', async () => {
    finapi.answer('process', 'GET', `/api/v1/processes/${processToken}?invalidate=true`, 404, finapiErrorBody('UNKNOWN_ENTITY', 'Unknown process token.'));
    const result = await run(['giroident', 'exchange', '--process-token-stdin'], processToken);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('This process token cannot be exchanged any more');
    expect(result.stderr).toContain(`[X-Request-Id ${finapi.requestIds()[0]}]`);
  });

  it('exits 2 without --process-token-stdin, and with empty input', async () => {
    expect((await run(['giroident', 'exchange'])).code).toBe(2);
    const empty = await run(['giroident', 'exchange', '--process-token-stdin'], '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('standard input was empty');
  });
});
