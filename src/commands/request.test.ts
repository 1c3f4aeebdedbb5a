import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { computeFingerprint } from '../core/soldo/fingerprint.js';
import { loadPublicKey, verifyFingerprintSignature } from '../core/soldo/signature.js';
import { DEMO_SOLDO_PRIVATE_KEY_PEM, DEMO_SOLDO_PUBLIC_KEY_PEM } from '../providers/soldo/demo-key.js';
import { matchOperation } from '../providers/soldo/orders.js';
import { FinapiMock } from '../../test/helpers/finapi-mock.js';
import { useMockedNetwork } from '../../test/helpers/mocked-network.js';
import { SolarisMock } from '../../test/helpers/solaris-mock.js';
import { SoldoMock } from '../../test/helpers/soldo-mock.js';

const net = useMockedNetwork();

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const SOLARIS_API = 'https://api.solaris-sandbox.de';
const SOLDO_API = 'https://api-demo.soldocloud.net';
const FINAPI_API = 'https://sandbox.finapi.io';

const env = () => ({
  ...net.config.env,
  FINTECH_CLI_SOLARIS_CLIENT_ID: 'sol-client',
  FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'sol-secret-123',
  FINTECH_CLI_FINAPI_CLIENT_ID: 'fin-client',
  FINTECH_CLI_FINAPI_CLIENT_SECRET: 'fin-secret-123',
  FINTECH_CLI_SOLDO_CLIENT_ID: 'soldo-client',
  FINTECH_CLI_SOLDO_CLIENT_SECRET: 'soldo-secret-123',
  FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN: 'QDX6RK6OH1CZLSWOUWBA',
  FINTECH_CLI_SOLDO_PRIVATE_KEY: DEMO_SOLDO_PRIVATE_KEY_PEM,
});

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

const json = { 'content-type': 'application/json' };

/** Answers one request on `origin` whose path starts with `prefix`, recording what it was sent. */
function answer(origin: string, prefix: string, seen: Seen[], status: number, body: unknown, headers: Record<string, string> = {}) {
  net.agent
    .get(origin)
    .intercept({ path: (path: string) => path.startsWith(prefix), method: () => true })
    .reply((req) => {
      const lower = Object.fromEntries(Object.entries(req.headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
      seen.push({ method: req.method, path: req.path, headers: lower, body: req.body === undefined || req.body === null ? '' : String(req.body) });
      return { statusCode: status, data: typeof body === 'string' ? body : JSON.stringify(body), responseOptions: { headers: { ...json, ...headers } } };
    });
}

const run = (argv: string[], options: { stdin?: string | Buffer; tty?: boolean; cwd?: string } = {}) => runCli(argv, { env: env(), dispatcher: net.agent, now: NOW, ...options });

describe('request: Solaris', () => {
  it('sends the cached token and prints the body as received when piped, indented on a terminal', async () => {
    new SolarisMock(net.agent).token('sol-token-1');
    const seen: Seen[] = [];
    const body = '{"id":"p1","amount":10.50}';
    answer(SOLARIS_API, '/v1/persons/p1', seen, 200, body);
    answer(SOLARIS_API, '/v1/persons/p1', seen, 200, body);
    const piped = await run(['request', 'solaris', 'get', '/v1/persons/p1']);
    expect(piped).toEqual({ code: 0, stdout: body, stderr: '' });
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/v1/persons/p1', headers: { authorization: 'Bearer sol-token-1', accept: 'application/json' } });
    const terminal = await run(['request', 'solaris', 'GET', '/v1/persons/p1'], { tty: true });
    expect(terminal.stdout).toBe('{\n  "id": "p1",\n  "amount": 10.50\n}\n');
  });

  it('follows page[number] and the link header with --paginate and prints one array', async () => {
    new SolarisMock(net.agent).token('sol-token-1');
    const seen: Seen[] = [];
    const link = (n: number) => `<${SOLARIS_API}/v1/webhooks?page[number]=${n}&page[size]=2>; rel="next"`;
    answer(SOLARIS_API, '/v1/webhooks', seen, 200, [{ id: 'w1' }, { id: 'w2' }], { link: link(2), total: '5' });
    answer(SOLARIS_API, '/v1/webhooks', seen, 200, [{ id: 'w3' }, { id: 'w4' }], { link: link(3), total: '5' });
    answer(SOLARIS_API, '/v1/webhooks', seen, 200, [{ id: 'w5' }], { total: '5' });
    const result = await run(['request', 'solaris', 'GET', '/v1/webhooks', '--query', 'page[size]=2', '--paginate']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ id: 'w1' }, { id: 'w2' }, { id: 'w3' }, { id: 'w4' }, { id: 'w5' }]);
    expect(seen.map((s) => new URL(s.path, SOLARIS_API).searchParams.get('page[number]'))).toEqual(['1', '2', '3']);
    expect(seen.every((s) => new URL(s.path, SOLARIS_API).searchParams.get('page[size]') === '2')).toBe(true);
  });

  it('builds a JSON body from -f strings and -F typed fields, nested keys included', async () => {
    new SolarisMock(net.agent).token('sol-token-1');
    const seen: Seen[] = [];
    answer(SOLARIS_API, '/v1/webhooks', seen, 201, { id: 'w1' });
    const argv = ['request', 'solaris', 'POST', '/v1/webhooks', '-f', 'event_type=BOOKING', '-f', 'url=https://x.example/h', '-F', 'retries=3', '-F', 'active=true', '-f', 'code=007', '-F', 'meta[amount]=1.50', '-f', 'tags[]=a', '-f', 'tags[]=b'];
    expect((await run(argv)).code).toBe(0);
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    // commander collects each flag on its own: the -f fields come first, then the -F ones.
    expect(seen[0]!.body).toBe('{"event_type":"BOOKING","url":"https://x.example/h","code":"007","tags":["a","b"],"retries":3,"active":true,"meta":{"amount":1.50}}');
  });

  it('puts -f/-F fields of a GET into the query string, after -q and the path query', async () => {
    new SolarisMock(net.agent).token('sol-token-1');
    const seen: Seen[] = [];
    answer(SOLARIS_API, '/v1/webhooks', seen, 200, []);
    // -q is --query, as the CLI contract names it.
    expect((await run(['request', 'solaris', 'GET', '/v1/webhooks?a=1', '-q', 'b=2', '-F', 'c=3'])).code).toBe(0);
    expect(seen[0]!.path).toBe('/v1/webhooks?a=1&b=2&c=3');
    expect(seen[0]!.body).toBe('');
  });

  it('sends -d @file and -d - byte for byte, with the headers given', async () => {
    new SolarisMock(net.agent).token('sol-token-1');
    const seen: Seen[] = [];
    answer(SOLARIS_API, '/v1/webhooks', seen, 201, {});
    answer(SOLARIS_API, '/v1/webhooks', seen, 201, {});
    const fileBody = '{\n  "event_type": "BOOKING",\n  "amount": 10.50\n}\n';
    await writeFile(join(net.config.dir, '..', 'body.json'), fileBody);
    const fromFile = await run(['request', 'solaris', 'POST', '/v1/webhooks', '-d', '@body.json', '-H', 'X-Trace: abc'], { cwd: join(net.config.dir, '..') });
    expect(fromFile.code).toBe(0);
    const fromStdin = await run(['request', 'solaris', 'POST', '/v1/webhooks', '-d', '-'], { stdin: '{"from":"stdin"}' });
    expect(fromStdin.code).toBe(0);
    expect(seen.map((s) => s.body)).toEqual([fileBody, '{"from":"stdin"}']);
    expect(seen[0]!.headers['x-trace']).toBe('abc');
  });

  it('prints the status line and headers first with --include', async () => {
    new SolarisMock(net.agent).token('sol-token-1');
    answer(SOLARIS_API, '/v1/webhooks', [], 200, '[]', { total: '0' });
    const result = await run(['request', 'solaris', 'GET', '/v1/webhooks', '-i']);
    expect(result.stdout).toMatch(/^HTTP\/1\.1 200 OK\ncontent-type: application\/json\ntotal: 0\n\n\[\]$/);
  });

  it('prints an error answer on stdout and one line on stderr, and exits 1', async () => {
    new SolarisMock(net.agent).token('sol-token-1');
    const error = { errors: [{ id: 'err-9', status: 404, code: 'model_not_found', title: 'Model Not Found', detail: 'Person p9 not found' }] };
    answer(SOLARIS_API, '/v1/persons/p9', [], 404, error);
    const result = await run(['request', 'solaris', 'GET', '/v1/persons/p9']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual(error);
    expect(result.stderr).toBe('error: Solaris answered 404 to GET /v1/persons/p9: Model Not Found: Person p9 not found (code model_not_found, id err-9)\n');
  });

  it('fetches a new token and retries once when the cached token is answered 401', async () => {
    new SolarisMock(net.agent).token('old-token');
    new SolarisMock(net.agent).token('new-token');
    const seen: Seen[] = [];
    answer(SOLARIS_API, '/v1/webhooks', seen, 200, []);
    answer(SOLARIS_API, '/v1/webhooks', seen, 401, { errors: [{ code: 'invalid_token', title: 'Invalid token' }] });
    answer(SOLARIS_API, '/v1/webhooks', seen, 200, []);
    expect((await run(['request', 'solaris', 'GET', '/v1/webhooks'])).code).toBe(0);
    expect((await run(['request', 'solaris', 'GET', '/v1/webhooks'])).code).toBe(0);
    expect(seen.map((s) => s.headers.authorization)).toEqual(['Bearer old-token', 'Bearer old-token', 'Bearer new-token']);
  });

  it('refuses bad JSON in -d with its position, and an unreadable @file, with exit 2 and nothing sent', async () => {
    const bad = await run(['request', 'solaris', 'POST', '/v1/webhooks', '-d', '{"event_type": BOOKING}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('-d: the body is not valid JSON: unexpected character at line 1, column 16 (position 15).');
    const missing = await run(['request', 'solaris', 'POST', '/v1/webhooks', '-d', '@/nonexistent/body.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read the body file /nonexistent/body.json: ENOENT');
    const both = await run(['request', 'solaris', 'POST', '/v1/webhooks', '-d', '{}', '-f', 'a=b']);
    expect(both.code).toBe(2);
    const relative = await run(['request', 'solaris', 'GET', 'v1/webhooks']);
    expect(relative.code).toBe(2);
    expect(relative.stderr).toContain('e.g. /v1/webhooks');
  });

  it('--dry-run prints the request as JSON with the token as a variable, and sends nothing', async () => {
    const result = await run(['request', 'solaris', 'POST', '/v1/webhooks', '-f', 'event_type=BOOKING', '--dry-run']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      method: 'POST',
      url: `${SOLARIS_API}/v1/webhooks`,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: 'Bearer $FINTECH_CLI_SOLARIS_TOKEN' },
      body: '{"event_type":"BOOKING"}',
    });
    expect(result.stderr).toBe('# Set this variable first:\nexport FINTECH_CLI_SOLARIS_TOKEN="$(fintech-cli auth token solaris)"\n');
  });
});

describe('request: finAPI', () => {
  it('sends a fresh X-Request-Id unless one is given, and reaches the other hosts with --api', async () => {
    new FinapiMock(net.agent).token('fin-token');
    const seen: Seen[] = [];
    answer(FINAPI_API, '/api/v2/banks', seen, 200, { banks: [] });
    answer(FINAPI_API, '/api/v2/banks', seen, 200, { banks: [] });
    answer('https://giroident2-sandbox.finapi.io', '/api/v2/checks/c1', seen, 200, { 'check-id': 'c1' });
    expect((await run(['request', 'finapi', 'GET', '/api/v2/banks'])).code).toBe(0);
    expect((await run(['request', 'finapi', 'GET', '/api/v2/banks', '-H', 'X-Request-Id: mine-1'])).code).toBe(0);
    expect((await run(['request', 'finapi', 'GET', '/api/v2/checks/c1', '--api', 'giroident'])).code).toBe(0);
    expect(seen[0]!.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(seen[1]!.headers['x-request-id']).toBe('mine-1');
    expect(seen[2]!.headers.authorization).toBe('Bearer fin-token');
    expect((await run(['request', 'finapi', 'GET', '/x', '--api', 'auth'])).code).toBe(2);
  });

  it('sends the client credentials in a form body to the token endpoint, and hides them in --curl', async () => {
    const seen: Seen[] = [];
    answer(FINAPI_API, '/api/v2/oauth/token', seen, 200, { access_token: 't', expires_in: 3599 });
    expect((await run(['request', 'finapi', 'POST', '/api/v2/oauth/token', '-f', 'grant_type=client_credentials'])).code).toBe(0);
    expect(seen[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(seen[0]!.body).toBe('grant_type=client_credentials&client_id=fin-client&client_secret=fin-secret-123');
    const curl = await run(['request', 'finapi', 'POST', '/api/v2/oauth/token', '-f', 'grant_type=client_credentials', '--curl']);
    expect(curl.stdout).toContain(
      `--data-raw 'grant_type=client_credentials' \\\n  --data-urlencode "client_id=$FINTECH_CLI_FINAPI_CLIENT_ID" \\\n  --data-urlencode "client_secret=$FINTECH_CLI_FINAPI_CLIENT_SECRET"`,
    );
    expect(curl.stdout + curl.stderr).not.toContain('fin-secret-123');
    expect(curl.stderr).toContain('export FINTECH_CLI_FINAPI_CLIENT_SECRET=');
  });
});

describe('request: Soldo', () => {
  const publicKey = loadPublicKey(DEMO_SOLDO_PUBLIC_KEY_PEM);

  function expectSigned(seen: Seen, contentType = 'application/json') {
    const match = matchOperation(seen.method, seen.path)!;
    const query = seen.path.includes('?') ? seen.path.slice(seen.path.indexOf('?') + 1) : '';
    const { fingerprint } = computeFingerprint({ order: match.order, pathParams: match.pathParams, query, body: seen.body, contentType, token: 'QDX6RK6OH1CZLSWOUWBA' });
    expect(seen.headers['x-soldo-fingerprint']).toBe(fingerprint);
    expect(verifyFingerprintSignature(fingerprint, seen.headers['x-soldo-fingerprint-signature']!, publicKey)).toBe(true);
  }

  it('names the mistakes in a fingerprint given with -H that Soldo refuses with INVALID_FINGERPRINT', async () => {
    new SoldoMock(net.agent).token('soldo-token');
    const seen: Seen[] = [];
    const refusal = { error_code: 'INVALID_FINGERPRINT', message: 'invalid fingerprint' };
    answer(SOLDO_API, '/business/v2/transactions', seen, 400, refusal);
    // What a buggy client sends: the values without the fingerprint token, hashed in uppercase hex (by hand here).
    const buggy = createHash('sha512').update('2024-01-012024-02-01', 'utf8').digest('hex').toUpperCase();
    const path = '/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01';
    const result = await run(['request', 'soldo', 'GET', path, '-H', `X-Soldo-Fingerprint: ${buggy}`]);
    expect(result.code).toBe(1);
    expect(seen[0]!.headers['x-soldo-fingerprint']).toBe(buggy);
    expect(result.stdout).toBe(JSON.stringify(refusal));
    const ours = '2024-01-012024-02-01QDX6RK6OH1CZLSWOUWBA';
    expect(result.stderr).toContain("The fingerprint of transaction-search, as this CLI computes it, in the order of Soldo's advanced-authentication guide:\n");
    expect(result.stderr).toContain(`   5  fromDate               2024-01-01\n`);
    expect(result.stderr).toContain(`  Concatenated: ${ours}\n  Fingerprint:  ${createHash('sha512').update(ours).digest('hex')}\n`);
    expect(result.stderr).toContain('[token-missing+uppercase-hex]\n');
    expect(result.stderr).toMatch(/error: Soldo answered 400 to GET \/business\/v2\/transactions: INVALID_FINGERPRINT: invalid fingerprint\nLikely cause: token-missing\+uppercase-hex \(see above\)\.\n$/);
  });

  it('with --json, puts the breakdown and the mistakes in one JSON line on stderr', async () => {
    new SoldoMock(net.agent).token('soldo-token');
    answer(SOLDO_API, '/business/v2/transactions', [], 400, { error_code: 'INVALID_FINGERPRINT', message: 'invalid fingerprint' });
    const buggy = createHash('sha512').update('2024-01-01,2024-02-01,QDX6RK6OH1CZLSWOUWBA', 'utf8').digest('hex');
    const result = await run(['--json', 'request', 'soldo', 'GET', '/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01', '-H', `X-Soldo-Fingerprint: ${buggy}`]);
    expect(result.code).toBe(1);
    const [diagnosis, error] = result.stderr.trim().split('\n').map((line) => JSON.parse(line));
    expect(diagnosis.fingerprint).toMatchObject({
      operation: 'transaction-search',
      concatenated: '2024-01-012024-02-01QDX6RK6OH1CZLSWOUWBA',
      expect: { expected: buggy, equal: false, mistakes: [{ name: 'separator:","', hashed: '2024-01-01,2024-02-01,QDX6RK6OH1CZLSWOUWBA' }] },
      cause: 'Likely cause: separator:"," (see above).',
    });
    expect(error.error).toMatchObject({ code: 'INVALID_FINGERPRINT' });
  });

  it('says what to check when Soldo refuses the signature the CLI made', async () => {
    new SoldoMock(net.agent).token('soldo-token');
    answer(SOLDO_API, '/business/v2/transactions', [], 400, { error_code: 'INVALID_FINGERPRINT_SIGNATURE', message: 'invalid fingerprint signature' });
    const result = await run(['request', 'soldo', 'GET', '/business/v2/transactions?fromDate=2024-01-01']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('  Concatenated: 2024-01-01QDX6RK6OH1CZLSWOUWBA\n');
    expect(result.stderr).toMatch(/\nLikely cause: Soldo has another public key than the pair of the private key used: .*\n$/);
  });

  it('signs an operation with a fingerprint order, from the exact body sent', async () => {
    new SoldoMock(net.agent).token('soldo-token');
    const seen: Seen[] = [];
    answer(SOLDO_API, '/business/v2/wallets/internalTransfer/W1/W2', seen, 200, { amount: 10.5 });
    const result = await run(['request', 'soldo', 'PUT', '/business/v2/wallets/internalTransfer/W1/W2', '-F', 'amount=10.50', '-f', 'currencyCode=EUR']);
    expect(result.code).toBe(0);
    // Soldo's spec declares a form for the internal transfer: the fields become one, numbers as typed.
    expect(seen[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0]!.body).toBe('currencyCode=EUR&amount=10.50');
    expect(seen[0]!.headers.authorization).toBe('Bearer soldo-token');
    expectSigned(seen[0]!, 'application/x-www-form-urlencoded');
    const transfer = { order: matchOperation('PUT', seen[0]!.path)!.order, pathParams: { fromWalletId: 'W1', toWalletId: 'W2' }, contentType: 'application/x-www-form-urlencoded' };
    expect(computeFingerprint({ ...transfer, body: seen[0]!.body, token: 'QDX6RK6OH1CZLSWOUWBA' }).concatenated).toBe(
      '10.50EURW1W2QDX6RK6OH1CZLSWOUWBA',
    );
  });

  it('sends -d as the form Soldo declares for the internal transfer, and refuses JSON there unless -H asks for it', async () => {
    new SoldoMock(net.agent).token('soldo-token');
    const seen: Seen[] = [];
    const path = '/business/v2/wallets/internalTransfer/W1/W2';
    answer(SOLDO_API, path, seen, 200, {});
    expect((await run(['request', 'soldo', 'PUT', path, '-d', 'amount=10.50&currencyCode=EUR'])).code).toBe(0);
    expect(seen[0]).toMatchObject({ body: 'amount=10.50&currencyCode=EUR', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectSigned(seen[0]!, 'application/x-www-form-urlencoded');

    const json = await run(['request', 'soldo', 'PUT', path, '-d', '{"amount":10.50,"currencyCode":"EUR"}']);
    expect(json.code).toBe(2);
    expect(json.stderr).toBe(
      'error: -d: wallet-internal-transfer takes a form body (application/x-www-form-urlencoded), not JSON.\n' +
        "Give the fields with -f/-F (they become the form), or -d 'name=value&…'; -H 'Content-Type: application/json' sends JSON anyway.\n",
    );
    expect(seen).toHaveLength(1);

    answer(SOLDO_API, path, seen, 200, {});
    const forced = await run(['request', 'soldo', 'PUT', path, '-H', 'Content-Type: application/json', '-d', '{"amount":10.50,"currencyCode":"EUR"}']);
    expect(forced.code).toBe(0);
    expect(seen[1]).toMatchObject({ body: '{"amount":10.50,"currencyCode":"EUR"}', headers: { 'content-type': 'application/json' } });
    expectSigned(seen[1]!);
  });

  describe("where Soldo's sources disagree (transaction search with text and expenseType)", () => {
    const path = '/business/v2/transactions?status=Settled&text=Caf%C3%A9&expenseType=Travel';
    const guide = 'SettledTravelCaféQDX6RK6OH1CZLSWOUWBA';
    const exported = 'SettledCaféTravelQDX6RK6OH1CZLSWOUWBA';
    const sha512 = (text: string) => createHash('sha512').update(text, 'utf8').digest('hex');

    it("signs in the guide's order by default and in the export's with --order-source openapi", async () => {
      new SoldoMock(net.agent).token('soldo-token');
      const seen: Seen[] = [];
      answer(SOLDO_API, '/business/v2/transactions', seen, 200, { results: [] });
      answer(SOLDO_API, '/business/v2/transactions', seen, 200, { results: [] });
      expect((await run(['request', 'soldo', 'GET', path])).code).toBe(0);
      expect((await run(['request', 'soldo', 'GET', path, '--order-source', 'openapi'])).code).toBe(0);
      expect(seen.map((s) => s.headers['x-soldo-fingerprint'])).toEqual([sha512(guide), sha512(exported)]);
      for (const s of seen) expect(verifyFingerprintSignature(s.headers['x-soldo-fingerprint']!, s.headers['x-soldo-fingerprint-signature']!, publicKey)).toBe(true);
      expect(seen[1]!.headers.authorization).toBe('Bearer soldo-token');
    });

    it('under INVALID_FINGERPRINT, shows the other order and says to send it again with it', async () => {
      new SoldoMock(net.agent).token('soldo-token');
      answer(SOLDO_API, '/business/v2/transactions', [], 400, { error_code: 'INVALID_FINGERPRINT', message: 'invalid fingerprint' });
      const result = await run(['request', 'soldo', 'GET', path]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`  Concatenated: ${guide}\n`);
      expect(result.stderr).toContain(`Soldo's OpenAPI export 5.56.0 orders expenseType, text otherwise:\n  Concatenated: ${exported}\n  Fingerprint:  ${sha512(exported)}\n`);
      expect(result.stderr).toMatch(/\nLikely cause: Soldo's sources order expenseType, text differently, and Soldo checks the other order: send it again with --order-source openapi\.\n$/);
    });

    it('applies --order-source to soldo only', async () => {
      const result = await run(['request', 'solaris', 'GET', '/v1/webhooks', '--order-source', 'openapi']);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toBe('error: --order-source applies to soldo only.\nDrop it for solaris.\n');
    });
  });

  it('fills in request_timestamp when the order needs it and the body has none', async () => {
    new SoldoMock(net.agent).token('soldo-token');
    const seen: Seen[] = [];
    answer(SOLDO_API, '/business/v2/wallets', seen, 200, {});
    answer(SOLDO_API, '/business/v2/wallets', seen, 200, {});
    expect((await run(['request', 'soldo', 'POST', '/business/v2/wallets', '-f', 'owner_type=company', '-f', 'currency=EUR'])).code).toBe(0);
    expect(seen[0]!.body).toBe(`{"request_timestamp":${NOW},"owner_type":"company","currency":"EUR"}`);
    expectSigned(seen[0]!);
    const own = `{"currency":"EUR","request_timestamp":${NOW - 1000}}`;
    expect((await run(['request', 'soldo', 'POST', '/business/v2/wallets', '-d', own])).code).toBe(0);
    expect(seen[1]!.body).toBe(own);
    expectSigned(seen[1]!);
  });

  it('makes a JSON body for request_timestamp when there is none, and needs no fingerprint token where the order names none', async () => {
    new SoldoMock(net.agent).token('soldo-token');
    const seen: Seen[] = [];
    answer(SOLDO_API, '/business/v2/business-trips/T1/complete-transfer', seen, 200, {});
    const noToken = { ...env(), FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN: '' };
    const result = await runCli(['request', 'soldo', 'POST', '/business/v2/business-trips/T1/complete-transfer'], { env: noToken, dispatcher: net.agent, now: NOW });
    expect(result.code).toBe(0);
    expect(seen[0]!.body).toBe(`{"request_timestamp":${NOW}}`);
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    const { fingerprint } = computeFingerprint({ order: matchOperation('POST', seen[0]!.path)!.order, pathParams: { id: 'T1' }, body: seen[0]!.body });
    expect(seen[0]!.headers['x-soldo-fingerprint']).toBe(fingerprint);
  });

  it('says when --paginate meets an answer that is not a page of a list', async () => {
    new SoldoMock(net.agent).token('soldo-token');
    answer(SOLDO_API, '/business/v2/ping/whoami', [], 200, { company_name: 'Demo' });
    const result = await run(['request', 'soldo', 'GET', '/business/v2/ping/whoami', '--paginate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Soldo answered with something other than a page of a list ({pages, current_page, results})');
    expect((await run(['request', 'finapi', 'GET', '/api/v2/banks', '--paginate'])).code).toBe(2);
  });

  it('signs each page of a signed search and merges results with --paginate (p and pages)', async () => {
    new SoldoMock(net.agent).token('soldo-token');
    const seen: Seen[] = [];
    const page = (current: number, results: unknown[]) => ({ total: 3, pages: 2, page_size: 2, current_page: current, results_size: results.length, results });
    answer(SOLDO_API, '/business/v2/transactions', seen, 200, page(0, [{ id: 't1' }, { id: 't2' }]));
    answer(SOLDO_API, '/business/v2/transactions', seen, 200, page(1, [{ id: 't3' }]));
    const result = await run(['request', 'soldo', 'GET', '/business/v2/transactions?fromDate=2024-01-01', '--query', 's=2', '--paginate']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ id: 't1' }, { id: 't2' }, { id: 't3' }]);
    expect(seen.map((s) => s.path)).toEqual(['/business/v2/transactions?fromDate=2024-01-01&s=2&p=0', '/business/v2/transactions?fromDate=2024-01-01&s=2&p=1']);
    for (const s of seen) expectSigned(s);
  });

  it('leaves operations without an order unsigned', async () => {
    new SoldoMock(net.agent).token('soldo-token');
    const seen: Seen[] = [];
    answer(SOLDO_API, '/business/v2/ping/whoami', seen, 200, { company_name: 'Demo' });
    expect((await run(['request', 'soldo', 'GET', '/business/v2/ping/whoami'])).code).toBe(0);
    expect(seen[0]!.headers['x-soldo-fingerprint']).toBeUndefined();
  });

  it('--curl shows the signature and the token as a variable without any request, and says how long it lasts', async () => {
    const result = await run(['request', 'soldo', 'POST', '/business/v2/wallets', '-f', 'currency=EUR', '--curl', '--emulator']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--header "Authorization: Bearer $FINTECH_CLI_SOLDO_TOKEN"');
    expect(result.stdout).toMatch(/--header 'X-Soldo-Fingerprint: [0-9a-f]{128}'/);
    expect(result.stdout).toContain(`--data-binary '{"request_timestamp":${NOW},"currency":"EUR"}'`);
    expect(result.stderr).toContain('export FINTECH_CLI_SOLDO_TOKEN="$(fintech-cli auth token soldo --env emulator)"');
    expect(result.stderr).toContain(`request_timestamp ${NOW}`);
  });
});

describe('request: what a real server receives', () => {
  interface Received {
    method: string;
    path: string;
    /** As on the wire: a repeated header shows twice (IncomingHttpHeaders would keep one Authorization). */
    rawHeaders: [string, string][];
    body: Buffer;
  }

  /** Solaris on loopback: tokens on /oauth2/token, `answer` for the rest; records every request. */
  async function solaris(answer: (res: http.ServerResponse) => void = (res) => res.writeHead(201, json).end('{}')) {
    const received: Received[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const pairs = req.rawHeaders.flatMap((name, i) => (i % 2 === 0 ? [[name.toLowerCase(), req.rawHeaders[i + 1]!] as [string, string]] : []));
        received.push({ method: req.method!, path: req.url!, rawHeaders: pairs, body: Buffer.concat(chunks) });
        if (req.url === '/oauth2/token') res.writeHead(200, json).end(JSON.stringify({ access_token: 'computed-token', expires_in: 3600, token_type: 'bearer' }));
        else answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const call = (argv: string[], options: { stdin?: Buffer; cwd?: string } = {}) =>
      runCli(['request', 'solaris', ...argv], {
        env: { ...env(), FINTECH_CLI_SOLARIS_AUTH_URL: base, FINTECH_CLI_SOLARIS_API_URL: base },
        now: NOW,
        ...options,
      });
    const calls = () => received.filter((r) => r.path !== '/oauth2/token');
    const tokenRequests = () => received.length - calls().length;
    return { call, calls, tokenRequests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  const named = (r: Received, name: string) => r.rawHeaders.filter(([key]) => key === name).map(([, value]) => value);

  it("sends a user's lowercase authorization (and accept) header once, in place of the computed one", async () => {
    const server = await solaris();
    const result = await server.call(['GET', '/v1/webhooks', '-H', 'authorization: Bearer mine', '-H', 'accept: text/csv']);
    expect(result.code).toBe(0);
    const [sent] = server.calls();
    expect(named(sent!, 'authorization')).toEqual(['Bearer mine']);
    expect(named(sent!, 'accept')).toEqual(['text/csv']);
    await server.close();
  });

  it("sends the user's -H in place of every computed header, Soldo's signature and the body's type included, and says so with --verbose", async () => {
    const received: Received[] = [];
    const server = http.createServer((req, res) => {
      const pairs = req.rawHeaders.flatMap((name, i) => (i % 2 === 0 ? [[name.toLowerCase(), req.rawHeaders[i + 1]!] as [string, string]] : []));
      received.push({ method: req.method!, path: req.url!, rawHeaders: pairs, body: Buffer.alloc(0) });
      req.resume();
      req.on('end', () => {
        if (req.url === '/oauth/authorize') res.writeHead(200, json).end(JSON.stringify({ access_token: 'computed-token', expires_in: 3600, token_type: 'bearer' }));
        else res.writeHead(200, json).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const mine = [
      ['x-soldo-fingerprint', 'my-fingerprint'],
      ['X-SOLDO-FINGERPRINT-SIGNATURE', 'my-signature'],
      ['authorization', 'Bearer my-token'],
      ['content-type', 'application/json; charset=utf-8'],
    ];
    const result = await runCli(
      ['request', 'soldo', 'POST', '/business/v2/wallets', '-d', '{"name":"a"}', '--verbose', ...mine.flatMap(([name, value]) => ['-H', `${name}: ${value}`])],
      { env: { ...env(), FINTECH_CLI_SOLDO_API_URL: base, FINTECH_CLI_SOLDO_AUTH_URL: base }, now: NOW },
    );
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(result.code).toBe(0);
    const sent = received.find((r) => r.path === '/business/v2/wallets')!;
    for (const [name, value] of mine) expect(named(sent, name!.toLowerCase())).toEqual([value]);
    for (const name of ['X-Soldo-Fingerprint', 'X-Soldo-Fingerprint-Signature', 'Authorization', 'Content-Type']) {
      expect(result.stderr).toContain(`* your -H ${name} replaced the computed ${name}\n`);
    }
    // Only the headers the user replaced are named, once each.
    expect(result.stderr.match(/replaced the computed/g)).toHaveLength(4);
  });

  it('sends the bytes of -d @file and -d - exactly, even when they are not UTF-8', async () => {
    const server = await solaris();
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0d, 0x0a, 0xc3, 0x28, 0x80]);
    await writeFile(join(net.config.dir, '..', 'body.bin'), bytes);
    const type = ['-H', 'Content-Type: application/octet-stream'];
    expect((await server.call(['POST', '/v1/uploads', '-d', '@body.bin', ...type], { cwd: join(net.config.dir, '..') })).code).toBe(0);
    expect((await server.call(['POST', '/v1/uploads', '-d', '-', ...type], { stdin: bytes })).code).toBe(0);
    expect(server.calls().map((r) => r.body.toString('hex'))).toEqual([bytes.toString('hex'), bytes.toString('hex')]);
    expect(server.calls().map((r) => named(r, 'content-length'))).toEqual([['9'], ['9']]);
    await server.close();
  });

  it('reads up to 64 MB of an answer by default, and stops at --max-body with exit 1 and the flag to raise it', async () => {
    const server = await solaris((res) => res.writeHead(200, json).end(`"${'x'.repeat(2 * 1024 * 1024)}"`));
    const large = await server.call(['GET', '/v1/large']);
    expect([large.code, large.stdout.length, large.stderr]).toEqual([0, 2 * 1024 * 1024 + 2, '']);
    const capped = await server.call(['GET', '/v1/large', '--max-body', '1m']);
    expect(capped.code).toBe(1);
    expect(capped.stdout).toBe('');
    expect(capped.stderr).toMatch(/^error: 127\.0\.0\.1:\d+ answered 200 with a body larger than 1 MB; stopped reading it\nif the answer is meant to be that large, raise the limit with --max-body <bytes>\n$/);
    await server.close();
  });

  it('sends a POST answered 401 with a token fetched in this run once, and exits 4', async () => {
    const server = await solaris((res) => res.writeHead(401, json).end('{"errors":[{"code":"invalid_token","title":"Invalid token"}]}'));
    const result = await server.call(['POST', '/v1/transfers', '-d', '{"amount":10}']);
    expect(result).toEqual({
      code: 4,
      stdout: '{"errors":[{"code":"invalid_token","title":"Invalid token"}]}',
      stderr: 'error: Solaris answered 401 to POST /v1/transfers: Invalid token (code invalid_token)\n',
    });
    expect(server.calls().map((r) => r.method)).toEqual(['POST']);
    expect(server.tokenRequests()).toBe(1);
    await server.close();
  });

  it('sends a POST answered 401 with a cached token once more, with a new token', async () => {
    const statuses = [200, 401, 201];
    const server = await solaris((res) => res.writeHead(statuses.shift()!, json).end('{}'));
    expect((await server.call(['GET', '/v1/webhooks'])).code).toBe(0);
    const result = await server.call(['POST', '/v1/transfers', '-d', '{"amount":10}']);
    expect(result).toEqual({ code: 0, stdout: '{}', stderr: '' });
    expect(server.calls().map((r) => r.method)).toEqual(['GET', 'POST', 'POST']);
    expect(server.tokenRequests()).toBe(2);
    await server.close();
  });

  it('sends a POST whose own -H Authorization is answered 401 once, and keeps the cached token', async () => {
    const statuses = [200, 401, 200];
    const server = await solaris((res) => res.writeHead(statuses.shift()!, json).end('{}'));
    expect((await server.call(['GET', '/v1/webhooks'])).code).toBe(0);
    const result = await server.call(['POST', '/v1/transfers', '-d', '{"amount":10}', '-H', 'Authorization: Bearer mine']);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: Solaris answered 401 to POST \/v1\/transfers: /);
    expect((await server.call(['GET', '/v1/webhooks'])).code).toBe(0);
    expect(server.calls().map((r) => [r.method, named(r, 'authorization')])).toEqual([
      ['GET', ['Bearer computed-token']],
      ['POST', ['Bearer mine']],
      ['GET', ['Bearer computed-token']],
    ]);
    expect(server.tokenRequests()).toBe(1);
    await server.close();
  });

  it('refuses a header value beyond Latin-1, naming the header and the character, with exit 2 and nothing sent', async () => {
    const server = await solaris();
    const result = await server.call(['PUT', '/v1/transfers', '-d', '{}', '-H', 'X-Note: Überweisung €']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: -H X-Note: the value holds "€", which a header cannot carry.\nHeader values are ASCII: percent-encode the text (as the API documents it), or send it in the body.\n',
    });
    expect((await server.call(['GET', '/v1/webhooks', '-H', 'X-Note: Überweisung'])).code).toBe(0);
    expect(server.calls().map((r) => named(r, 'x-note'))).toEqual([['Überweisung']]);
    await server.close();
  });

  it.each(['Content-Length: 3', 'transfer-encoding: chunked', 'Host: other.example', 'Connection: upgrade', 'Expect: 100-continue'])(
    'refuses -H %s, which the HTTP client sets itself, with exit 2 and nothing sent',
    async (header) => {
      const server = await solaris();
      const result = await server.call(['PUT', '/v1/transfers', '-d', '{"amount":10}', '-H', header]);
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: -H ${header.split(':')[0]}: the HTTP client sets this header from the request itself.\nLeave it out: the body gives the length, the URL the host (choose it with the environment or --api).\n`,
      });
      expect(server.calls()).toEqual([]);
      await server.close();
    },
  );

  it('refuses a header with CR, LF or NUL in its value, naming it, with exit 2 and nothing sent', async () => {
    const server = await solaris();
    for (const header of ['X-Trace: a\r\nAuthorization: Bearer smuggled', 'X-Trace: a\nb', 'X-Trace: a\u0000b']) {
      const result = await server.call(['GET', '/v1/webhooks', '-H', header]);
      expect(result).toEqual({ code: 2, stdout: '', stderr: 'error: -H X-Trace: the value holds a line break or another control character.\nGive each header with its own -H, on one line.\n' });
    }
    expect(server.calls()).toEqual([]);
    await server.close();
  });
});
