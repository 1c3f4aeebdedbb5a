/**
 * Bad input, one test per row, through the built binary: each is refused with its documented exit code, one line
 * (and at most a hint), no stack trace, nothing on stdout, nothing written to the config dir, and nothing sent to the
 * emulator. Then `webhooks listen` against an oversized body and garbage on the socket: it answers 413 and 400 and
 * keeps serving the next good request.
 */
import { generateKeyPairSync } from 'node:crypto';
import { access, chmod, constants, cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { BIN, runBin } from '../helpers/run-bin.js';
import { admin, expectCleanError, snapshot, tempRoot } from './helpers.js';

let emulator: RunningEmulator;
let temp: Awaited<ReturnType<typeof tempRoot>>;
let baseline: Record<string, string>;
/** Fixture files, by name. */
const files: Record<string, string> = {};

const FINGERPRINT = 'ab'.repeat(64);

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  temp = await tempRoot();
  const dir = join(temp.root, 'files');
  await mkdir(dir);
  const file = async (name: string, content: string) => {
    files[name] = join(dir, name);
    await writeFile(files[name], content);
  };
  await file('body.json', '{"event_type":"BOOKING"}');
  files.missing = join(dir, 'does-not-exist.json');
  files.directory = join(dir, 'a-directory');
  await mkdir(files.directory);
  // Unreadable: no permission; as root (who reads anything) a symbolic link loop instead.
  files.unreadable = join(dir, 'unreadable');
  await writeFile(files.unreadable, 'secret');
  await chmod(files.unreadable, 0);
  const readable = await access(files.unreadable, constants.R_OK).then(() => true, () => false);
  if (readable) {
    files.unreadable = join(dir, 'loop-a');
    await symlink(join(dir, 'loop-b'), files.unreadable);
    await symlink(files.unreadable, join(dir, 'loop-b'));
  }
  const pkcs8 = { type: 'pkcs8', format: 'pem' } as const;
  await file('not-a-key.pem', 'just some text, not a PEM block\n');
  await file('ec.pem', generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: pkcs8, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey);
  await file('rsa-1024.pem', generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: pkcs8, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey);
  const rsa = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { ...pkcs8, cipher: 'aes-256-cbc', passphrase: 'correct horse' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  await file('encrypted.pem', rsa.privateKey);
  await file('public.pem', rsa.publicKey);
  await file('deep.json', `{"amount":${'['.repeat(5000)}${']'.repeat(5000)}}`);

  // A config dir with something in it, so that any write (or a new file) shows.
  const stored = await runBin(['config', 'set', 'solaris', '--client-id', 'baseline-client', '--client-secret-stdin'], {
    env: { FINTECH_CLI_CONFIG_DIR: temp.configDir },
    input: 'baseline-secret',
  });
  expect(stored.code).toBe(0);
  baseline = await snapshot(temp.configDir);
});
afterAll(async () => {
  await emulator.close();
  await temp.cleanup();
});

interface Row {
  name: string;
  args: () => string[];
  env?: () => Record<string, string>;
  code: number;
  message: RegExp;
}

const pathRows = (what: string, args: (path: string) => string[], prefix: RegExp | string): Row[] =>
  (['missing', 'directory', 'unreadable'] as const).map((kind) => ({
    name: `${what}: a ${kind} path`,
    args: () => args(files[kind]!),
    code: 2,
    message: new RegExp(`^error: ${typeof prefix === 'string' ? prefix : prefix.source}.*: (ENOENT|EISDIR|EACCES|ELOOP): `),
  }));

const rows: Row[] = [
  { name: 'unknown provider', args: () => ['auth', 'token', 'paypal', '--emulator'], code: 2, message: /^error: Unknown provider "paypal"\.$/ },
  { name: 'unknown provider in config set', args: () => ['config', 'set', 'paypal', '--client-id', 'x'], code: 2, message: /^error: Unknown provider "paypal"\.$/ },
  { name: 'unknown environment (--env)', args: () => ['webhooks', 'list', '--env', 'staging'], code: 2, message: /^error: Unknown environment "staging" \(from --env\); known: sandbox, production, emulator\.$/ },
  { name: 'unknown environment (FINTECH_CLI_ENV)', args: () => ['webhooks', 'list'], env: () => ({ FINTECH_CLI_ENV: 'prod' }), code: 2, message: /^error: Unknown environment "prod" \(from FINTECH_CLI_ENV\); known: sandbox, production, emulator\.$/ },
  { name: 'two environments at once', args: () => ['webhooks', 'list', '--production', '--emulator'], code: 2, message: /^error: Conflicting environments: production and emulator\.$/ },
  { name: 'unknown flag', args: () => ['webhooks', 'list', '--emulator', '--bogus'], code: 2, message: /^error: unknown option '--bogus'$/ },
  { name: 'unknown command', args: () => ['frobnicate'], code: 2, message: /^error: unknown command 'frobnicate'$/ },
  { name: 'unknown subcommand, with a suggestion', args: () => ['webhooks', 'lst'], code: 2, message: /^error: unknown command 'lst' \(did you mean list\?\)$/ },
  { name: 'missing argument', args: () => ['webhooks', 'get', '--emulator'], code: 2, message: /^error: missing required argument 'id'$/ },
  { name: 'timeout that is not a number', args: () => ['webhooks', 'list', '--emulator', '--timeout', 'soon'], code: 2, message: /^error: Invalid timeout "soon" \(from --timeout\)\.$/ },
  // Node's timers hold 2^31-1 ms: 2^31 would silently become 1 ms, and far larger values crashed (exit 1).
  { name: 'timeout beyond what a timer holds (--timeout 2^31)', args: () => ['webhooks', 'list', '--emulator', '--timeout', '2147483648'], code: 2, message: /^error: Timeout 2147483648 ms is too long \(from --timeout\)\.$/ },
  { name: 'timeout of 14 digits', args: () => ['webhooks', 'list', '--emulator', '--timeout', '99999999999999'], code: 2, message: /^error: Timeout 99999999999999 ms is too long \(from --timeout\)\.$/ },
  { name: 'timeout beyond what a timer holds (FINTECH_CLI_TIMEOUT)', args: () => ['webhooks', 'list', '--emulator'], env: () => ({ FINTECH_CLI_TIMEOUT: '2147483648' }), code: 2, message: /^error: Timeout 2147483648 ms is too long \(from FINTECH_CLI_TIMEOUT\)\.$/ },
  // Number() takes hex, binary and exponents: --timeout 0x10 was 16 ms.
  { name: 'timeout in hex (--timeout 0x10)', args: () => ['webhooks', 'list', '--emulator', '--timeout', '0x10'], code: 2, message: /^error: Invalid timeout "0x10" \(from --timeout\)\.$/ },
  { name: 'timeout with an exponent (--timeout 1e3)', args: () => ['webhooks', 'list', '--emulator', '--timeout', '1e3'], code: 2, message: /^error: Invalid timeout "1e3" \(from --timeout\)\.$/ },
  { name: 'timeout in binary (FINTECH_CLI_TIMEOUT)', args: () => ['webhooks', 'list', '--emulator'], env: () => ({ FINTECH_CLI_TIMEOUT: '0b1010' }), code: 2, message: /^error: Invalid timeout "0b1010" \(from FINTECH_CLI_TIMEOUT\)\.$/ },
  { name: 'retries in hex (--retries 0x3)', args: () => ['webhooks', 'list', '--emulator', '--retries', '0x3'], code: 2, message: /^error: Invalid number of retries "0x3" \(from --retries\)\.$/ },
  { name: 'retries with an exponent (FINTECH_CLI_RETRIES)', args: () => ['webhooks', 'list', '--emulator'], env: () => ({ FINTECH_CLI_RETRIES: '1e1' }), code: 2, message: /^error: Invalid number of retries "1e1" \(from FINTECH_CLI_RETRIES\)\.$/ },
  { name: 'retries that are not a count', args: () => ['webhooks', 'list', '--emulator', '--retries', '-1'], code: 2, message: /^error: Invalid number of retries "-1" \(from --retries\)\.$/ },
  { name: 'retries that are not a count (FINTECH_CLI_RETRIES)', args: () => ['webhooks', 'list', '--emulator'], env: () => ({ FINTECH_CLI_RETRIES: 'many' }), code: 2, message: /^error: Invalid number of retries "many" \(from FINTECH_CLI_RETRIES\)\.$/ },
  { name: 'a header with CR LF in its value (a second header smuggled in)', args: () => ['request', 'solaris', 'GET', '/v1/webhooks', '--emulator', '-H', 'X: a\r\nY: b'], code: 2, message: /^error: -H X: the value holds a line break or another control character\.$/ },
  { name: 'a header value beyond Latin-1', args: () => ['request', 'solaris', 'PUT', '/v1/transfers', '--emulator', '-d', '{}', '-H', 'X-Note: Überweisung €'], code: 2, message: /^error: -H X-Note: the value holds "€", which a header cannot carry\.$/ },
  { name: 'a Content-Length header of its own', args: () => ['request', 'solaris', 'PUT', '/v1/transfers', '--emulator', '-d', '{"a":1}', '-H', 'Content-Length: 3'], code: 2, message: /^error: -H Content-Length: the HTTP client sets this header from the request itself\.$/ },
  { name: 'a header name with a space', args: () => ['request', 'solaris', 'GET', '/v1/webhooks', '--emulator', '-H', 'X Y: b'], code: 2, message: /^error: -H "X Y: b": expected "Name: value"\.$/ },
  { name: 'request --max-body that is not a size', args: () => ['request', 'solaris', 'GET', '/v1/webhooks', '--emulator', '--max-body', 'lots'], code: 2, message: /^error: --max-body lots: expected a size in bytes\.$/ },
  { name: 'malformed URL in --api-url', args: () => ['config', 'set', 'solaris', '--api-url', 'not a url'], code: 2, message: /^error: Invalid URL in --api-url: "not a url"$/ },
  { name: 'non-HTTP URL in --api-url', args: () => ['config', 'set', 'solaris', '--api-url', 'ftp://files.example.com'], code: 2, message: /^error: Invalid URL in --api-url: "ftp:\/\/files\.example\.com"$/ },
  {
    // In the sandbox: under --emulator the base URL variables do not apply (docs/configuration.md, Precedence).
    name: 'malformed URL in FINTECH_CLI_SOLARIS_API_URL',
    args: () => ['request', 'solaris', 'GET', '/v1/webhooks', '--dry-run'],
    env: () => ({ FINTECH_CLI_SOLARIS_API_URL: 'http://exa mple.com' }),
    code: 2,
    message: /^error: Invalid URL in FINTECH_CLI_SOLARIS_API_URL: "http:\/\/exa mple\.com"$/,
  },
  {
    name: 'malformed URL in FINTECH_CLI_EMULATOR_URL',
    args: () => ['auth', 'token', 'solaris', '--emulator'],
    env: () => ({ FINTECH_CLI_EMULATOR_URL: '127.0.0.1:4010' }),
    code: 2,
    message: /^error: Invalid URL in FINTECH_CLI_EMULATOR_URL: "127\.0\.0\.1:4010"$/,
  },
  { name: 'malformed URL in webhooks create --url', args: () => ['webhooks', 'create', '--emulator', '--event-type', 'BOOKING', '--url', 'hooks'], code: 2, message: /^error: --url is not a URL: hooks$/ },
  ...pathRows('request --data @file', (path) => ['request', 'solaris', 'POST', '/v1/webhooks', '--emulator', '-d', `@${path}`], 'Cannot read the body file '),
  ...pathRows('soldo fingerprint --data @file', (path) => ['soldo', 'fingerprint', '--emulator', '--operation', 'wallet-add', '--data', `@${path}`], 'Cannot read the body file '),
  ...pathRows('soldo sign --private-key-file', (path) => ['soldo', 'sign', '--fingerprint', FINGERPRINT, '--private-key-file', path], 'Cannot read the private key file '),
  ...pathRows('soldo verify --public-key-file', (path) => ['soldo', 'verify', '--fingerprint', FINGERPRINT, '--signature', 'AAAA', '--public-key-file', path], 'Cannot read the public key file '),
  ...pathRows('webhooks sign --data @file', (path) => ['webhooks', 'sign', '--data', `@${path}`], 'Cannot read the body file '),
  ...pathRows('webhooks trigger --data @file', (path) => ['webhooks', 'trigger', 'BOOKING', '--to', 'http://127.0.0.1:9/', '--data', `@${path}`], 'Cannot read the body file '),
  ...pathRows('solaris device-activity create --device-data @file', (path) => ['solaris', 'device-activity', 'create', '--emulator', '--person-id', 'p', '--activity-type', 'APP_START', '--device-data', `@${path}`], 'Cannot read '),
  {
    name: 'a secret reference to a missing file',
    args: () => ['auth', 'token', 'solaris', '--emulator'],
    env: () => ({ FINTECH_CLI_SOLARIS_CLIENT_SECRET: `file:${files.missing}` }),
    code: 2,
    message: /^error: Cannot read the secret file .* \(from file:.*\): ENOENT: /,
  },
  { name: 'invalid JSON in -d', args: () => ['request', 'solaris', 'POST', '/v1/webhooks', '--emulator', '-d', '{"event_type": BOOKING}'], code: 2, message: /^error: -d: the body is not valid JSON: unexpected character at line 1, column 16 \(position 15\)\.$/ },
  { name: 'invalid JSON in soldo fingerprint --data', args: () => ['soldo', 'fingerprint', '--emulator', '--operation', 'wallet-add', '--data', '{"name":'], code: 2, message: /^error: The body is not valid JSON: unexpected end of input at line 1, column 9 \(position 8\)\.$/ },
  { name: 'JSON nested 5000 deep in soldo fingerprint --data', args: () => ['soldo', 'fingerprint', '--emulator', '--operation', 'wallet-add', '--data', `@${files['deep.json']}`], code: 2, message: /^error: The JSON body is nested more than 256 levels deep\.$/ },
  { name: 'JSON nested 5000 deep in a signed request', args: () => ['request', 'soldo', 'POST', '/business/v2/wallets', '--emulator', '--dry-run', '-d', `@${files['deep.json']}`], code: 2, message: /^error: The JSON body is nested more than 256 levels deep\.$/ },
  { name: 'PEM that is not a key', args: () => ['soldo', 'sign', '--fingerprint', FINGERPRINT, '--private-key-file', files['not-a-key.pem']!], code: 2, message: /^error: .*not-a-key\.pem: The private key is not a PEM key\.$/ },
  { name: 'PEM text in FINTECH_CLI_SOLDO_PRIVATE_KEY that is not a key', args: () => ['soldo', 'sign', '--fingerprint', FINGERPRINT], env: () => ({ FINTECH_CLI_SOLDO_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n' }), code: 2, message: /^error: FINTECH_CLI_SOLDO_PRIVATE_KEY: The private key PEM cannot be read \(damaged or an unsupported format\)\.$/ },
  { name: 'EC key', args: () => ['soldo', 'sign', '--fingerprint', FINGERPRINT, '--private-key-file', files['ec.pem']!], code: 2, message: /^error: .*ec\.pem: The private key is a key of type EC \(prime256v1\); Soldo needs an RSA key\.$/ },
  { name: '1024-bit RSA key', args: () => ['soldo', 'sign', '--fingerprint', FINGERPRINT, '--private-key-file', files['rsa-1024.pem']!], code: 2, message: /^error: .*rsa-1024\.pem: The private key is 1024-bit RSA; Soldo needs at least 2048 bits\.$/ },
  { name: 'encrypted key without passphrase', args: () => ['soldo', 'sign', '--fingerprint', FINGERPRINT, '--private-key-file', files['encrypted.pem']!], code: 2, message: /^error: .*encrypted\.pem: The private key is encrypted: pass its passphrase on standard input with --passphrase-stdin\.$/ },
  { name: 'public key where the private key belongs', args: () => ['soldo', 'sign', '--fingerprint', FINGERPRINT, '--private-key-file', files['public.pem']!], code: 2, message: /^error: .*public\.pem: Expected a private key, got a PEM public key\.$/ },
  { name: 'signature that is not Base64', args: () => ['soldo', 'verify', '--fingerprint', FINGERPRINT, '--signature', 'not base64!', '--public-key-file', files['public.pem']!], code: 2, message: /^error: The signature is not valid Base64\.$/ },
  { name: 'fingerprint that is not hex (soldo verify)', args: () => ['soldo', 'verify', '--fingerprint', 'xyz', '--signature', 'AAAA', '--public-key-file', files['public.pem']!], code: 2, message: /^error: --fingerprint is not hex\.$/ },
  { name: 'fingerprint that is not hex (soldo sign)', args: () => ['soldo', 'sign', '--fingerprint', 'g'.repeat(128)], code: 2, message: /^error: --fingerprint is not a SHA-512 hex fingerprint \(128 hex digits\)\.$/ },
  { name: 'fingerprint that is not hex (soldo fingerprint --expect)', args: () => ['soldo', 'fingerprint', '--emulator', '--operation', 'wallet-add', '--expect', 'not-hex'], code: 2, message: /^error: --expect is not a hex fingerprint\.$/ },
  { name: 'device data that is not Base64', args: () => ['solaris', 'device-activity', 'create', '--emulator', '--person-id', 'p', '--activity-type', 'APP_START', '--device-data', 'not base64'], code: 2, message: /^error: --device-data is not Base64\.$/ },
  { name: 'listen --port out of range', args: () => ['webhooks', 'listen', '--port', '70000'], code: 2, message: /^error: --port must be a whole number from 0 to 65535 \(got 70000\)\.$/ },
  { name: 'empty secret on stdin', args: () => ['config', 'set', 'solaris', '--client-secret-stdin'], code: 2, message: /^error: --client-secret-stdin: standard input was empty\.$/ },
];

describe.concurrent('bad input: the documented exit code, one line, no stack trace, nothing written or sent', () => {
  it.for(rows)('$name', async (row) => {
    // A copy per row: the rows run concurrently, and one row's short-lived lock file is not another row's write.
    const configDir = join(temp.root, `config-${rows.indexOf(row)}`);
    await cp(temp.configDir, configDir, { recursive: true });
    await chmod(configDir, 0o700);
    const run = await runBin(row.args(), {
      env: { FINTECH_CLI_CONFIG_DIR: configDir, FINTECH_CLI_EMULATOR_URL: emulator.url, FINTECH_CLI_WEBHOOK_SECRET: 'bad-input-webhook-secret', ...row.env?.() },
    });
    expectCleanError(run, row.code, row.message);
    expect(await snapshot(configDir)).toEqual(baseline);
  });
});

describe('bad input that reached nothing', () => {
  it('no row sent a request to the emulator', async () => {
    expect(await admin(emulator.url).requests()).toEqual([]);
  });

  it('a corrupt config file is reported (exit 2) and left exactly as it was', async () => {
    const dir = join(temp.root, 'corrupt');
    await mkdir(dir, { mode: 0o700 });
    await writeFile(join(dir, 'config.json'), '{"version":1,"profiles":{"default":{"solaris":{"sandbox":{"client_secret":"do-not-quote-me"}}}', { mode: 0o600 });
    const before = await snapshot(dir);
    const run = await runBin(['config', 'set', 'solaris', '--client-id', 'x'], { env: { FINTECH_CLI_CONFIG_DIR: dir } });
    expectCleanError(run, 2, /^error: Config file .*config\.json is not valid JSON \(unexpected end of file at line 1, column \d+\)$/);
    expect(run.stderr).not.toContain('do-not-quote-me');
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('webhooks listen under bad requests', () => {
  it('answers 413 to an oversized body and 400 to garbage, and keeps serving the next good request', async () => {
    const listenerConfig = join(temp.root, 'listen-config');
    const subprocess = execa(process.execPath, [BIN, 'webhooks', 'listen', '--port', '0', '--json', '--secret', 'listen-secret'], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', FINTECH_CLI_CONFIG_DIR: listenerConfig },
      extendEnv: false,
      reject: false,
      timeout: 15_000,
    });
    let out = '';
    subprocess.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const events = () => out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    const until = async (test: () => boolean) => {
      for (const end = Date.now() + 10_000; !test(); await new Promise((r) => setTimeout(r, 10))) {
        if (Date.now() > end) throw new Error(`timed out; listener said: ${out}`);
      }
    };
    try {
      await until(() => events().some((e) => e.type === 'listening'));
      const { port } = new URL(String(events()[0]!.url));

      // 1 MiB and one byte, over the default --max-body.
      const big = await fetch(`http://127.0.0.1:${port}/hooks`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1), headers: { 'Content-Type': 'application/json' } });
      expect(big.status).toBe(413);

      const raw = (bytes: string | Buffer) =>
        new Promise<string>((resolve, reject) => {
          let answer = '';
          const socket = net.connect(Number(port), '127.0.0.1', () => socket.end(bytes));
          socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
          socket.on('close', () => resolve(answer));
          socket.on('error', reject);
        });
      expect(await raw('GARBAGE \x00\x01\x02 NOT HTTP\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(await raw(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]))).toMatch(/^HTTP\/1\.1 400 /);
      expect(await raw(`POST / HTTP/1.1\r\nHost: x\r\nX-Long: ${'y'.repeat(20_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431 /);

      const good = await fetch(`http://127.0.0.1:${port}/hooks`, { method: 'POST', headers: { 'Solaris-Webhook-Event-Type': 'WEBHOOK-SUBSCRIPTION' } });
      expect(good.status).toBe(200);
      await until(() => events().some((e) => e.type === 'subscription_check'));
      const rejected = events().filter((e) => e.type === 'rejected');
      expect(rejected.map((e) => e.status)).toEqual([413, 400, 400, 431]);
    } finally {
      subprocess.kill('SIGINT');
    }
    const result = await subprocess;
    expect(result.exitCode).toBe(0);
    expect(String(result.stderr)).not.toMatch(/\n\s+at /);
    expect(await snapshot(listenerConfig)).toEqual({});
  });
});
