import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import vectorFile from '../../../test/fixtures/soldo/vectors.json' with { type: 'json' };
import { runCli, tempConfig, type RunOptions } from '../../../test/helpers/run-cli.js';
import { loadPublicKey, verifyFingerprintSignature } from '../../core/soldo/signature.js';
import { DEMO_SOLDO_PUBLIC_KEY_PEM } from '../../providers/soldo/demo-key.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
beforeEach(async () => {
  config = await tempConfig();
});
afterEach(() => config.cleanup());

const run = (argv: string[], options: RunOptions = {}) => runCli(['soldo', 'sign', ...argv], { ...options, env: { ...config.env, ...options.env } });
const fixture = (name: string) => new URL(`../../../test/fixtures/soldo/${name}`, import.meta.url).pathname;

const [worked] = vectorFile.vectors;
if (worked === undefined) throw new Error('vectors.json has no vectors');
const { fingerprint, signature } = worked.expected;
const request = ['--url', worked.request.url, '--token', worked.request.token];
const headers = `X-Soldo-Fingerprint: ${fingerprint}\nX-Soldo-Fingerprint-Signature: ${signature}\n`;

/** A one-line error and a hint, no stack trace, nothing on stdout and no key material anywhere. */
function expectCleanFailure(result: { code: number; stdout: string; stderr: string }, code: number, message: string | RegExp) {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n').length).toBeLessThanOrEqual(3);
  expect(result.stderr.split('\n')[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  // PEM bodies start with MII (a DER SEQUENCE): no key text may leak into a message.
  expect(result.stderr).not.toMatch(/KEY-----\n|MII[A-Za-z0-9+/]{20}/);
}

describe('soldo sign', () => {
  it("signs in the export's order with --order-source openapi, warning where the sources give different fingerprints", async () => {
    const search = ['--operation', 'transaction-search', '--param', 'text=x', '--param', 'expenseType=Travel', '--token', 'TOK', '--private-key-file', fixture('private.pem'), '--json'];
    const sha512 = (text: string) => createHash('sha512').update(text, 'utf8').digest('hex');
    const publicKey = loadPublicKey(readFileSync(fixture('public.pem'), 'utf8'));
    const [guide, openapi] = [await run(search), await run([...search, '--order-source', 'openapi'])];
    for (const [result, hashed] of [[guide, 'TravelxTOK'], [openapi, 'xTravelTOK']] as const) {
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(doc.fingerprint).toBe(sha512(hashed));
      expect(verifyFingerprintSignature(doc.fingerprint, doc.signature, publicKey)).toBe(true);
      expect(result.stderr).toContain("warning: Soldo's sources order ");
    }
  });

  it.each([['PKCS#8', 'private.pem'], ['PKCS#1', 'private-pkcs1.pem']])(
    'prints the two headers of the worked example with the %s key, equal to the openssl vector',
    async (_, key) => {
      expect(await run([...request, '--private-key-file', fixture(key)])).toEqual({ code: 0, stdout: headers, stderr: '' });
    },
  );

  it('signs a given --fingerprint', async () => {
    expect(await run(['--fingerprint', fingerprint, '--private-key-file', fixture('private.pem')])).toEqual({ code: 0, stdout: headers, stderr: '' });
  });

  it('signs every vector as openssl did', async () => {
    for (const vector of vectorFile.vectors) {
      const result = await run(['--fingerprint', vector.expected.fingerprint, '--private-key-file', fixture('private.pem'), '--json']);
      expect(JSON.parse(result.stdout).signature).toBe(vector.expected.signature);
    }
  });

  it('decrypts an encrypted key with the passphrase from stdin', async () => {
    const argv = [...request, '--private-key-file', fixture('private-encrypted.pem'), '--passphrase-stdin'];
    expect(await run(argv, { stdin: 'test-passphrase\n' })).toEqual({ code: 0, stdout: headers, stderr: '' });
    // Not a word of the message: a passphrase read from stdin is a secret of the run, masked wherever it appears.
    expectCleanFailure(await run(argv, { stdin: 'not-the-passphrase' }), 2, /private-encrypted\.pem: Cannot decrypt the private key: wrong passphrase\.$/);
    expectCleanFailure(
      await run(argv.slice(0, -1)),
      2,
      /private-encrypted\.pem: The private key is encrypted: pass its passphrase on standard input with --passphrase-stdin\.$/,
    );
  });

  it('prints JSON with the request fields, the signature and the headers', async () => {
    const result = await run([...request, '--private-key-file', fixture('private.pem'), '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ operation: 'transaction-search', fingerprint, signature, concatenated: worked.expected.concatenated });
    expect(doc.fields).toHaveLength(16);
    expect(doc.headers).toEqual({ 'X-Soldo-Fingerprint': fingerprint, 'X-Soldo-Fingerprint-Signature': signature });

    const given = await run(['--fingerprint', fingerprint, '--private-key-file', fixture('private.pem'), '--json']);
    expect(JSON.parse(given.stdout)).toEqual({ fingerprint, signature, headers: doc.headers });
  });

  describe('finds the key', () => {
    const pem = readFileSync(fixture('private.pem'), 'utf8');

    it('in FINTECH_CLI_SOLDO_PRIVATE_KEY (PEM text) and FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE', async () => {
      expect((await run(request, { env: { FINTECH_CLI_SOLDO_PRIVATE_KEY: pem } })).stdout).toBe(headers);
      expect((await run(request, { env: { FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE: fixture('private-pkcs1.pem') } })).stdout).toBe(headers);
    });

    it('in the config file', async () => {
      const stored = await runCli(['config', 'set', 'soldo', '--private-key-file', fixture('private.pem')], { env: config.env });
      expect(stored.code).toBe(0);
      expect((await run(request)).stdout).toBe(headers);
    });

    it('prefers --private-key-file to the variables', async () => {
      const env = { FINTECH_CLI_SOLDO_PRIVATE_KEY: 'not a key', FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE: '/no/such/key.pem' };
      expect((await run([...request, '--private-key-file', fixture('private.pem')], { env })).stdout).toBe(headers);
    });

    it("uses the emulator's demo key and token in the emulator environment", async () => {
      const result = await run(['--url', '/business/v2/transactions?status=Settled', '--emulator', '--json']);
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(doc.concatenated).toBe('SettledDEMOFINGERPRINTTOKEN');
      expect(verifyFingerprintSignature(doc.fingerprint, doc.signature, loadPublicKey(DEMO_SOLDO_PUBLIC_KEY_PEM))).toBe(true);
    });

    it('exits 4 with a hint when no key is set', async () => {
      const result = await run(request, { env: {} });
      expectCleanFailure(result, 4, 'error: No private key for soldo (sandbox, profile default).');
      expect(result.stderr).toContain('FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE');
      expect(result.stderr).toContain('fintech-cli soldo keygen --out DIR');
    });
  });

  it.each([
    ['an EC key', 'ec-p256.pem', /ec-p256\.pem: The private key is a key of type EC \(prime256v1\); Soldo needs an RSA key\.$/],
    ['a 1024-bit key', 'rsa-1024.pem', /rsa-1024\.pem: The private key is 1024-bit RSA; Soldo needs at least 2048 bits\.$/],
    ['a public key', 'public.pem', /public\.pem: Expected a private key, got a PEM public key\.$/],
    ['not a key', 'make-vectors.sh', /make-vectors\.sh: The private key is not a PEM key\.$/],
    ['a missing file', 'no-such-key.pem', /Cannot read the private key file .*no-such-key\.pem: ENOENT/],
  ])('refuses %s with exit 2 and one line', async (_, file, message) => {
    expectCleanFailure(await run([...request, '--private-key-file', fixture(file)]), 2, message);
  });

  it.each([
    ['nothing to sign', [], 'error: Nothing to sign.'],
    ['both --fingerprint and a request', ['--fingerprint', fingerprint, ...request], /--fingerprint and a request .* both give what to sign/],
    ['an uppercase --fingerprint', ['--fingerprint', fingerprint.toUpperCase()], 'error: --fingerprint has uppercase hex digits.'],
    ['a short --fingerprint', ['--fingerprint', 'abc'], /is not a SHA-512 hex fingerprint/],
    ['--data - with --passphrase-stdin', [...request, '--data', '-', '--passphrase-stdin'], 'error: --data - and --passphrase-stdin cannot both read standard input.'],
  ])('refuses %s with exit 2', async (_, argv, message) => {
    expectCleanFailure(await run([...argv, '--private-key-file', fixture('private.pem')]), 2, message);
  });

  it('notes a generated request_timestamp and warns about a stale one', async () => {
    const now = 1_764_072_000_000;
    const argv = ['--operation', 'wallet-add', '--token', 'T', '--private-key-file', fixture('private.pem')];
    const generated = await run(argv, { now });
    expect(generated.code).toBe(0);
    expect(generated.stderr).toContain(`uses ${now} (now)`);
    const stale = await run([...argv, '--data', `{"request_timestamp":${now - 12_000}}`], { now });
    expect(stale.stderr).toBe(`warning: request_timestamp ${now - 12_000} is 12 s old; Soldo refuses requests older than 5 seconds.\n`);
    const fresh = await run([...argv, '--data', `{"request_timestamp":${now - 1_000}}`], { now });
    expect(fresh.stderr).toBe('');
  });
});
