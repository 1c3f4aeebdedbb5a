import { createHmac } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempConfig } from '../../../test/helpers/run-cli.js';
import { openConfig, setProviderSettings } from '../../config/config-file.js';
import type { Context } from '../../context.js';
import { hasControlChars } from '../../core/terminal-text.js';
import type { InStream } from '../../io/streams.js';
import { main } from '../../main.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
const stops: (() => Promise<unknown>)[] = [];
beforeEach(async () => {
  config = await tempConfig();
});
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  await config.cleanup();
});

const SECRET = 'listen-secret-123';
const BODY = '{"id":"ident-1","status":"successful"}';
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const solarisHeaders = (body: string, extra: Record<string, string> = {}) => ({
  'Content-Type': 'application/json',
  'Solaris-Webhook-Signature': sign(body),
  'Solaris-Webhook-Attempt': '1',
  'Solaris-Webhook-Event-Type': 'IDENTIFICATION',
  'Solaris-Webhook-Id': 'notif-1',
  'Solaris-Webhook-Subscription-Id': 'sub-1',
  'Solaris-Entity-Id': 'ident-1',
  ...extra,
});

class Capture {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** `webhooks listen` in-process on a free port; `stop()` is Ctrl-C. */
async function listen(argv: string[], options: { stdin?: string; env?: Record<string, string>; tty?: boolean } = {}) {
  const stdout = new Capture(options.tty);
  const stderr = new Capture(options.tty);
  const controller = new AbortController();
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]) as unknown as InStream;
  const ctx: Context = {
    streams: { stdin, stdout, stderr },
    env: { ...config.env, ...options.env },
    cwd: process.cwd(),
    now: () => Date.UTC(2026, 10, 25, 12, 0, 0),
    version: '0.0.0-test',
    signal: controller.signal,
  };
  const done = main(['webhooks', 'listen', '--port', '0', ...argv], ctx);
  const stop = () => {
    controller.abort();
    return done;
  };
  stops.push(stop);
  const events = () => stdout.text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
  const url = await waitFor(() => {
    const listening = argv.includes('--json') ? events()[0]?.url : /Listening on (\S+) /.exec(stderr.text)?.[1];
    if (listening === undefined && stderr.text.includes('error:')) throw new Error(stderr.text);
    return listening as string | undefined;
  });
  return { url, stdout, stderr, events, stop };
}

async function waitFor<T>(probe: () => T | undefined, ms = 5000): Promise<T> {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, text: await res.text() };
}

/** A POST written to the socket as given (fetch refuses some header bytes a sender can still send); the raw answer. */
function rawPost(url: string, body: string, headers: Record<string, string>): Promise<string> {
  const { port } = new URL(url);
  const head = Object.entries({ ...headers, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' }).map(([name, value]) => `${name}: ${value}\r\n`);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(Buffer.concat([Buffer.from(`POST / HTTP/1.1\r\nHost: x\r\n${head.join('')}\r\n`, 'latin1'), Buffer.from(body)])));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** A stand-in for the user's app: records each request and answers `status`. */
async function app(status: number) {
  const seen: { method?: string; url?: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  stops.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, seen };
}

describe('webhooks listen', () => {
  it('answers the subscription check, checks signatures (422 when wrong or missing) and prints NDJSON', async () => {
    const listener = await listen(['--secret-stdin', '--json'], { stdin: SECRET });
    expect(listener.events()[0]).toEqual({ type: 'listening', url: listener.url });

    expect(await post(`${listener.url}/hook`, '', { 'Solaris-Webhook-Event-Type': 'WEBHOOK-SUBSCRIPTION' })).toEqual({ status: 200, text: '' });
    expect((await post(`${listener.url}/hook`, BODY, solarisHeaders(BODY))).status).toBe(200);
    expect(await post(`${listener.url}/hook`, `${BODY}\n`, solarisHeaders(BODY))).toEqual({ status: 422, text: 'the signature could not be verified\n' });
    const unsigned: Record<string, string> = solarisHeaders(BODY);
    delete unsigned['Solaris-Webhook-Signature'];
    expect((await post(`${listener.url}/hook`, BODY, unsigned)).status).toBe(422);

    const events = listener.events();
    expect(events[1]).toEqual({ type: 'subscription_check', at: '2026-11-25T12:00:00.000Z', path: '/hook', status: 200 });
    expect(events[2]).toEqual({
      type: 'notification',
      at: '2026-11-25T12:00:00.000Z',
      method: 'POST',
      path: '/hook',
      event_type: 'IDENTIFICATION',
      notification_id: 'notif-1',
      attempt: 1,
      subscription_id: 'sub-1',
      entity_id: 'ident-1',
      signature: 'valid',
      reason: null,
      status: 200,
      headers: {
        'solaris-webhook-event-type': 'IDENTIFICATION',
        'solaris-webhook-id': 'notif-1',
        'solaris-webhook-attempt': '1',
        'solaris-webhook-subscription-id': 'sub-1',
        'solaris-entity-id': 'ident-1',
        'solaris-webhook-signature': sign(BODY),
        'content-type': 'application/json',
      },
      body: BODY,
    });
    expect(events.slice(3).map((e) => [e.signature, e.reason, e.status])).toEqual([
      ['invalid', 'wrong secret, or the body was changed', 422],
      ['missing', 'no signature', 422],
    ]);
    expect(await listener.stop()).toBe(0);
    expect(listener.stderr.text).toBe('');
  });

  it('without a secret option, checks each notification with the secret stored for its subscription, and refuses it while none is', async () => {
    const listener = await listen([]);
    expect(await post(listener.url, BODY, solarisHeaders(BODY))).toEqual({ status: 422, text: 'the signature could not be verified\n' });
    await setProviderSettings(openConfig(config.dir), { profile: 'default', provider: 'solaris', env: 'sandbox' }, { webhook_secrets: { 'sub-1': SECRET } });
    expect((await post(listener.url, BODY, solarisHeaders(BODY))).status).toBe(200);
    expect((await post(listener.url, BODY, solarisHeaders(BODY, { 'Solaris-Webhook-Signature': sign(BODY, 'other') }))).status).toBe(422);
    await listener.stop();
    expect(listener.stdout.text).toBe(
      [
        'IDENTIFICATION  REJECTED: unknown subscription: no secret is stored for sub-1  → 422  attempt 1',
        ...headerLines(sign(BODY)),
        `  ${BODY}`,
        'IDENTIFICATION  signature valid  → 200  attempt 1',
        ...headerLines(sign(BODY)),
        `  ${BODY}`,
        'IDENTIFICATION  REJECTED: wrong secret, or the body was changed  → 422  attempt 1',
        ...headerLines(sign(BODY, 'other')),
        `  ${BODY}`,
        '',
      ].join('\n'),
    );
    expect(listener.stderr.text).toBe(
      `Listening on ${listener.url} (Ctrl-C to stop).\n` +
        'Signatures are checked with the secret stored for each subscription ("webhooks create", "webhooks secret set"; or give --webhook-id, --secret-stdin, FINTECH_CLI_WEBHOOK_SECRET); notifications that do not verify are answered 422.\n' +
        'Stopped.\n',
    );
  });

  it('verifies with a secret stored by "webhooks secret set", a reference resolved when each notification arrives', async () => {
    const secretFile = join(config.dir, '..', 'mock-secret');
    const listener = await listen(['--json'], { env: { MOCK_SECRET: SECRET } });
    const stored = await runCli(['webhooks', 'secret', 'set', 'sub-1', '--secret-stdin'], { env: config.env, stdin: SECRET });
    expect(stored.code).toBe(0);
    expect((await post(listener.url, BODY, solarisHeaders(BODY))).status).toBe(200);

    // Another subscription (a mock server's, say) by reference: env: read from the listener's environment, file: re-read each time.
    const mock = (secret: string) => solarisHeaders(BODY, { 'Solaris-Webhook-Subscription-Id': 'mock-1', 'Solaris-Webhook-Signature': sign(BODY, secret) });
    expect((await runCli(['webhooks', 'secret', 'set', 'mock-1', '--secret-ref', 'env:MOCK_SECRET'], { env: config.env })).code).toBe(0);
    expect((await post(listener.url, BODY, mock(SECRET))).status).toBe(200);
    expect((await runCli(['webhooks', 'secret', 'set', 'mock-1', '--secret-ref', `file:${secretFile}`], { env: config.env })).code).toBe(0);
    await writeFile(secretFile, 'first-file-secret\n');
    expect((await post(listener.url, BODY, mock('first-file-secret'))).status).toBe(200);
    await writeFile(secretFile, 'rotated-file-secret\n');
    expect((await post(listener.url, BODY, mock('first-file-secret'))).status).toBe(422);
    expect((await post(listener.url, BODY, mock('rotated-file-secret'))).status).toBe(200);

    expect((await runCli(['webhooks', 'secret', 'delete', 'sub-1'], { env: config.env })).code).toBe(0);
    expect((await post(listener.url, BODY, solarisHeaders(BODY))).status).toBe(422);
    expect(listener.events().slice(1).map((e) => [e.subscription_id, e.signature, e.status])).toEqual([
      ['sub-1', 'valid', 200],
      ['mock-1', 'valid', 200],
      ['mock-1', 'valid', 200],
      ['mock-1', 'invalid', 422],
      ['mock-1', 'valid', 200],
      ['sub-1', 'unchecked', 422],
    ]);
  });

  it('answers 500 (Solaris retries) when a stored reference cannot be resolved, and says why', async () => {
    const target = await app(200);
    expect((await runCli(['webhooks', 'secret', 'set', 'sub-1', '--secret-ref', 'env:UNSET_WEBHOOK_SECRET'], { env: config.env })).code).toBe(0);
    const listener = await listen(['--forward-to', target.url, '--json']);
    expect((await post(listener.url, BODY, solarisHeaders(BODY))).status).toBe(500);
    expect(target.seen).toHaveLength(0);
    expect(listener.events()[1]).toMatchObject({
      type: 'warning',
      message: 'failed to handle POST /: The secret reference env:UNSET_WEBHOOK_SECRET names the environment variable UNSET_WEBHOOK_SECRET, which is not set',
    });
  });

  it('refuses a notification while the stored secret is empty (500, Solaris retries): an empty key would let anyone sign', async () => {
    const target = await app(200);
    const secretFile = join(config.dir, '..', 'empty-secret');
    await writeFile(secretFile, '\n');
    expect((await runCli(['webhooks', 'secret', 'set', 'sub-1', '--secret-ref', `file:${secretFile}`], { env: config.env })).code).toBe(0);
    const listener = await listen(['--forward-to', target.url, '--json']);
    // Anyone can compute a signature with the key "": it must not verify.
    expect((await post(listener.url, BODY, solarisHeaders(BODY, { 'Solaris-Webhook-Signature': sign(BODY, '') }))).status).toBe(500);
    expect(target.seen).toHaveLength(0);
    expect(listener.events().slice(1)).toEqual([
      expect.objectContaining({
        type: 'warning',
        message: `failed to handle POST /: the secret stored for sub-1 is empty, so it cannot verify anything (store the real one with "webhooks secret set sub-1")`,
      }),
    ]);
    // Once the real secret is in the file, the same subscription verifies again.
    await writeFile(secretFile, `${SECRET}\n`);
    expect((await post(listener.url, BODY, solarisHeaders(BODY))).status).toBe(200);
    expect(target.seen).toHaveLength(1);
  });

  it('refuses to start with --webhook-id naming an empty stored secret, or an empty secret on stdin', async () => {
    const secretFile = join(config.dir, '..', 'empty-secret');
    await writeFile(secretFile, '');
    expect((await runCli(['webhooks', 'secret', 'set', 'sub-1', '--secret-ref', `file:${secretFile}`], { env: config.env })).code).toBe(0);
    // Bounded, should it start after all.
    const signal = AbortSignal.timeout(3000);
    const byId = await runCli(['webhooks', 'listen', '--port', '0', '--webhook-id', 'sub-1'], { env: config.env, signal });
    expect([byId.code, byId.stderr]).toEqual([
      2,
      'error: The secret stored for webhook sub-1 (sandbox, profile default) is empty.\nStore the real one with "webhooks secret set sub-1", or give it with --secret-stdin.\n',
    ]);
    const stdin = await runCli(['webhooks', 'listen', '--port', '0', '--secret-stdin'], { env: config.env, stdin: '\n', signal });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain('--secret-stdin: standard input was empty.');
  });

  it('fails closed: an unsigned form post, another algorithm or an unknown subscription is answered 422, never forwarded, and printed with the reason', async () => {
    const target = await app(200);
    await setProviderSettings(openConfig(config.dir), { profile: 'default', provider: 'solaris', env: 'sandbox' }, { webhook_secrets: { 'sub-1': SECRET } });
    const listener = await listen(['--forward-to', target.url, '--json']);
    // What a web page's <form enctype="text/plain"> posts: no Solaris header at all.
    expect((await post(listener.url, 'a=b', { 'Content-Type': 'text/plain' })).status).toBe(422);
    const unknown = solarisHeaders(BODY, { 'Solaris-Webhook-Subscription-Id': 'sub-unknown', 'Solaris-Webhook-Signature': sign(BODY, 'guessed') });
    expect((await post(listener.url, BODY, unknown)).status).toBe(422);
    const noId: Record<string, string> = solarisHeaders(BODY);
    delete noId['Solaris-Webhook-Subscription-Id'];
    expect((await post(listener.url, BODY, noId)).status).toBe(422);
    const sha1 = `sha1=${createHmac('sha1', SECRET).update(BODY).digest('hex')}`;
    expect((await post(listener.url, BODY, solarisHeaders(BODY, { 'Solaris-Webhook-Signature': sha1 }))).status).toBe(422);
    expect((await post(listener.url, BODY, solarisHeaders(BODY, { 'Solaris-Webhook-Signature': 'deadbeef' }))).status).toBe(422);
    // A "check" with a body is no check Solaris sends: it must verify like any notification.
    expect((await post(listener.url, BODY, { 'Solaris-Webhook-Event-Type': 'WEBHOOK-SUBSCRIPTION' })).status).toBe(422);
    expect(target.seen).toHaveLength(0);
    // The real thing still passes.
    expect((await post(listener.url, BODY, solarisHeaders(BODY))).status).toBe(200);
    expect(target.seen).toHaveLength(1);
    expect(listener.events().slice(1).map((e) => [e.signature, e.reason, e.status])).toEqual([
      ['missing', 'no signature', 422],
      ['unchecked', 'unknown subscription: no secret is stored for sub-unknown', 422],
      ['unchecked', 'unknown subscription: no Solaris-Webhook-Subscription-Id header, and no secret given', 422],
      ['invalid', 'algorithm not allowed: sha1 (only sha256=)', 422],
      ['invalid', 'algorithm not allowed: the header names none (only sha256=)', 422],
      ['missing', 'no signature', 422],
      ['valid', null, 200],
    ]);
  });

  it('--no-verify accepts everything unchecked, and says so on stderr', async () => {
    const target = await app(200);
    const listener = await listen(['--no-verify', '--forward-to', target.url, '--json']);
    expect((await post(listener.url, 'a=b', { 'Content-Type': 'text/plain' })).status).toBe(200);
    expect(target.seen).toHaveLength(1);
    expect(listener.events()[1]).toMatchObject({ signature: 'unchecked', reason: 'not checked (--no-verify)', status: 200 });
    expect(await listener.stop()).toBe(0);
    expect(listener.stderr.text).toBe(
      'warning: --no-verify: signatures are NOT checked; every notification is accepted and forwarded, forged or not. Use it only to inspect traffic.\n',
    );
    const both = await runCli(['webhooks', 'listen', '--no-verify', '--webhook-id', 'sub-1'], { env: config.env });
    expect([both.code, both.stderr]).toEqual([2, 'error: --no-verify checks no signature, so --webhook-id would not be used.\nDrop one of them.\n']);
  });

  it('answers what --respond says to verified notifications only; one that does not verify still gets 422', async () => {
    const listener = await listen(['--respond', '410', '--json'], { env: { FINTECH_CLI_WEBHOOK_SECRET: SECRET } });
    expect((await post(listener.url, BODY, solarisHeaders(BODY))).status).toBe(410);
    expect((await post(listener.url, 'x', solarisHeaders(BODY))).status).toBe(422);
    expect(listener.events().slice(1).map((e) => [e.signature, e.status])).toEqual([['valid', 410], ['invalid', 422]]);
  });

  it('refuses what a browser sends (Origin, Sec-Fetch-Site) with 403, even when signed', async () => {
    const listener = await listen(['--secret', SECRET, '--json']);
    for (const header of [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }] as Record<string, string>[]) {
      expect((await post(listener.url, BODY, { ...solarisHeaders(BODY), ...header })).status).toBe(403);
    }
    expect(listener.events().slice(1)).toEqual([
      expect.objectContaining({ type: 'rejected', status: 403, reason: 'refused: a browser sent it (origin header); Solaris does not send one' }),
      expect.objectContaining({ type: 'rejected', status: 403, reason: 'refused: a browser sent it (sec-fetch-site header); Solaris does not send one' }),
    ]);
  });

  it('warns once at start when it listens beyond loopback', async () => {
    const listener = await listen(['--host', '0.0.0.0', '--secret', SECRET, '--json']);
    await listener.stop();
    expect(listener.stderr.text).toBe('warning: --host 0.0.0.0: the listener is reachable from the network, not only through your tunnel.\n');
  });

  it('on a terminal, shows the control characters a sender put in the body and headers escaped; --json stays exact', async () => {
    // OSC 52 (write the clipboard), a screen clear and a C1 CSI; a header can carry a C1 byte (read as Latin-1).
    const hostile = '{"id":"\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u009b31m"}';
    const send = (url: string) => rawPost(url, hostile, { ...solarisHeaders(hostile), 'Solaris-Entity-Id': 'x\u009b2Jy' });
    const tty = await listen(['--secret', SECRET], { tty: true, env: { NO_COLOR: '1' } });
    expect(await send(tty.url)).toMatch(/^HTTP\/1\.1 200 /);
    await tty.stop();
    expect(hasControlChars(tty.stdout.text)).toBe(false);
    expect(tty.stdout.text).toContain('  {"id":"\\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[2J\\x9b31m"}\n');
    expect(tty.stdout.text).toContain('  Solaris-Entity-Id: x\\x9b2Jy\n');

    const json = await listen(['--secret', SECRET, '--json'], { tty: true });
    expect(await send(json.url)).toMatch(/^HTTP\/1\.1 200 /);
    expect(json.events()[1]).toMatchObject({ body: hostile, entity_id: 'x\u009b2Jy' });
  });

  it('forwards the exact bytes and Solaris headers to --forward-to and relays the status; 502 when the app is down', async () => {
    const target = await app(202);
    const listener = await listen(['--forward-to', target.url, '--secret', SECRET, '--json']);
    const body = '{\n  "id": "ident-1",\n  "note": "spaces  kept"\n}\n';
    expect((await post(`${listener.url}/x?y=1`, body, solarisHeaders(body))).status).toBe(202);
    expect(target.seen).toHaveLength(1);
    expect(target.seen[0]!.url).toBe('/hooks');
    expect(target.seen[0]!.body.toString()).toBe(body);
    expect(target.seen[0]!.headers).toMatchObject({
      'solaris-webhook-signature': sign(body),
      'solaris-webhook-id': 'notif-1',
      'solaris-entity-id': 'ident-1',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    });
    expect(listener.events()[1]).toMatchObject({ status: 202, forwarded: { url: target.url, status: 202 } });
    // An invalid signature is answered 422 here and never reaches the app.
    expect((await post(listener.url, 'tampered', solarisHeaders(body))).status).toBe(422);
    expect(target.seen).toHaveLength(1);
    await listener.stop();

    const down = await listen(['--forward-to', 'http://127.0.0.1:9/hooks', '--secret', SECRET, '--json']);
    expect((await post(down.url, BODY, solarisHeaders(BODY))).status).toBe(502);
    expect(down.events()[1]).toMatchObject({ status: 502, forwarded: { url: 'http://127.0.0.1:9/hooks', error: expect.stringContaining('connection refused') } });
  });

  it('survives garbage on the socket, other methods and oversized bodies', async () => {
    const listener = await listen(['--max-body', '64', '--json', '--secret', SECRET]);
    const { port } = new URL(listener.url);
    const garbage = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('\x00\x01 NOT HTTP AT ALL\r\n\r\n'));
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('close', () => resolve(answer));
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    const get = await fetch(listener.url);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect((await post(listener.url, 'x'.repeat(65), solarisHeaders('x'))).status).toBe(413);
    // Still serving.
    expect((await post(listener.url, BODY, solarisHeaders(BODY))).status).toBe(200);
    const events = listener.events().slice(1);
    expect(events.map((e) => [e.type, e.status])).toEqual([
      ['rejected', 400],
      ['rejected', 405],
      ['rejected', 413],
      ['notification', 200],
    ]);
    expect(events[2]!.reason).toBe('the body is larger than 64 bytes (--max-body)');
  });

  it('reports a body cut short by the sender as a rejected request, not a failure of its own', async () => {
    const listener = await listen(['--json', '--secret', SECRET]);
    const { port } = new URL(listener.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('POST /hooks HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"id":'));
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
    await waitFor(() => (listener.events().length > 1 ? true : undefined));
    expect(listener.events().slice(1)).toEqual([
      expect.objectContaining({ type: 'rejected', method: 'POST', path: '/hooks', status: 400, reason: 'the connection ended before the whole body arrived' }),
    ]);
    expect((await post(listener.url, BODY, solarisHeaders(BODY))).status).toBe(200);
  });

  it('refuses conflicting options and a port in use', async () => {
    const both = await runCli(['webhooks', 'listen', '--respond', '200', '--forward-to', 'http://x'], { env: config.env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--respond and --forward-to both decide the answer.');
    expect((await runCli(['webhooks', 'listen', '--respond', '99'], { env: config.env })).stderr).toContain('--respond must be a whole number from 200 to 599');
    const first = await listen(['--json']);
    const taken = await runCli(['webhooks', 'listen', '--port', new URL(first.url).port], { env: config.env });
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('the port is in use');
  });
});

describe('webhooks listen --save and webhooks replay', () => {
  it('keeps each notification as a file that replay sends again byte for byte, re-signed on request', async () => {
    const dir = join(config.dir, '..', 'saved');
    const listener = await listen(['--save', dir, '--json', '--secret', SECRET]);
    const body = '{"id": "ident-1",\r\n "x": 1}';
    await post(listener.url, body, solarisHeaders(body));
    const files = await readdir(dir);
    expect(files).toEqual(['20261125T120000.000Z-IDENTIFICATION.http']);
    const file = join(dir, files[0]!);
    expect(listener.events()[1]).toMatchObject({ saved: file });
    expect((await readFile(file)).subarray(0, 23).toString()).toBe('POST / HTTP/1.1\r\nhost: ');

    const target = await app(200);
    const replay = await runCli(['webhooks', 'replay', file, '--to', target.url], { env: config.env });
    expect(replay).toEqual({ code: 0, stdout: `POST ${target.url} → 200\n`, stderr: '' });
    expect(target.seen[0]!.body.toString()).toBe(body);
    expect(target.seen[0]!.headers['solaris-webhook-signature']).toBe(sign(body));
    expect(target.seen[0]!.headers['solaris-webhook-event-type']).toBe('IDENTIFICATION');

    const resigned = await runCli(['webhooks', 'replay', file, '--to', target.url, '--json'], { env: { ...config.env, FINTECH_CLI_WEBHOOK_SECRET: 'new-secret' } });
    expect(JSON.parse(resigned.stdout)).toEqual({ file, url: target.url, status: 200, resigned: true });
    expect(target.seen[1]!.headers['solaris-webhook-signature']).toBe(sign(body, 'new-secret'));
    expect(target.seen[1]!.body.toString()).toBe(body);
  });

  it('saves only notifications it accepted, so a forged one can never be replayed re-signed; --no-verify saves everything', async () => {
    const dir = join(config.dir, '..', 'saved');
    const listener = await listen(['--save', dir, '--json', '--secret', SECRET]);
    const forged = '{"id":"ident-1","status":"forged"}';
    expect((await post(listener.url, forged, solarisHeaders(forged, { 'Solaris-Webhook-Signature': sign(forged, 'guessed') }))).status).toBe(422);
    const unsigned: Record<string, string> = solarisHeaders(forged);
    delete unsigned['Solaris-Webhook-Signature'];
    expect((await post(listener.url, forged, unsigned)).status).toBe(422);
    expect((await post(listener.url, 'x'.repeat(2048), { 'Content-Type': 'text/plain' })).status).toBe(422);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
    expect((await post(listener.url, BODY, solarisHeaders(BODY))).status).toBe(200);
    expect(await readdir(dir)).toHaveLength(1);
    expect(listener.events().slice(1).map((e) => [e.signature, e.status, e.saved !== undefined])).toEqual([
      ['invalid', 422, false],
      ['missing', 422, false],
      ['missing', 422, false],
      ['valid', 200, true],
    ]);
    await listener.stop();

    const inspecting = await listen(['--save', join(dir, 'all'), '--json', '--no-verify']);
    expect((await post(inspecting.url, forged, unsigned)).status).toBe(200);
    expect(await readdir(join(dir, 'all'))).toHaveLength(1);
  });

  it('exits 1 when the endpoint does not accept it, 2 for a file that is no notification', async () => {
    const target = await app(500);
    const file = join(config.dir, '..', 'hand-written.http');
    await writeFile(file, 'POST /hooks HTTP/1.1\nContent-Type: application/json\nContent-Length: 2\n\n{}\n');
    const refused = await runCli(['webhooks', 'replay', file, '--to', target.url], { env: config.env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'warning: the body has 3 bytes but the recorded Content-Length is 2: was the file edited? The bytes are sent as they are.\n' +
        `error: ${target.url} answered 500 to the replayed notification.\nRun again with --verbose to see the answer.\n`,
    );
    await writeFile(file, '{"not":"a request"}');
    const broken = await runCli(['webhooks', 'replay', file, '--to', target.url], { env: config.env });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('is not a saved notification: no blank line ends the headers.');
  });
});

function headerLines(signature: string): string[] {
  return [
    '  Solaris-Webhook-Event-Type: IDENTIFICATION',
    '  Solaris-Webhook-Id: notif-1',
    '  Solaris-Webhook-Attempt: 1',
    '  Solaris-Webhook-Subscription-Id: sub-1',
    '  Solaris-Entity-Id: ident-1',
    `  Solaris-Webhook-Signature: ${signature}`,
    '  Content-Type: application/json',
  ];
}
