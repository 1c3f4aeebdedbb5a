import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import vectorFile from '../../../test/fixtures/soldo/vectors.json' with { type: 'json' };
import { runCli, tempConfig, type RunOptions } from '../../../test/helpers/run-cli.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
beforeEach(async () => {
  config = await tempConfig();
});
afterEach(() => config.cleanup());

const run = (argv: string[], options: RunOptions = {}) => runCli(['soldo', 'fingerprint', ...argv], { ...options, env: { ...config.env, ...options.env } });
const sha512 = (text: string) => createHash('sha512').update(text, 'utf8').digest('hex');

const [worked, , transfer] = vectorFile.vectors;
if (worked === undefined || transfer === undefined) throw new Error('vectors.json lost its first vectors');
const TOKEN = worked.request.token;
const workedUrl = worked.request.url;
const workedParams = ['fromDate=2024-01-01', 'toDate=2024-02-01', 'dateType=SETTLEMENT', 'category=Payment', 'status=Settled'].flatMap((p) => ['--param', p]);
const transferArgs = ['--operation', 'wallet-internal-transfer', '--param', 'fromWalletId=a1b2c3-EUR', '--param', 'toWalletId=d4e5f6-EUR'];

describe('soldo fingerprint: the fingerprint', () => {
  it('computes the worked example from a URL: each field, the concatenated string and the hex', async () => {
    const result = await run(['--url', workedUrl, '--token', TOKEN]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Operation:    transaction-search (GET /business/v2/transactions)');
    // Piped, the rows are TSV: order, field, source, value; a skipped field shows why.
    expect(lines).toContain('1\ttype\t\t(absent)');
    expect(lines).toContain('5\tfromDate\tquery\t2024-01-01');
    expect(lines).toContain(`16\ttoken\ttoken\t${TOKEN}`);
    expect(lines).toContain(`Concatenated: ${worked.expected.concatenated}`);
    expect(lines).toContain(`Fingerprint:  ${worked.expected.fingerprint}`);
  });

  it('computes the worked example from --operation and --param', async () => {
    const result = await run(['--operation', 'transaction-search', ...workedParams, '--token', TOKEN, '--quiet']);
    expect(result).toEqual({ code: 0, stdout: `${worked.expected.fingerprint}\n`, stderr: '' });
  });

  it('still takes -q for --quiet for a release, with a note on stderr', async () => {
    const result = await run(['--operation', 'transaction-search', ...workedParams, '--token', TOKEN, '-q']);
    expect(result).toEqual({
      code: 0,
      stdout: `${worked.expected.fingerprint}\n`,
      stderr: 'note: -q is deprecated and will be removed in a later release; use --quiet.\n',
    });
  });

  it('fills path parameters from --param and reads the body from --data', async () => {
    const result = await run([...transferArgs, '--param', 'currencyCode=EUR', '--data', '{"amount": 10.50}', '--token', transfer.request.token, '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.fingerprint).toBe(transfer.expected.fingerprint);
    expect(doc.fields.map((f: { source: string }) => f.source)).toEqual(['body', 'query', 'path', 'path', 'token']);
  });

  it.each(vectorFile.vectors.map((v) => [v.name, v] as const))('reproduces the vector %s through the command line', async (_, vector) => {
    const { request } = vector;
    const argv = ['--url', request.url, '--method', request.method, '--token', request.token, '--quiet'];
    if (request.body !== undefined) argv.push('--data', request.body);
    const separator = (vector as { options?: { listSeparator?: string } }).options?.listSeparator;
    if (separator !== undefined) argv.push('--list-separator', separator);
    const result = await run(argv, { now: (request as { now?: number }).now });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${vector.expected.fingerprint}\n`);
  });

  it('prints JSON with every field, skipped ones with a reason', async () => {
    const result = await run(['--url', workedUrl, '--token', TOKEN, '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(Object.keys(doc)).toEqual(['operation', 'method', 'path', 'content_type', 'order_source', 'fields', 'concatenated', 'fingerprint', 'generated', 'disputed']);
    expect(doc).toMatchObject({ operation: 'transaction-search', method: 'GET', path: '/business/v2/transactions', content_type: null, order_source: 'guide', generated: {} });
    // None of the fields the two sources order differently is set: both give this fingerprint.
    expect(doc.disputed).toBeNull();
    expect(doc.fields).toHaveLength(16);
    expect(doc.fields[0]).toEqual({ index: 1, field: 'type', value: null, source: null, skipped: true, reason: 'absent' });
    expect(doc.fields[4]).toEqual({ index: 5, field: 'fromDate', value: '2024-01-01', source: 'query', skipped: false, reason: null });
    expect(doc.concatenated).toBe(worked.expected.concatenated);
    expect(doc.fingerprint).toBe(worked.expected.fingerprint);
  });

  it('draws an aligned table on a terminal, skipped fields dimmed', async () => {
    const result = await run(['--url', workedUrl, '--token', TOKEN], { tty: true });
    expect(result.code).toBe(0);
    const styled = result.stdout.split('\n');
    expect(styled).toContain('\u001b[1mORDER  FIELD                SOURCE  VALUE\u001b[22m');
    expect(styled.find((l) => l.startsWith('1 '))?.endsWith('\u001b[2m(absent)\u001b[22m')).toBe(true);
    const plain = await run(['--url', workedUrl, '--token', TOKEN, '--no-color'], { tty: true });
    expect(plain.stdout).not.toContain('\u001b[');
    const lines = plain.stdout.split('\n');
    const valueColumn = lines.find((l) => l.startsWith('ORDER'))?.indexOf('VALUE') ?? -1;
    const row = (n: number) => lines.find((l) => l.startsWith(`${n} `))?.slice(valueColumn);
    expect([row(1), row(5), row(16)]).toEqual(['(absent)', '2024-01-01', TOKEN]);
  });

  it('marks empty values as empty, with where they came from', async () => {
    const result = await run(['--url', '/business/v2/transactions?status=&category=Payment', '--token', TOKEN]);
    expect(result.stdout.split('\n')).toContain('9\tstatus\tquery\t(empty)');
  });

  it('reads the body from a file with @ and from stdin with -', async () => {
    const body = join(config.dir, '..', 'body.txt');
    await writeFile(body, 'amount=10.50&currencyCode=EUR');
    const expected = { code: 0, stdout: `${transfer.expected.fingerprint}\n`, stderr: '' };
    expect(await run([...transferArgs, '--data', `@${body}`, '--token', transfer.request.token, '--quiet'])).toEqual(expected);
    const stdin = 'amount=10.50&currencyCode=EUR';
    expect(await run([...transferArgs, '--data', '-', '--token', transfer.request.token, '--quiet'], { stdin })).toEqual(expected);
  });

  it("keeps a file's or stdin's final newline in the body, and warns where it changes the fingerprint", async () => {
    const body = join(config.dir, '..', 'form.txt');
    const form = 'amount=10.50&currencyCode=EUR\n';
    await writeFile(body, form);
    const argv = [...transferArgs, '--token', 'T', '--json'];
    for (const [data, stdin] of [[`@${body}`, undefined], ['-', form]]) {
      const result = await run([...argv, '--data', data ?? ''], { stdin });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).concatenated).toBe('10.50EUR\na1b2c3-EURd4e5f6-EURT');
      expect(result.stderr).toBe(
        `warning: the body from --data ${data} ends with a newline, which is part of its last value and so of the fingerprint ` +
          '(fintech-cli used to drop it). If the request you send has no final newline, remove it (printf %s, not echo).\n',
      );
    }
    const typed = await run([...argv, '--data', form]);
    expect(typed.stderr).toBe('');
  });

  it('generates a missing request_timestamp from the clock and says so on stderr', async () => {
    const now = 1_764_072_000_000;
    const result = await run(['--operation', 'wallet-add', '--data', '{"owner_type":"company","currency":"EUR","name":"Travel"}', '--token', 'T', '--json'], { now });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.generated).toEqual({ request_timestamp: String(now) });
    expect(doc.fields[0]).toMatchObject({ field: 'request_timestamp', value: String(now), source: 'generated' });
    expect(doc.concatenated).toBe(`${now}companyEURTravelT`);
    const text = await run(['--operation', 'wallet-add', '--token', 'T', '--quiet'], { now });
    expect(text.stderr).toContain(`Send "request_timestamp": ${now} in the body, within 5 seconds.`);
  });

  it('warns about path parameters an --operation was not given', async () => {
    const result = await run(['--operation', 'wallet-internal-transfer', '--param', 'fromWalletId=W1', '--token', 'T', '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('no value for the path parameter toWalletId; add --param NAME=VALUE.');
  });

  it('formats numbers as sent by default, normalised on request', async () => {
    const argv = [...transferArgs, '--data', '{"amount": 10.50, "currencyCode": "EUR"}', '--token', 'T', '--json'];
    expect(JSON.parse((await run(argv)).stdout).concatenated).toBe('10.50EURa1b2c3-EURd4e5f6-EURT');
    expect(JSON.parse((await run([...argv, '--numbers', 'normalized'])).stdout).concatenated).toBe('10.5EURa1b2c3-EURd4e5f6-EURT');
  });
});

describe("soldo fingerprint: where Soldo's sources disagree", () => {
  // The guide puts text after expenseStatus, the OpenAPI export 5.56.0 before expenseType.
  const search = ['--operation', 'transaction-search', '--param', 'status=Settled', '--param', 'text=Café Central', '--param', 'expenseType=Travel', '--token', 'TOK'];
  const guide = 'SettledTravelCafé CentralTOK';
  const exported = 'SettledCafé CentralTravelTOK';

  it("follows the guide by default and warns with the export's fingerprint", async () => {
    const result = await run([...search, '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${sha512(guide)}\n`);
    expect(result.stderr).toBe(
      "warning: Soldo's sources order expenseType and text differently. This fingerprint follows Soldo's advanced-authentication guide, the default; " +
        `Soldo's OpenAPI export 5.56.0 gives ${sha512(exported).slice(0, 16)}… (--order-source openapi). If Soldo answers INVALID_FINGERPRINT, try that one (docs/soldo.md, section 10).\n`,
    );
  });

  it('follows the export with --order-source openapi, and says what the guide gives', async () => {
    const result = await run([...search, '--order-source', 'openapi', '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ order_source: 'openapi', concatenated: exported, fingerprint: sha512(exported) });
    expect(doc.fields.map((f: { field: string }) => f.field).slice(11, 15)).toEqual(['text', 'expenseType', 'expenseStatus', 'requiredInformation']);
    expect(doc.disputed).toEqual({ source: 'guide', fields: ['text', 'expenseType'], concatenated: guide, fingerprint: sha512(guide) });
    expect(result.stderr).toContain(`This fingerprint follows Soldo's OpenAPI export 5.56.0; Soldo's advanced-authentication guide gives ${sha512(guide).slice(0, 16)}… (--order-source guide).`);
  });

  it('does not warn when the request sets no field at a disputed place', async () => {
    const result = await run(['--operation', 'transaction-search', '--param', 'text=x', '--param', 'requiredInformation=y', '--token', 'TOK', '--quiet']);
    expect(result).toEqual({ code: 0, stdout: `${sha512('xyTOK')}\n`, stderr: '' });
  });

  it("names the export's order as the mistake when --expect is its fingerprint", async () => {
    const result = await run([...search, '--expect', sha512(exported)]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      "Your code follows the order of Soldo's OpenAPI export 5.56.0 (type, publicId, customReferenceId, groupId, fromDate, toDate, dateType, category, status, tagId, metadataId, text, expenseType, expenseStatus, requiredInformation, token); ours follows Soldo's advanced-authentication guide",
    );
    expect(result.stderr).toContain('[order-source]');
    const other = await run([...search, '--order-source', 'openapi', '--expect', sha512(guide)]);
    expect(other.code).toBe(3);
    expect(other.stderr).toContain("Your code follows the order of Soldo's advanced-authentication guide (");
  });
});

describe('soldo fingerprint: the body type Soldo declares', () => {
  it('reads a form body for the internal transfer, which Soldo declares as a form', async () => {
    const result = await run([...transferArgs, '--data', 'amount=10.50&currencyCode=EUR', '--token', transfer.request.token, '--json']);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ content_type: 'application/x-www-form-urlencoded', fingerprint: transfer.expected.fingerprint });
  });

  it('computes the same fingerprint from JSON, and warns with the form to send', async () => {
    const result = await run([...transferArgs, '--data', '{"amount": 10.50, "currencyCode": "EUR"}', '--token', transfer.request.token, '--quiet']);
    expect(result).toEqual({
      code: 0,
      stdout: `${transfer.expected.fingerprint}\n`,
      stderr: 'warning: wallet-internal-transfer takes a form body (application/x-www-form-urlencoded), not JSON: the fingerprint is the same, but send amount=10.50&currencyCode=EUR.\n',
    });
  });

  it('warns about a form for an operation Soldo declares JSON for', async () => {
    const result = await run(['--operation', 'wallet-add', '--data', 'request_timestamp=1&currency=EUR', '--token', 'T', '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${sha512('1EURT')}\n`);
    expect(result.stderr).toBe('warning: wallet-add takes a JSON body, not a form: the fingerprint is the same if the values are, but send JSON.\n');
  });
});

describe('soldo fingerprint: readings a client could differ on', () => {
  const user = ['--operation', 'user-create', '--data', '{"request_timestamp":1,"name":"Ada","mobile_access":true,"web_access":false}', '--token', 'T', '--quiet'];

  it('writes booleans true/false by default, and 1 and nothing with --booleans php', async () => {
    expect((await run(user)).stdout).toBe(`${sha512('1Adatruefalse' + 'T')}\n`);
    expect(await run([...user, '--booleans', 'php'])).toEqual({ code: 0, stdout: `${sha512('1Ada1T')}\n`, stderr: '' });
  });

  it('leaves the token out of an order that does not name it, and appends it with --always-token', async () => {
    const trip = ['--operation', 'business-trip-complete-transfer', '--param', 'id=BT-1', '--data', '{"request_timestamp":1}', '--token', 'T', '--json'];
    const plain = JSON.parse((await run(trip)).stdout);
    expect(plain.concatenated).toBe('1BT-1');
    const appended = JSON.parse((await run([...trip, '--always-token'])).stdout);
    expect(appended.concatenated).toBe('1BT-1T');
    expect(appended.fields.at(-1)).toMatchObject({ index: 3, field: 'token', source: 'token', value: 'T' });
  });
});

describe('soldo fingerprint: the token', () => {
  const concatenated = async (options: RunOptions, argv: string[] = []) =>
    JSON.parse((await run(['--url', '/business/v2/transactions/T1', '--method', 'GET', ...argv, '--json'], options)).stdout).concatenated;

  it('takes the flag over the variable over the config file', async () => {
    const stored = await runCli(['config', 'set', 'soldo', '--fingerprint-token-stdin'], { env: config.env, stdin: 'FROMCONFIG' });
    expect(stored.code).toBe(0);
    expect(await concatenated({})).toBe('T1FROMCONFIG');
    const env = { FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN: 'FROMENV' };
    expect(await concatenated({ env })).toBe('T1FROMENV');
    expect(await concatenated({ env }, ['--token', 'FROMFLAG'])).toBe('T1FROMFLAG');
  });

  it("uses the emulator's demo token in the emulator environment", async () => {
    expect(await concatenated({}, ['--emulator'])).toBe('T1DEMOFINGERPRINTTOKEN');
  });

  it('exits 4 with a hint when no token is set', async () => {
    const result = await run(['--url', workedUrl]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'error: No fingerprint token for soldo (sandbox, profile default).\n' +
        'Pass --token, set FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN, or store it: printf %s "$TOKEN" | fintech-cli config set soldo --fingerprint-token-stdin\n',
    );
  });

  it('needs no token for the business-trip orders, which name none', async () => {
    const result = await run(['--operation', 'business-trip-complete-transfer', '--param', 'id=BT1', '--data', '{"request_timestamp":1}', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).concatenated).toBe('1BT1');
  });
});

describe('soldo fingerprint --expect', () => {
  const base = ['--url', workedUrl, '--token', TOKEN, '--quiet'];
  const values = ['2024-01-01', '2024-02-01', 'SETTLEMENT', 'Payment', 'Settled'];
  const expect3 = async (expected: string, extra: string[] = []) => {
    const result = await run([...base, '--expect', expected, ...extra]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe(`${worked.expected.fingerprint}\n`);
    expect(result.stderr).toMatch(/error: The fingerprint does not match this request\.\n.+\n$/);
    return result.stderr;
  };

  it('exits 0 with a tick on stderr when the fingerprints are equal', async () => {
    const result = await run([...base, '--expect', worked.expected.fingerprint]);
    expect(result).toEqual({ code: 0, stdout: `${worked.expected.fingerprint}\n`, stderr: '✓ Your fingerprint matches.\n' });
  });

  it('explains an uppercase hash', async () => {
    const stderr = await expect3(worked.expected.fingerprint.toUpperCase());
    expect(stderr).toContain('Found it:\n  Your code writes the SHA-512 hash in uppercase hex; Soldo expects lowercase.');
  });

  it('explains a missing token', async () => {
    const stderr = await expect3(sha512(values.join('')));
    expect(stderr).toContain('Your code leaves out the fingerprint token, which the order names last.');
    expect(stderr).toContain(`your code hashes ${JSON.stringify(values.join(''))}`);
  });

  it('explains the access token used as the fingerprint token, with --access-token', async () => {
    const stderr = await expect3(sha512(`${values.join('')}ACCESS-TOKEN`), ['--access-token', 'ACCESS-TOKEN']);
    expect(stderr).toContain('Your code uses the OAuth access token where the static fingerprint token belongs.');
  });

  it('explains fields in another order', async () => {
    // category, dateType, fromDate, status, toDate
    const stderr = await expect3(sha512(`PaymentSETTLEMENT2024-01-01Settled2024-02-01${TOKEN}`));
    expect(stderr).toContain("Your code sorts the fields alphabetically; Soldo takes them in the operation's order: type, publicId,");
  });

  it('explains separators between values', async () => {
    const stderr = await expect3(sha512([...values, TOKEN].join('|')));
    expect(stderr).toContain('Your code puts a pipe between values; Soldo concatenates them with nothing in between.');
  });

  it('explains a field the order does not name', async () => {
    const url = workedUrl.replace('?', '?p=2&');
    const result = await run(['--url', url, '--token', TOKEN, '--quiet', '--expect', sha512(`${values.join('')}2${TOKEN}`)]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`Your code includes "p", which the operation's order does not name (before the token).`);
  });

  it('says what it tried and what to check next when no mistake reproduces it (a wrong token)', async () => {
    const stderr = await expect3(sha512(`${values.join('')}SOME-OTHER-TOKEN`));
    expect(stderr).toMatch(/No common mistake reproduces it \(tried \d+: uppercase-hex, sha256, .*separator:","/);
    expect(stderr).toMatch(/, nor any pair of two of them \(\d+ pairs\)\.\n/);
    expect(stderr).toContain('Next steps:');
    expect(stderr).toContain('Check the token: the static fingerprint token Soldo issued, not the OAuth access token (--access-token T tests that).');
    expect(stderr).toContain('See the next steps above, and the troubleshooting section of docs/soldo.md.');
  });

  it('reports the comparison in --json, and the error as JSON on stderr', async () => {
    const result = await run(['--url', workedUrl, '--token', TOKEN, '--json', '--expect', worked.expected.fingerprint.toUpperCase()]);
    expect(result.code).toBe(3);
    const doc = JSON.parse(result.stdout);
    expect(doc.fingerprint).toBe(worked.expected.fingerprint);
    expect(doc.expect).toMatchObject({ expected: worked.expected.fingerprint.toUpperCase(), equal: false, mistakes: [{ name: 'uppercase-hex' }] });
    expect(doc.expect.tried).toContain('sha256');
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'fingerprint_mismatch' });

    const equal = await run(['--url', workedUrl, '--token', TOKEN, '--json', '--expect', worked.expected.fingerprint]);
    expect(equal.code).toBe(0);
    expect(JSON.parse(equal.stdout).expect).toEqual({ expected: worked.expected.fingerprint, equal: true });
    expect(equal.stderr).toBe('');
  });

  it('names two mistakes at once, with a diff of the two strings', async () => {
    const stderr = await expect3(sha512(values.join('')).toUpperCase());
    expect(stderr).toContain(
      'Found it:\n  Your code leaves out the fingerprint token, which the order names last. ' +
        'It also writes the SHA-512 hash in uppercase hex; Soldo expects lowercase. [token-missing+uppercase-hex]\n' +
        `    your code hashes ${JSON.stringify(values.join(''))}\n` +
        `    ours   "${values.join('')}[-${TOKEN}-]"\n` +
        `    yours  "${values.join('')}"\n`,
    );
  });

  it('lists the mistakes in --json, each with the string the buggy client hashed', async () => {
    const hashed = `${TOKEN}${values.join('')}`;
    const result = await run(['--url', workedUrl, '--token', TOKEN, '--json', '--expect', sha512(hashed)]);
    expect(result.code).toBe(3);
    const { mistakes, tried_pairs: triedPairs } = JSON.parse(result.stdout).expect;
    expect(mistakes).toEqual([{ name: 'token-first', explanation: 'Your code puts the token first; Soldo wants it last.', hashed, concatenated: hashed }]);
    expect(triedPairs).toBe(0);
    // Nothing is printed above the error in --json: its hint names the mistake.
    expect(JSON.parse(result.stderr).error).toMatchObject({
      code: 'fingerprint_mismatch',
      hint: 'Fix this mistake in your code (token-first): Your code puts the token first; Soldo wants it last.',
    });
  });

  it('tries the access tokens cached for the profile and environment, without fetching one', async () => {
    const key = ['default', 'sandbox', 'soldo', 'https://example.test/oauth/authorize', 'CLIENT', '0'.repeat(32)].map(encodeURIComponent).join('/');
    const entry = { access_token: 'CACHED-ACCESS', token_type: 'Bearer', expires_at: 1, obtained_at: 0 };
    await mkdir(config.dir, { recursive: true });
    await writeFile(join(config.dir, 'tokens.json'), JSON.stringify({ version: 2, tokens: { [key]: entry } }), { mode: 0o600 });
    const stderr = await expect3(sha512(`${values.join('')}CACHED-ACCESS`));
    expect(stderr).toContain('Your code uses the OAuth access token where the static fingerprint token belongs. [access-token]');
    expect(stderr).not.toContain('CACHED-ACCESS');
  });

  it('tries the client secret of the credentials in place of the fingerprint token', async () => {
    const env = { FINTECH_CLI_SOLDO_CLIENT_SECRET: 'S3CRET' };
    const result = await run([...base, '--expect', sha512(`${values.join('')}S3CRET`)], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Your code uses the client secret where the static fingerprint token belongs. [client-secret]');
    expect(result.stderr).toContain(`your code hashes "${values.join('')}<client secret>"`);
    expect(result.stderr).not.toContain('S3CRET');
  });

  it.each([['not hex'], ['0x12'], ['g'.repeat(128)]])('refuses %j with exit 2', async (bad) => {
    const result = await run([...base, '--expect', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--expect is not a hex fingerprint.');
  });

  it('accepts a Base64 SHA-512, to explain that mistake', async () => {
    const base64 = createHash('sha512').update(worked.expected.concatenated).digest('base64');
    expect(await expect3(base64)).toContain('Your code encodes the SHA-512 hash in Base64; Soldo expects lowercase hex.');
  });
});

describe('soldo fingerprint: usage errors (exit 2)', () => {
  it.each([
    ['no request', [], 'Name the request: --url <URL> or --operation <id>.'],
    ['both --url and --operation', ['--url', workedUrl, '--operation', 'transaction-search'], '--url and --operation both name the request.'],
    ['an unknown operation', ['--operation', 'wallet-transfer'], 'Unknown Soldo operation "wallet-transfer".'],
    ['a URL with no order', ['--url', '/business/v2/wallets', '--method', 'GET'], 'No known Soldo operation for GET at /business/v2/wallets.'],
    ['a URL of several operations', ['--url', '/business/v2/online-ads/AD1'], '/business/v2/online-ads/AD1 matches POST (online-ads-activate), PUT (online-ads-update).'],
    ['a method the operation does not have', ['--operation', 'transaction-search', '--method', 'POST'], 'transaction-search is a GET operation, not POST.'],
    ['a --param without =', ['--operation', 'transaction-search', '--param', 'status'], '--param status: expected NAME=VALUE.'],
    ['a --param naming a path parameter of --url', ['--url', '/business/v2/transactions/T1', '--method', 'GET', '--param', 'transactionId=T2'], 'transactionId is a path parameter'],
    ['a missing body file', ['--operation', 'wallet-add', '--data', '@/no/such/body.json'], 'Cannot read the body file /no/such/body.json: ENOENT'],
    ['a body that is not JSON', ['--operation', 'wallet-add', '--data', '{"name":'], 'The body is not valid JSON'],
    ['--access-token without --expect', ['--url', workedUrl, '--access-token', 'A'], '--access-token is for --expect.'],
  ])('%s', async (_, argv, message) => {
    const result = await run([...argv, '--token', TOKEN]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('suggests operations close to an unknown one', async () => {
    expect((await run(['--operation', 'wallet-transfer'])).stderr).toContain('Did you mean: wallet-auto-transfer-preset-set, wallet-internal-transfer?');
  });
});
