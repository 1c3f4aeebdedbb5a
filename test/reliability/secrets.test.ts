/**
 * Secret hygiene, through the built binary. Every registered command runs with --verbose against the emulator (its
 * demo client secrets and fingerprint token are the needles the emulator accepts; the Soldo signing key is one made
 * here and registered with the emulator), and every stdout, stderr and file written outside the config dir is searched
 * for every secret: client secrets, the fingerprint token, the private key, webhook secrets, access and refresh tokens,
 * a finAPI user's password, a process token. A secret may appear only where printing it is the command's purpose;
 * those exceptions are listed below, and in docs/security.md. Then: `config list` masking, an unexpected crash
 * reported without a secret, and the modes of what is stored.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/commands/registry.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { demoCredentials } from '../../src/providers/demo-credentials.js';
import { runCli } from '../helpers/run-cli.js';
import { BIN, type Run, runBin } from '../helpers/run-bin.js';
import { filesUnder, snapshot, tempRoot } from './helpers.js';

type Kind = 'client_secret' | 'fingerprint_token' | 'private_key' | 'webhook_secret' | 'access_token' | 'password' | 'process_token';

/**
 * Where printing a secret is the point of the command (stdout only: --verbose traces on stderr never show one).
 * docs/security.md lists the same.
 */
const PRINTED_BY_DESIGN: Record<string, readonly Kind[]> = {
  'auth token': ['access_token'],
  'auth solaris': ['access_token'],
  'auth finapi': ['access_token'],
  'auth soldo': ['access_token'],
  'webhooks create': ['webhook_secret'],
  'config list --show-secrets': ['client_secret', 'fingerprint_token', 'webhook_secret'],
  'config get --show-secrets': ['client_secret', 'fingerprint_token', 'webhook_secret'],
  'webhooks secret list --show-secrets': ['webhook_secret'],
  // The fingerprint's fields, the token among them: explaining the fingerprint is the command.
  'soldo fingerprint': ['fingerprint_token'],
  'giroident start': ['process_token', 'access_token'],
  'giroident exchange': ['access_token'],
  // Its banner (and --json `listening` line) hands out its own demo credentials.
  emulator: ['client_secret', 'fingerprint_token'],
  // The tour shows the fingerprint's concatenation, made with the emulator's demo token.
  demo: ['fingerprint_token'],
};

let emulator: RunningEmulator;
let temp: Awaited<ReturnType<typeof tempRoot>>;
let work: string;
let env: Record<string, string>;
let beforeFiles: Record<string, string>;
const needles = new Map<string, Kind>();
const runs: { label: string; run: Run }[] = [];
const covered = new Set<string>();
let privateKeyPem: string;

const PASSWORD = 'Hygiene-Password-7c1d9e';

function addNeedle(value: string | undefined, kind: Kind): void {
  if (value !== undefined && value.length >= 8) needles.set(value, kind);
}

/** Every secret now in the token cache becomes a needle (tokens are issued along the way). */
async function learnTokens(): Promise<void> {
  const text = await readFile(join(temp.configDir, 'tokens.json'), 'utf8').catch(() => '{"tokens":{}}');
  for (const entry of Object.values((JSON.parse(text) as { tokens: Record<string, { access_token: string; refresh_token?: string }> }).tokens)) {
    addNeedle(entry.access_token, 'access_token');
    addNeedle(entry.refresh_token, 'access_token');
  }
}

/** Runs a command with --verbose (and --emulator unless `offline`), records it for the final search, and returns it. */
async function cli(path: string, args: string[], options: { input?: string; label?: string; expectCode?: number; env?: Record<string, string> } = {}): Promise<Run> {
  covered.add(path);
  const run = await runBin([...path.split(' '), ...args, '--verbose', '--emulator'], { env: { ...env, ...options.env }, input: options.input, cwd: work, timeoutMs: 30_000 });
  const label = options.label ?? path;
  runs.push({ label, run });
  expect(run.code, `${label} ${args.join(' ')}: ${run.stderr}`).toBe(options.expectCode ?? 0);
  await learnTokens();
  return run;
}

beforeAll(async () => {
  temp = await tempRoot();
  work = join(temp.root, 'work');
  for (const dir of [work, join(temp.root, 'home'), join(temp.root, 'tmp'), join(temp.root, 'keys')]) await mkdir(dir);
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  privateKeyPem = pair.privateKey;
  const keyFile = join(temp.root, 'keys', 'private.pem');
  await writeFile(keyFile, privateKeyPem, { mode: 0o600 });
  emulator = await startEmulator({ port: 0, retryIntervalMs: 10, soldoPublicKeyPem: pair.publicKey });
  env = {
    FINTECH_CLI_CONFIG_DIR: temp.configDir,
    FINTECH_CLI_EMULATOR_URL: emulator.url,
    HOME: join(temp.root, 'home'),
    TMPDIR: join(temp.root, 'tmp'),
    // finAPI's and Soldo's client secrets from the environment, Solaris' and the fingerprint token from the config file.
    FINTECH_CLI_FINAPI_CLIENT_SECRET: demoCredentials.finapi.client_secret,
    FINTECH_CLI_SOLDO_CLIENT_SECRET: demoCredentials.soldo.client_secret,
    FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE: keyFile,
  };
  for (const provider of ['solaris', 'finapi', 'soldo'] as const) addNeedle(demoCredentials[provider].client_secret, 'client_secret');
  addNeedle(demoCredentials.soldo.fingerprint_token, 'fingerprint_token');
  // Each Base64 line of the key: a part of it is as bad as all of it.
  for (const line of privateKeyPem.split('\n')) if (/^[A-Za-z0-9+/=]{40,}$/.test(line)) addNeedle(line, 'private_key');
  addNeedle(PASSWORD, 'password');
  beforeFiles = await snapshot(temp.root);
});
afterAll(async () => {
  await emulator.close();
  await temp.cleanup();
});

describe('secret hygiene of every command', () => {
  let listener: ResultPromise;
  let listenerUrl: string;
  let listenerOut = '';
  let listenerErr = '';

  it('runs every command with --verbose and finds no secret where it does not belong', async () => {
    // Credentials stored the way the docs say: secrets on standard input, never in argv.
    await Promise.all([
      cli('config set', ['solaris', '--client-id', demoCredentials.solaris.client_id, '--client-secret-stdin'], { input: demoCredentials.solaris.client_secret }),
      cli('config set', ['soldo', '--client-id', demoCredentials.soldo.client_id, '--fingerprint-token-stdin'], { input: demoCredentials.soldo.fingerprint_token }),
    ]);
    const [solarisToken] = await Promise.all([
      cli('auth token', ['solaris']),
      cli('auth finapi', []),
      cli('auth solaris', ['--json']),
      cli('auth soldo', ['--fresh']),
    ]);
    expect(solarisToken.stdout.trim().length).toBeGreaterThan(8);

    // A listener the emulator checks and delivers to, saving what it receives.
    covered.add('webhooks listen');
    const saveDir = join(work, 'saved');
    listener = execa(process.execPath, [BIN, 'webhooks', 'listen', '--port', '0', '--json', '--save', saveDir, '--verbose', '--emulator'], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      extendEnv: false,
      cwd: work,
      reject: false,
      timeout: 30_000,
    });
    listener.stdout!.on('data', (chunk: Buffer) => (listenerOut += chunk.toString()));
    listener.stderr!.on('data', (chunk: Buffer) => (listenerErr += chunk.toString()));
    const waitFor = async (test: () => boolean, what: string) => {
      for (const end = Date.now() + 10_000; !test(); await new Promise((r) => setTimeout(r, 10))) {
        if (Date.now() > end) throw new Error(`no ${what}; listener said: ${listenerOut} ${listenerErr}`);
      }
    };
    await waitFor(() => listenerOut.includes('"listening"'), 'listening line');
    listenerUrl = (JSON.parse(listenerOut.split('\n')[0]!) as { url: string }).url;

    const created = JSON.parse((await cli('webhooks create', ['--event-type', 'BOOKING', '--url', `${listenerUrl}/solaris`, '--json'])).stdout) as { id: string; secret: string };
    addNeedle(created.secret, 'webhook_secret');
    await writeFile(join(work, 'body.json'), '{"id":"hygiene"}');
    const signature = (await cli('webhooks sign', ['--webhook-id', created.id, '--data', '@body.json'])).stdout.trim();

    const users = 'hygiene-user';
    const [, , , , started] = await Promise.all([
      cli('webhooks list', []),
      cli('webhooks get', [created.id]),
      cli('webhooks verify', ['--webhook-id', created.id, '--signature', signature, '--data', '@body.json']),
      cli('webhooks verify', ['--webhook-id', created.id, '--signature', 'sha256=00', '--data', '@body.json', '--explain'], { expectCode: 3, label: 'webhooks verify (mismatch, --explain)' }),
      cli('giroident start', ['--client-reference', 'hygiene', '--no-invalidate', '--json']),
      cli('webhooks trigger', ['BOOKING', '--max-attempts', '1']),
      cli('webhooks trigger', ['BOOKING', '--to', `${listenerUrl}/solaris`, '--webhook-id', created.id, '--max-attempts', '1'], { label: 'webhooks trigger --to' }),
      cli('solaris device-consent create', ['--person-id', 'person-1', '--event-type', 'APPROVED']),
      cli('solaris device-activity create', ['--person-id', 'person-1', '--activity-type', 'APP_START', '--device-data', 'ZGV2aWNlLWRhdGE=']),
      cli('finapi users create', ['--id', users, '--password-stdin', '--json'], { input: PASSWORD }),
      cli('soldo fingerprint', ['--url', '/business/v2/transactions?status=Settled']),
      cli('soldo orders', ['wallet']),
      cli('soldo keygen', ['--out', 'new-keys']),
      cli('request', ['solaris', 'GET', '/v1/webhooks', '--include'], { label: 'request solaris GET' }),
      cli('request', ['soldo', 'GET', '/business/v2/transactions?status=Settled'], { label: 'request soldo (signed)' }),
      cli('request', ['solaris', 'POST', '/oauth2/token', '--api', 'auth', '-f', 'grant_type=client_credentials', '-f', 'scope=partners', '--curl'], { label: 'request --curl (token endpoint)' }),
      cli('request', ['finapi', 'POST', '/api/v2/oauth/token', '-f', 'grant_type=client_credentials', '--dry-run'], { label: 'request --dry-run (token endpoint)' }),
      cli('request', ['soldo', 'GET', '/business/v2/transactions', '--dry-run'], { label: 'request --dry-run (signed)' }),
      cli('doctor', ['--junit', 'doctor.xml']),
      cli('completion', ['bash']),
    ]);
    const startedJson = JSON.parse(started.stdout) as { process_token: string; access_token: string };
    addNeedle(startedJson.process_token, 'process_token');
    addNeedle(startedJson.access_token, 'access_token');
    const signed = await cli('soldo sign', ['--url', '/business/v2/transactions?status=Settled']);
    const [fingerprintLine, signatureLine] = signed.stdout.trim().split('\n');

    await waitFor(() => (listenerOut.match(/"type":"notification"/g) ?? []).length >= 2, 'two notifications');
    const saved = (await readdir(join(work, 'saved')))[0]!;
    const created2 = await Promise.all([
      cli('webhooks replay', [join('saved', saved), '--to', `${listenerUrl}/solaris`, '--webhook-id', created.id]),
      cli('giroident exchange', ['--process-token-stdin', '--no-invalidate'], { input: startedJson.process_token }),
      cli('giroident check create', ['--access-token-stdin', '--first-name', 'Max', '--last-name', 'Mustermann', '--iban', 'DE89370400440532013000', '--json'], { input: startedJson.access_token }),
      cli('auth token', ['finapi', '--user', users, '--password-stdin'], { input: PASSWORD, label: 'auth token finapi --user' }),
      cli('soldo verify', ['--fingerprint', fingerprintLine!.split(': ')[1]!, '--signature', signatureLine!.split(': ')[1]!, '--public-key-file', join('new-keys', 'public.pem')], { expectCode: 3 }),
    ]);
    const check = JSON.parse(created2[2].stdout) as { 'check-id': string };
    await Promise.all([
      cli('giroident check get', [check['check-id'], '--access-token-stdin'], { input: startedJson.access_token }),
      cli('finapi users delete', ['--user', users, '--yes']),
      cli('config list', []),
      cli('config list', ['--show-secrets'], { label: 'config list --show-secrets' }),
      cli('config get', ['solaris']),
      cli('config get', ['soldo', '--show-secrets'], { label: 'config get --show-secrets' }),
      cli('config path', ['--json']),
      cli('auth status', []),
      cli('login', ['solaris'], { expectCode: 2 }),
    ]);
    // A subscription made elsewhere: its secret stored by hand, listed masked and in full, then forgotten.
    const dashboardSecret = 'hygiene-dashboard-secret-5e1f';
    addNeedle(dashboardSecret, 'webhook_secret');
    await cli('webhooks secret set', ['dashboard-hygiene', '--secret-stdin'], { input: dashboardSecret });
    await Promise.all([
      cli('webhooks secret list', []),
      cli('webhooks secret list', ['--show-secrets'], { label: 'webhooks secret list --show-secrets' }),
    ]);
    await cli('webhooks secret delete', ['dashboard-hygiene']);
    await cli('webhooks delete', [created.id]);
    await Promise.all([cli('config unset', ['finapi']), cli('auth logout', ['finapi'])]);

    // The emulator command: started, its listening line read, stopped.
    covered.add('emulator');
    const emu = execa(process.execPath, [BIN, 'emulator', '--port', '0', '--json', '--verbose'], { env: { PATH: process.env.PATH ?? '', ...env }, extendEnv: false, cwd: work, reject: false, timeout: 15_000 });
    let emuOut = '';
    emu.stdout!.on('data', (chunk: Buffer) => (emuOut += chunk.toString()));
    for (const end = Date.now() + 10_000; !emuOut.includes('\n') && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
    emu.kill('SIGINT');
    const emuResult = await emu;
    runs.push({ label: 'emulator', run: { code: emuResult.exitCode ?? -1, stdout: String(emuResult.stdout), stderr: String(emuResult.stderr), ms: 0, timedOut: false } });
    expect(emuOut).toContain('"type":"listening"');

    if (registry.some((entry) => entry.path.join(' ') === 'demo')) await cli('demo', [], { env: { FINTECH_CLI_ENV: 'emulator' } });

    listener.kill('SIGINT');
    const listened = await listener;
    runs.push({ label: 'webhooks listen', run: { code: listened.exitCode ?? -1, stdout: listenerOut, stderr: listenerErr, ms: 0, timedOut: false } });

    // Every command the registry knows was run.
    expect(registry.map((entry) => entry.path.join(' ')).filter((path) => !covered.has(path))).toEqual([]);

    // No needle where it does not belong: stderr never, stdout only where the command's purpose is to print it.
    const leaks: string[] = [];
    for (const { label, run } of runs) {
      const allowed = PRINTED_BY_DESIGN[label] ?? PRINTED_BY_DESIGN[label.split(' ').slice(0, 2).join(' ')] ?? [];
      for (const [needle, kind] of needles) {
        if (run.stderr.includes(needle)) leaks.push(`${label}: stderr shows a ${kind}`);
        if (run.stdout.includes(needle) && !allowed.includes(kind)) leaks.push(`${label}: stdout shows a ${kind}`);
      }
    }
    expect(leaks).toEqual([]);

    // The search finds what it looks for: the exceptions do show their secret (and all kinds of needle were in play).
    const shows = (label: string, kind: Kind) => runs.some((r) => r.label === label && [...needles].some(([needle, k]) => k === kind && r.run.stdout.includes(needle)));
    expect(shows('auth token', 'access_token')).toBe(true);
    expect(shows('webhooks create', 'webhook_secret')).toBe(true);
    expect(shows('config list --show-secrets', 'client_secret')).toBe(true);
    expect(shows('config list --show-secrets', 'fingerprint_token')).toBe(true);
    expect(shows('soldo fingerprint', 'fingerprint_token')).toBe(true);
    expect(shows('giroident start', 'process_token')).toBe(true);
    expect(new Set(needles.values())).toEqual(new Set(['client_secret', 'fingerprint_token', 'private_key', 'webhook_secret', 'access_token', 'password', 'process_token']));
  }, 60_000);

  it('wrote no secret to any file outside the config dir (saved notifications, keys, reports, home, temp)', async () => {
    const now = await snapshot(temp.root);
    const written = Object.keys(now).filter((name) => !name.startsWith('config') && now[name]!.startsWith('file') && now[name] !== beforeFiles[name]);
    expect(written.some((name) => name.startsWith('work/saved/'))).toBe(true);
    expect(written).toContain('work/doctor.xml');
    expect(written).toContain('work/new-keys/private.pem');
    // dist/main.cjs keeps V8's compiled code of dist/ in TMPDIR/node-compile-cache/fintech-cli-<node>-<arch>-<build>/: code, no data. The
    // emulator's demo credentials are constants of that code, so there (only) they are not a finding.
    const inProgramText = new Set<string>(Object.values(demoCredentials).flatMap((values) => Object.values(values)));
    const found: string[] = [];
    for (const file of await filesUnder(temp.root)) {
      const name = file.path.slice(temp.root.length + 1);
      if (!written.includes(name)) continue;
      const codeCache = name.startsWith('tmp/node-compile-cache/');
      for (const [needle, kind] of needles) if (file.text.includes(needle) && !(codeCache && inProgramText.has(needle))) found.push(`${name}: a ${kind}`);
    }
    expect(found).toEqual([]);
  });

  it('keeps what it stores private: 0700 config dir, 0600 files (config, tokens, saved notifications, private key)', async () => {
    expect((await stat(temp.configDir)).mode & 0o777).toBe(0o700);
    for (const file of await readdir(temp.configDir)) expect([file, (await stat(join(temp.configDir, file))).mode & 0o777]).toEqual([file, 0o600]);
    expect((await stat(join(work, 'new-keys'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(work, 'new-keys', 'private.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(work, 'saved'))).mode & 0o777).toBe(0o700);
    for (const file of await readdir(join(work, 'saved'))) expect((await stat(join(work, 'saved', file))).mode & 0o777).toBe(0o600);
  });
});

describe('config list masking', () => {
  it('shows the last 4 characters of a secret of 16 or more, dots for a shorter one, references as written, every value with --show-secrets', async () => {
    const dir = join(temp.root, 'masking');
    const env = { FINTECH_CLI_CONFIG_DIR: dir };
    expect((await runBin(['config', 'set', 'solaris', '--client-id', 'client-1', '--client-secret-stdin'], { env, input: 'sols-long-secret-9f2c' })).code).toBe(0);
    expect((await runBin(['config', 'set', 'soldo', '--fingerprint-token-stdin', '--client-secret-ref', 'env:SOLDO_SECRET'], { env, input: 'fifteen-chars-x' })).code).toBe(0);
    const list = await runBin(['config', 'list'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(
      [
        'default\tsolaris\tsandbox\tclient_id\tclient-1',
        'default\tsolaris\tsandbox\tclient_secret\t••••9f2c',
        'default\tsoldo\tsandbox\tclient_secret\tenv:SOLDO_SECRET',
        'default\tsoldo\tsandbox\tfingerprint_token\t••••',
        '',
      ].join('\n'),
    );
    const json = await runBin(['config', 'list', '--json'], { env });
    expect(json.stdout).not.toContain('sols-long-secret-9f2c');
    expect(json.stdout).not.toContain('fifteen-chars-x');
    expect(json.stdout).not.toContain('sols');
    const shown = await runBin(['config', 'list', '--show-secrets'], { env });
    expect(shown.stdout).toContain('sols-long-secret-9f2c');
    expect(shown.stdout).toContain('fifteen-chars-x');
  });
});

describe('an unexpected crash', () => {
  it('is reported with every secret the run knows of masked, with and without --debug', async () => {
    const root = join(temp.root, 'crash');
    const env = { FINTECH_CLI_CONFIG_DIR: join(root, 'config'), FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'env-client-secret-31f4', FINTECH_CLI_WEBHOOK_SECRET: 'env-webhook-secret-8a2b' };
    expect((await runCli(['config', 'set', 'soldo', '--client-id', 'c', '--client-secret-stdin'], { env, stdin: 'config-client-secret-77c1' })).code).toBe(0);
    const secrets = ['env-client-secret-31f4', 'env-webhook-secret-8a2b', 'config-client-secret-77c1'];
    // A failure our code does not expect: a library error (no code, no kind) whose message quotes what it was handed.
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://auth.solaris-sandbox.de')
      .intercept({ path: '/oauth2/token', method: 'POST' })
      .replyWithError(new TypeError(`cannot serialise {client_secret: "${secrets[0]}", webhook: "${secrets[1]}", soldo: "${secrets[2]}"}`))
      .times(2);
    for (const debug of [[], ['--debug']]) {
      const run = await runCli(['auth', 'token', 'solaris', ...debug], { env: { ...env, FINTECH_CLI_SOLARIS_CLIENT_ID: 'c' }, dispatcher: agent });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error: Unexpected failure: cannot serialise \{client_secret: "\[REDACTED\]", webhook: "\[REDACTED\]", soldo: "\[REDACTED\]"\}\n/);
      for (const secret of secrets) expect(run.stderr).not.toContain(secret);
      if (debug.length === 0) expect(run.stderr).not.toMatch(/\n\s+at /);
      else expect(run.stderr).toMatch(/\n\s+at /);
    }
  });
});

describe('secrets in every encoding', () => {
  // Distinctive secrets with every character that an encoding changes, and non-ASCII (header values stay ASCII).
  const secrets = {
    solarisSecret: 'sol&=+/%"\\ Sécret-2b7e',
    finapiSecret: 'fin&=+/%"\\ Sécret-9c4d',
    password: 'pw&=+/%"\\ Pässwort-51af',
    processToken: 'pt&=+/%"\\ Tökén-83e0',
    accessToken: 'at&=+/%"\\-Token-6d12',
  };
  const solarisId = 'solaris-client-id-e5';
  /**
   * Each secret as a request carries it and a server may echo it: raw, percent- and form-encoded, JSON-escaped (once,
   * and twice: a JSON request echoed in a JSON answer, as --verbose shows it), and in Basic credentials.
   */
  const json = (text: string) => JSON.stringify(text).slice(1, -1);
  const encodings = (secret: string) => [secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2), json(secret), json(json(secret))];
  const needles = [...Object.values(secrets).flatMap(encodings), Buffer.from(`${solarisId}:${secrets.solarisSecret}`).toString('base64')];

  let server: http.Server;
  let echo: string;
  beforeAll(async () => {
    // A provider that answers every request with an error quoting all it received: URL, Authorization and body.
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (body.includes('client_id=finapi-client-ok')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'client-token-e1c3', expires_in: 3600 }));
          return;
        }
        const got = `${req.method} ${req.url} authorization=${req.headers.authorization} body=${body}`;
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'echo', message: got }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    echo = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each([
    ['auth token solaris (Basic auth)', ['auth', 'token', 'solaris'], undefined],
    // The client token is granted; the password goes in a JSON body, and comes back in a field of another name.
    ['finapi users create --password-stdin (JSON body)', ['finapi', 'users', 'create', '--id', 'alice', '--password-stdin'], secrets.password],
    ['auth token finapi (form body)', ['auth', 'token', 'finapi'], undefined],
    ['auth token finapi --password-stdin', ['auth', 'token', 'finapi', '--user', 'alice', '--password-stdin'], secrets.password],
    ['giroident start (JSON body)', ['giroident', 'start', '--client-reference', 'ref-1'], undefined],
    ['giroident exchange --process-token-stdin (URL path)', ['giroident', 'exchange', '--process-token-stdin'], secrets.processToken],
    ['giroident check get --access-token-stdin (header)', ['giroident', 'check', 'get', 'check-1', '--access-token-stdin'], secrets.accessToken],
  ])('%s: an echoing server shows none of them in the error line, --verbose or --json', async (_name, argv, stdin) => {
    const config = await tempRoot();
    const env = {
      FINTECH_CLI_CONFIG_DIR: config.configDir,
      FINTECH_CLI_SOLARIS_CLIENT_ID: solarisId,
      FINTECH_CLI_SOLARIS_CLIENT_SECRET: secrets.solarisSecret,
      FINTECH_CLI_SOLARIS_AUTH_URL: echo,
      FINTECH_CLI_FINAPI_CLIENT_ID: argv[0] === 'finapi' ? 'finapi-client-ok' : 'finapi-client-id',
      FINTECH_CLI_FINAPI_CLIENT_SECRET: secrets.finapiSecret,
      FINTECH_CLI_FINAPI_API_URL: echo,
      FINTECH_CLI_FINAPI_PROCESS_URL: echo,
      FINTECH_CLI_FINAPI_GIROIDENT_URL: echo,
    };
    try {
      for (const extra of [[], ['--verbose'], ['--json'], ['--verbose', '--debug']]) {
        const run = await runCli([...argv, ...extra], { env, stdin });
        expect(run.code, run.stderr).not.toBe(0);
        // The server did echo: the error line quotes it.
        expect(run.stderr).toContain('authorization=');
        const shown = `${run.stdout}\n${run.stderr}`;
        expect(needles.filter((needle) => shown.includes(needle)), `${argv.join(' ')} ${extra.join(' ')}:\n${shown}`).toEqual([]);
      }
    } finally {
      await config.cleanup();
    }
  });
});
