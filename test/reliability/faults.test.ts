/**
 * Faults, through the built binary: the emulator's fault routes (5xx bursts, 429 with Retry-After, hangs, dropped
 * connections, expired tokens), a closed port, a self-signed HTTPS server (refused, then accepted with
 * NODE_EXTRA_CA_CERTS), and a local server posing as a provider with broken bodies. Reads are retried and succeed
 * within a bounded wait; writes are never sent twice and say whether they may have been carried out; every failure
 * is the contract's exit code and one clear line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { DEMO_SOLDO_PRIVATE_KEY_PEM } from '../../src/providers/soldo/demo-key.js';
import { startReceiver } from '../helpers/receiver.js';
import { runBin } from '../helpers/run-bin.js';
import { admin, countRequests, expectCleanError, tempRoot } from './helpers.js';

let temp: Awaited<ReturnType<typeof tempRoot>>;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  temp = await tempRoot();
});
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  await temp.cleanup();
});

const WEBHOOKS = '/solaris/api/v1/webhooks';

/**
 * An emulator and a config dir of the test's own, so tests run concurrently without their faults (which apply to
 * every matching call) or token caches meeting.
 */
async function fixture() {
  const emulator: RunningEmulator = await startEmulator({ port: 0 });
  closers.push(() => emulator.close());
  const emu = admin(emulator.url);
  const configDir = await mkdtemp(join(temp.root, 'config-'));
  const env = { FINTECH_CLI_EMULATOR_URL: emulator.url, FINTECH_CLI_CONFIG_DIR: configDir };
  const cli = (args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}) =>
    runBin([...args, '--emulator'], { env: { ...env, ...options.env }, timeoutMs: options.timeoutMs });
  /** What reached the emulator (but the admin routes), once the log has caught up with `expected` requests. */
  const requests = (expected: number) =>
    vi.waitFor(
      async () => {
        const log = await emu.requests();
        if (log.length < expected) throw new Error(`only ${log.length} of ${expected} requests logged yet`);
        return log;
      },
      { timeout: 3000, interval: 20 },
    );
  return { emulator, emu, env, cli, requests, configDir };
}

async function listening(server: http.Server | https.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.concurrent('faults', () => {
describe('reads under faults are retried and succeed, within a bounded wait', () => {
  it('a burst of 503, 502 and 504 answers to webhooks list: retried with backoff, the fourth attempt succeeds', async () => {
    const { emu, cli, requests } = await fixture();
    for (const status of [503, 502, 504]) await emu.fault({ method: 'GET', path: WEBHOOKS, status, count: 1 });
    const run = await cli(['webhooks', 'list', '--verbose']);
    expect([run.code, run.timedOut]).toEqual([0, false]);
    expect(run.stderr.match(/retrying in \d+ ms \(\d{3}, attempt \d of 4\)/g)).toEqual([
      expect.stringContaining('(503, attempt 2 of 4)'),
      expect.stringContaining('(502, attempt 3 of 4)'),
      expect.stringContaining('(504, attempt 4 of 4)'),
    ]);
    const log = (await requests(5)).filter((e) => e.path === WEBHOOKS);
    expect(log.map((e) => e.status)).toEqual([503, 502, 504, 200]);
    // Full-jitter backoff: at most 250 + 500 + 1000 ms, plus start-up (generous: a loaded machine is slow to start).
    expect(run.ms).toBeLessThan(8000);
  });

  it('two 429 answers with Retry-After: 1 are waited out (about 2 s), then the list is printed', async () => {
    const { emu, cli } = await fixture();
    await emu.fault({ method: 'GET', path: WEBHOOKS, status: 429, retry_after: 1, count: 2 });
    const run = await cli(['webhooks', 'list', '--json', '--verbose']);
    expect([run.code, run.timedOut]).toEqual([0, false]);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.stderr.match(/retrying in 1000 ms \(429/g)).toHaveLength(2);
    expect(run.ms).toBeGreaterThanOrEqual(2000);
    expect(run.ms).toBeLessThan(9000);
  });

  it('a dropped connection on a read is retried', async () => {
    const { emu, cli } = await fixture();
    await emu.fault({ method: 'GET', path: WEBHOOKS, fault: 'drop', count: 1 });
    const run = await cli(['webhooks', 'list', '--json']);
    expect([run.code, run.stdout, run.stderr]).toEqual([0, '[]\n', '']);
  });

  it('connections dropped on every attempt: exit 5 after 4 attempts, one line and a hint', async () => {
    const { emu, cli } = await fixture();
    await emu.fault({ method: 'GET', path: WEBHOOKS, fault: 'drop', count: 4 });
    const run = await cli(['webhooks', 'list']);
    expectCleanError(run, 5, /^error: connection to 127\.0\.0\.1:\d+ closed unexpectedly \(\w+\) \(after 4 attempts\)$/);
  });

  it('a server that never answers, with --timeout 500: exit 5 within 500 ms of network time in all, not 500 per attempt', async () => {
    const { emu, cli, requests } = await fixture();
    // The token first: --timeout bounds all the network work of a command, a token request included.
    expect((await cli(['auth', 'token', 'solaris'])).code).toBe(0);
    await emu.fault({ method: 'GET', path: WEBHOOKS, fault: 'hang', count: 4 });
    const run = await cli(['webhooks', 'list', '--timeout', '500'], { timeoutMs: 15_000 });
    expectCleanError(run, 5, /^error: no answer from 127\.0\.0\.1:\d+ within 500 ms$/);
    expect(run.stderr.split('\n')[1]).toContain('--timeout');
    // One hanging call; 4 × 500 ms and backoff took over 2 s before. Start-up on a loaded machine varies.
    expect(run.ms).toBeLessThan(6000);
    expect(countRequests(await requests(2), 'GET', WEBHOOKS)).toBe(1);
  });

  it('Retry-After: 99999 is not waited out: exit 1 at once, saying what the server asked', async () => {
    const { emu, cli, requests } = await fixture();
    await emu.fault({ method: 'GET', path: WEBHOOKS, status: 429, retry_after: 99999, count: 4 });
    const run = await cli(['webhooks', 'list'], { timeoutMs: 15_000 });
    expectCleanError(run, 1, /^error: 127\.0\.0\.1:\d+ answered 429 and asked to retry after 99999 s, more than is left of the 30000 ms --timeout$/);
    expect(run.stderr.split('\n')[1]).toBe('send it again in 99999 s, or give --timeout more than 99999000 ms to wait for it');
    // It waited 3 × 30 s before. Generous: start-up on a loaded machine varies.
    expect(run.ms).toBeLessThan(10_000);
    expect(countRequests(await requests(2), 'GET', WEBHOOKS)).toBe(1);
  });

  it.for([
    ['--retries 0', ['--retries', '0'], {}],
    ['FINTECH_CLI_RETRIES=0', [], { FINTECH_CLI_RETRIES: '0' }],
  ] as const)('%s: a read answered 503 is sent once', async ([, flags, env]) => {
    const { emu, cli, requests } = await fixture();
    await emu.fault({ method: 'GET', path: WEBHOOKS, status: 503, count: 1 });
    const run = await cli(['webhooks', 'list', ...flags], { env });
    expectCleanError(run, 1, /^error: Solaris answered 503 to listing webhooks/);
    expect(countRequests(await requests(2), 'GET', WEBHOOKS)).toBe(1);
  });
});

describe('long-running work is not cut off by the command deadline', () => {
  // The loop outlasts the deadline by far, with room for a slow machine: each POST has the whole second to itself.
  it('webhooks trigger --to with --timeout 1000: a delivery loop of 3 attempts over 1400 ms delivers (each POST has its own 1000 ms)', async () => {
    const target = await startReceiver(500, 500, 200);
    closers.push(() => target.close());
    const run = await runBin(['webhooks', 'trigger', 'BOOKING', '--to', target.url, '--secret', 'loop-secret', '--retry-interval', '700', '--max-attempts', '3', '--timeout', '1000', '--json'], {
      env: { FINTECH_CLI_CONFIG_DIR: join(temp.root, 'trigger-loop') },
    });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(JSON.parse(run.stdout)).toMatchObject({ deliveries: [{ outcome: 'delivered', attempts: [{ status: 500 }, { status: 500 }, { status: 200 }] }] });
    expect(target.seen).toHaveLength(3);
  });
});

describe('writes under faults are not sent again, and say whether they may have been carried out', () => {
  // The fault answers in place of the route, so no subscription is made and BOOKING stays free.
  const create = (cli: Awaited<ReturnType<typeof fixture>>['cli'], extra: string[] = []) =>
    cli(['webhooks', 'create', '--event-type', 'BOOKING', '--url', 'https://hooks.example.com/solaris', ...extra]);

  it.for([500, 503])('a POST answered %i: one attempt, exit 1, and it may have been carried out', async (status) => {
    const { emu, cli, requests } = await fixture();
    await emu.fault({ method: 'POST', path: WEBHOOKS, status, count: 3 });
    const run = await create(cli);
    expectCleanError(run, 1, new RegExp(`^error: Solaris answered ${status} to creating the webhook: .*; the POST may have been carried out: check before sending it again$`));
    expect(countRequests(await requests(2), 'POST', WEBHOOKS)).toBe(1);
  });

  it('a POST answered 429: one attempt, exit 1, and it says the POST was not carried out and when to send it again', async () => {
    const { emu, cli, requests } = await fixture();
    await emu.fault({ method: 'POST', path: WEBHOOKS, status: 429, retry_after: 1, count: 3 });
    const run = await create(cli);
    expectCleanError(run, 1, /answered 429 to creating the webhook: .*; the POST was refused and not carried out: send it again in 1 s$/);
    expect(countRequests(await requests(2), 'POST', WEBHOOKS)).toBe(1);
  });

  it('a POST whose connection drops: one attempt, exit 5, and it may have been carried out', async () => {
    const { emu, cli, requests } = await fixture();
    await emu.fault({ method: 'POST', path: WEBHOOKS, fault: 'drop', count: 3 });
    const run = await create(cli);
    expectCleanError(run, 5, /closed unexpectedly .*; the POST may have been carried out: check before sending it again$/);
    expect(run.stderr.split('\n')[1]).toMatch(/^the server may have received it and acted on it/);
    expect(countRequests(await requests(2), 'POST', WEBHOOKS)).toBe(1);
  });

  it('a POST that is never answered, with --timeout 500: exit 5 after one attempt, and it may have been carried out', async () => {
    const { emu, cli, requests } = await fixture();
    expect((await cli(['auth', 'token', 'solaris'])).code).toBe(0);
    await emu.fault({ method: 'POST', path: WEBHOOKS, fault: 'hang', count: 3 });
    const run = await create(cli, ['--timeout', '500']);
    expectCleanError(run, 5, /no answer from 127\.0\.0\.1:\d+ within 500 ms; the POST may have been carried out: check before sending it again$/);
    // One 500 ms attempt; four would take over 3.5 s on their own. Generous: start-up on a loaded machine varies.
    expect(run.ms).toBeLessThan(6000);
    expect(countRequests(await requests(2), 'POST', WEBHOOKS)).toBe(1);
  });

  // A Soldo internal transfer is a PUT and moves money each time it is carried out: HTTP calls PUT idempotent, Soldo's is not.
  const TRANSFER = '/soldo/business/v2/wallets/internalTransfer/8a1f2c3e-4b5d-4e6f-9a01-000000000001/8a1f2c3e-4b5d-4e6f-9a01-000000000003';
  const transfer = (cli: Awaited<ReturnType<typeof fixture>>['cli'], extra: string[] = []) =>
    cli(['request', 'soldo', 'PUT', TRANSFER.replace('/soldo', ''), '-F', 'amount=10', '-f', 'currencyCode=EUR', ...extra]);
  const puts = async (requests: Awaited<ReturnType<typeof fixture>>['requests'], expected: number) =>
    (await requests(expected)).filter((e) => e.method === 'PUT').map((e) => [e.path, e.status]);

  it('a Soldo transfer (PUT) answered 502 reaches the server once: exit 1, and it may have been carried out', async () => {
    const { emu, cli, requests } = await fixture();
    await emu.fault({ method: 'PUT', path: TRANSFER, status: 502, count: 3 });
    const run = await transfer(cli);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: Soldo answered 502 to PUT \/business\/v2\/wallets\/internalTransfer\/\S+: .*; the PUT may have been carried out: check before sending it again\n$/);
    expect(await puts(requests, 2)).toEqual([[TRANSFER, 502]]);
  });

  it('a Soldo transfer (PUT) whose connection drops reaches the server once: exit 5, and it may have been carried out', async () => {
    const { emu, cli, requests } = await fixture();
    await emu.fault({ method: 'PUT', path: TRANSFER, fault: 'drop', count: 3 });
    const run = await transfer(cli);
    expectCleanError(run, 5, /closed unexpectedly .*; the PUT may have been carried out: check before sending it again$/);
    // The hint must not invite what the message warns against.
    expect(run.stderr.split('\n')[1]).toBe('the server may have received it and acted on it: see whether the change was made (list or get it) before you send it again');
    expect(await puts(requests, 2)).toEqual([[TRANSFER, null]]);
  });

  it('a Soldo transfer (PUT) answered 401 with the cached token is sent once more with a new token', async () => {
    const { emu, cli, requests } = await fixture();
    expect((await cli(['auth', 'token', 'soldo'])).code).toBe(0);
    expect((await emu.expireTokens()).expired).toBeGreaterThan(0);
    const run = await transfer(cli);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(await puts(requests, 4)).toEqual([[TRANSFER, 401], [TRANSFER, 200]]);
  });

  it('a Soldo transfer (PUT) answered 401 with a token fetched in this run reaches the server once: exit 4', async () => {
    const seen: string[] = [];
    const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      seen.push(`${req.method} ${req.url?.split('?')[0]}`);
      if (req.url === '/oauth/authorize') res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: 'refused', expires_in: 7200, token_type: 'bearer' }));
      else res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error_code":"UNAUTHORIZED","message":"Invalid token"}');
    });
    const base = `http://${await listening(server)}`;
    const path = TRANSFER.replace('/soldo', '');
    const run = await runBin(['request', 'soldo', 'PUT', path, '-F', 'amount=10', '-f', 'currencyCode=EUR'], {
      env: {
        FINTECH_CLI_CONFIG_DIR: join(temp.root, 'soldo-401'),
        FINTECH_CLI_SOLDO_CLIENT_ID: 'client',
        FINTECH_CLI_SOLDO_CLIENT_SECRET: 'soldo-401-secret',
        FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN: 'QDX6RK6OH1CZLSWOUWBA',
        FINTECH_CLI_SOLDO_PRIVATE_KEY: DEMO_SOLDO_PRIVATE_KEY_PEM,
        FINTECH_CLI_SOLDO_API_URL: base,
      },
    });
    // `request` prints the error answer on stdout, as received.
    expectCleanError({ ...run, stdout: '' }, 4, /^error: Soldo answered 401 to PUT \/business\/v2\/wallets\/internalTransfer\/\S+: UNAUTHORIZED: Invalid token$/);
    expect(run.stdout).toBe('{"error_code":"UNAUTHORIZED","message":"Invalid token"}');
    expect(seen).toEqual(['POST /oauth/authorize', `PUT ${path}`]);
  });

  it('with --retry-unsafe the transfer is sent again after a 502 and a dropped connection, as asked', async () => {
    const { emu, cli, requests } = await fixture();
    await emu.fault({ method: 'PUT', path: TRANSFER, status: 502, count: 1 });
    await emu.fault({ method: 'PUT', path: TRANSFER, fault: 'drop', count: 1 });
    const run = await transfer(cli, ['--retry-unsafe']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(await puts(requests, 4)).toEqual([[TRANSFER, 502], [TRANSFER, null], [TRANSFER, 200]]);
  });
});

describe('tokens that expire mid-run', () => {
  it.for([
    ['solaris', ['webhooks', 'list', '--json'], '/solaris/auth/oauth2/token'],
    ['soldo', ['request', 'soldo', 'GET', '/business/v2/ping/whoami'], '/soldo/oauth/authorize'],
    ['finapi', ['finapi', 'users', 'create', '--json'], '/finapi/access/api/v2/oauth/token'],
  ] as const)('%s: the call answered 401 gets a fresh token and succeeds', async ([provider, args, tokenPath]) => {
    const { emu, cli, requests, configDir } = await fixture();
    const first = await cli(['auth', 'token', provider]);
    expect(first.code).toBe(0);
    expect((await emu.expireTokens()).expired).toBeGreaterThan(0);
    const run = await cli([...args]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    // After the first token request: the call with the expired token (401), one token request, the same call again (2xx).
    const log = (await requests(4)).slice(1);
    expect(log).toHaveLength(3);
    expect(log[0]!.status).toBe(401);
    expect(log[1]!.path).toBe(tokenPath);
    expect(log[2]).toMatchObject({ method: log[0]!.method, path: log[0]!.path });
    expect(log[2]!.status).toBeGreaterThanOrEqual(200);
    expect(log[2]!.status).toBeLessThan(300);
    const cached = JSON.stringify(JSON.parse(await readFile(join(configDir, 'tokens.json'), 'utf8')));
    expect(cached).not.toContain(first.stdout.trim());
  });
});

describe('unreachable, untrusted and broken servers', () => {
  it('a refused port: exit 5 with the address and what to do', async () => {
    const server = http.createServer();
    const address = await listening(server);
    await new Promise((resolve) => server.close(resolve));
    const run = await runBin(['webhooks', 'list', '--emulator'], { env: { FINTECH_CLI_CONFIG_DIR: join(temp.root, 'refused'), FINTECH_CLI_EMULATOR_URL: `http://${address}` } });
    expectCleanError(run, 5, `error: connection refused by ${address} (after 4 attempts)`);
    expect(run.stderr.split('\n')[1]).toContain('fintech-cli emulator');
  });

  describe('TLS', () => {
    const hasOpenssl = (() => {
      try {
        execFileSync('openssl', ['version'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    })();
    let certFile: string;
    let address: string;

    beforeAll(async () => {
      if (!hasOpenssl) return;
      certFile = join(temp.root, 'cert.pem');
      const keyFile = join(temp.root, 'key.pem');
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
        { stdio: 'ignore' },
      );
      const server = https.createServer({ key: await readFile(keyFile), cert: await readFile(certFile) }, (_req, res) => {
        res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: 'tls-ok-token', expires_in: 3600, token_type: 'bearer', scope: 'partners' }));
      });
      address = await listening(server);
    });

    const tokenOverTls = (extra: Record<string, string> = {}) =>
      runBin(['auth', 'token', 'solaris', '--fresh'], {
        env: {
          FINTECH_CLI_CONFIG_DIR: join(temp.root, 'tls-config'),
          FINTECH_CLI_SOLARIS_CLIENT_ID: 'tls-client',
          FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'tls-secret-value',
          FINTECH_CLI_SOLARIS_AUTH_URL: `https://${address}`,
          ...extra,
        },
      });

    it.skipIf(!hasOpenssl)('a self-signed certificate: exit 5, what failed, and NODE_EXTRA_CA_CERTS as the fix', async () => {
      const run = await tokenOverTls();
      // Node 24 adds its own advice after the reason.
      expectCleanError(run, 5, new RegExp(`^error: the certificate of ${address.replaceAll('.', '\\.')} is not trusted: self-signed certificate(; [^()]+)? \\(DEPTH_ZERO_SELF_SIGNED_CERT\\)$`));
      expect(run.stderr.split('\n')[1]).toContain('NODE_EXTRA_CA_CERTS');
    });

    it.skipIf(!hasOpenssl)('the same server is trusted with NODE_EXTRA_CA_CERTS', async () => {
      const run = await tokenOverTls({ NODE_EXTRA_CA_CERTS: certFile });
      expect([run.code, run.stdout, run.stderr]).toEqual([0, 'tls-ok-token\n', '']);
    });
  });

  describe('a server posing as Solaris with broken bodies', () => {
    let base: string;
    const bodies: Record<string, (res: ServerResponse) => void> = {
      html: (res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>502 Bad Gateway (proxy)</body></html>'),
      'truncated-json': (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('[{"id":"wh-1","event_type":"BOO'),
      empty: (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(),
      // The headers promise 400 bytes; 30 arrive and the connection closes.
      'cut-off': (res) => {
        res.socket?.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n[{"id":"wh-1","event_type":"BOO');
      },
      'token-not-json': (res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('service temporarily unavailable'),
      // Valid JSON of the wrong shape, where an object is expected.
      null: (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('null'),
    };

    beforeAll(async () => {
      const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
        const [, mode = '', ...rest] = (req.url ?? '').split('/');
        req.resume();
        const path = `/${rest.join('/')}`;
        if (/^\/(oauth2\/token|api\/v2\/oauth\/token)/.test(path) && mode !== 'token-not-json') {
          res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: `token-for-${mode}`, expires_in: 3600, token_type: 'bearer' }));
          return;
        }
        bodies[mode]!(res);
      });
      base = `http://${await listening(server)}`;
    });

    const list = (mode: string, extra: string[] = []) =>
      runBin(['webhooks', 'list', ...extra], {
        env: {
          FINTECH_CLI_CONFIG_DIR: join(temp.root, `broken-${mode}`),
          FINTECH_CLI_SOLARIS_CLIENT_ID: 'client',
          FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'broken-server-secret',
          FINTECH_CLI_SOLARIS_AUTH_URL: `${base}/${mode}`,
          FINTECH_CLI_SOLARIS_API_URL: `${base}/${mode}`,
        },
      });

    it.each([
      ['html', /^error: 127\.0\.0\.1:\d+ answered 200 with a body that is not JSON \(\d+ bytes of text\/html\)$/, '<html><body>502 Bad Gateway (proxy)</body></html>'],
      ['truncated-json', /^error: 127\.0\.0\.1:\d+ answered 200 with a body that is not JSON \(\d+ bytes of application\/json\)$/, '[{"id":"wh-1","event_type":"BOO'],
      ['empty', /^error: 127\.0\.0\.1:\d+ answered 200 with a body that is not JSON \(an empty body\)$/, undefined],
    ])('%s: exit 1, a clear line; the raw body is in the --verbose trace', async (mode, message, raw) => {
      const run = await list(mode);
      expectCleanError(run, 1, message);
      expect(run.stderr.split('\n')[1]).toContain('--verbose');
      if (raw === undefined) return;
      const verbose = await list(mode, ['--verbose']);
      expect(verbose.code).toBe(1);
      expect(verbose.stderr).toContain(`\n${raw}\n`);
      expect(verbose.stderr).not.toContain('broken-server-secret');
      expect(verbose.stderr).not.toContain(`token-for-${mode}`);
    });

    it('a body cut off mid-way (Content-Length not reached): exit 5 after retries', async () => {
      const run = await list('cut-off');
      expectCleanError(run, 5, /closed unexpectedly/);
    });

    it.for([
      [['giroident', 'start', '--client-reference', 'c-1'], 'the process creation'],
      [['giroident', 'check', 'get', 'check-1', '--access-token-stdin'], 'the check check-1'],
      [['finapi', 'users', 'create'], 'the user creation'],
    ] as const)('finAPI answering null to %j: exit 1, a clear line, no crash', async ([args, what]) => {
      const mode = 'null';
      const run = await runBin([...args], {
        input: 'a-user-access-token',
        env: {
          FINTECH_CLI_CONFIG_DIR: join(temp.root, `broken-null-${args[1]}`),
          FINTECH_CLI_FINAPI_CLIENT_ID: 'client',
          FINTECH_CLI_FINAPI_CLIENT_SECRET: 'broken-server-secret',
          FINTECH_CLI_FINAPI_API_URL: `${base}/${mode}`,
          FINTECH_CLI_FINAPI_PROCESS_URL: `${base}/${mode}`,
          FINTECH_CLI_FINAPI_GIROIDENT_URL: `${base}/${mode}`,
        },
      });
      expectCleanError(run, 1, `error: finAPI answered 200 to ${what} with something other than a JSON object.`);
    });

    it('a token answer that is not JSON: exit 1, naming the provider', async () => {
      const run = await list('token-not-json');
      expectCleanError(run, 1, "error: Solaris's token answer cannot be used: it is not JSON.");
      const verbose = await list('token-not-json', ['--verbose']);
      expect(verbose.stderr).toContain('\nservice temporarily unavailable\n');
      expect(verbose.stderr).not.toContain('broken-server-secret');
    });
  });
});
});
