import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultStore } from './faults.js';
import { finapiError } from './finapi/error-format.js';
import { listenHttp, type ListeningServer } from './http-server.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from './server.js';
import type { EmulatorEvent } from './types.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator & { events: EmulatorEvent[] }> {
  const events: EmulatorEvent[] = [];
  const running = await startEmulator({ port: 0, onEvent: (e) => events.push(e), ...options });
  open.push(running);
  return { ...running, events };
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

async function solarisToken(url: string): Promise<string> {
  const res = await call(`${url}/solaris/auth/oauth2/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from('demo-solaris-client:demo-solaris-secret').toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=partners',
  });
  expect(res.status).toBe(201);
  return (res.body as { access_token: string }).access_token;
}

async function addFault(url: string, spec: Record<string, unknown>): Promise<void> {
  const res = await call(`${url}/_admin/faults`, postJson(spec));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

function solarisCode(answer: Answer): string | undefined {
  return (answer.body as { errors: { code: string }[] }).errors[0]?.code;
}

describe('startEmulator', () => {
  it('listens on loopback, hands out the contract credentials, and answers health', async () => {
    const emu = await emulator();
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.credentials).toEqual({
      solaris: { client_id: 'demo-solaris-client', client_secret: 'demo-solaris-secret' },
      finapi: { client_id: 'demo-finapi-client', client_secret: 'demo-finapi-secret' },
      soldo: { client_id: 'demo-soldo-client', client_secret: 'demo-soldo-secret', fingerprint_token: 'DEMOFINGERPRINTTOKEN' },
    });
    const health = await call(`${emu.url}/_admin/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', services: expect.arrayContaining(['/solaris/auth', '/solaris/api']) });
  });

  it('answers unknown paths 404 in the format of the provider the prefix names', async () => {
    const emu = await emulator();
    const solaris = await call(`${emu.url}/solaris/api/v1/nothing`);
    expect(solaris.status).toBe(404);
    expect(solaris.body).toEqual({
      errors: [{ id: expect.any(String), status: 404, code: 'not_found', title: 'Not Found', detail: expect.stringContaining('/solaris/api/v1/nothing') }],
    });
    const finapi = await call(`${emu.url}/finapi/access/api/v2/nothing`);
    expect(finapi.status).toBe(404);
    expect(finapi.body).toMatchObject({ errors: [{ code: 'UNKNOWN_ENTITY', type: 'BUSINESS', message: expect.any(String) }], endpoint: 'GET /api/v2/nothing' });
    const soldo = await call(`${emu.url}/soldo/business/v2/nothing`);
    expect(soldo).toMatchObject({ status: 404, body: { error_code: 'NOT_FOUND', message: expect.any(String) } });
    const other = await call(`${emu.url}/elsewhere`);
    expect(other).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('answers a known path with another method 405 and names the allowed ones', async () => {
    const emu = await emulator();
    const res = await call(`${emu.url}/solaris/auth/oauth2/token`, { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(solarisCode(res)).toBe('method_not_allowed');
  });

  it('answers a body over 1 MB with 413', async () => {
    const emu = await emulator();
    const res = await call(`${emu.url}/solaris/api/v1/webhooks`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(solarisCode(res)).toBe('payload_too_large');
  });

  it('logs every request as an event, and GET /_admin/log returns them', async () => {
    const emu = await emulator();
    await call(`${emu.url}/soldo/nothing`);
    expect(emu.events).toContainEqual({ type: 'request', method: 'GET', path: '/soldo/nothing', status: 404, ms: expect.any(Number) });
    const log = await call(`${emu.url}/_admin/log?type=request`);
    expect(log.body).toEqual([expect.objectContaining({ type: 'request', path: '/soldo/nothing', status: 404 })]);
    expect((await call(`${emu.url}/_admin/log?limit=0`)).status).toBe(400);
  });

  it('expires every token on demand: the next API call hears 401 invalid_token', async () => {
    const emu = await emulator();
    const token = await solarisToken(emu.url);
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    expect((await call(`${emu.url}/solaris/api/v1/webhooks`, auth)).status).toBe(200);
    const expired = await call(`${emu.url}/_admin/tokens/expire`, { method: 'POST' });
    expect(expired.body).toEqual({ expired: 1 });
    const res = await call(`${emu.url}/solaris/api/v1/webhooks`, auth);
    expect(res.status).toBe(401);
    expect(solarisCode(res)).toBe('invalid_token');
  });

  it('fails to start on a port in use, with the error code to explain it', async () => {
    const first = await emulator();
    const port = Number(new URL(first.url).port);
    await expect(startEmulator({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('closes promptly with a hung request open, and when its signal aborts', async () => {
    const controller = new AbortController();
    const emu = await startEmulator({ port: 0, signal: controller.signal });
    await addFault(emu.url, { path: '/solaris', fault: 'hang' });
    const hung = fetch(`${emu.url}/solaris/api/v1/webhooks`).then(
      () => 'answered',
      () => 'connection closed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    controller.abort();
    expect(await hung).toBe('connection closed');
    await emu.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${emu.url}/_admin/health`)).rejects.toThrow();
  });
});

describe('faults', () => {
  it('answers the next call of a route with a 5xx, then serves it normally again', async () => {
    const emu = await emulator();
    const token = await solarisToken(emu.url);
    await addFault(emu.url, { method: 'GET', path: '/solaris/api/v1/webhooks', fault: 'status', status: 503 });
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const failed = await call(`${emu.url}/solaris/api/v1/webhooks`, auth);
    expect(failed.status).toBe(503);
    expect(solarisCode(failed)).toBe('generic_error');
    expect((await call(`${emu.url}/solaris/api/v1/webhooks`, auth)).status).toBe(200);
    expect(emu.events).toContainEqual(expect.objectContaining({ type: 'request', status: 503, fault: 'status' }));
  });

  it('counts calls, matches method and path prefix only, and speaks the provider format', async () => {
    const emu = await emulator();
    await addFault(emu.url, { method: 'GET', path: '/soldo/business/v2/wallets', status: 502, count: 2 });
    // Another method, and a path that merely starts with the same letters, are not faulted.
    expect((await call(`${emu.url}/soldo/business/v2/wallets/abc`, { method: 'POST' })).status).not.toBe(502);
    expect((await call(`${emu.url}/soldo/business/v2/walletsX`)).status).not.toBe(502);
    const first = await call(`${emu.url}/soldo/business/v2/wallets`);
    expect(first).toMatchObject({ status: 502, body: { error_code: 'BAD_GATEWAY' } });
    expect((await call(`${emu.url}/soldo/business/v2/wallets/abc`)).status).toBe(502);
    expect((await call(`${emu.url}/_admin/faults`)).body).toEqual([]);
  });

  it('answers 429 with Retry-After', async () => {
    const emu = await emulator();
    await addFault(emu.url, { path: '/solaris/auth', status: 429, retry_after: 7 });
    const res = await call(`${emu.url}/solaris/auth/oauth2/token`, { method: 'POST' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(solarisCode(res)).toBe('too_many_requests');
  });

  it('hangs until the client gives up, and the server keeps serving', async () => {
    const emu = await emulator();
    await addFault(emu.url, { method: 'POST', path: '/solaris/api/v1/webhooks', fault: 'hang' });
    await expect(fetch(`${emu.url}/solaris/api/v1/webhooks`, { method: 'POST', signal: AbortSignal.timeout(200) })).rejects.toThrow(/abort|timeout/i);
    expect((await call(`${emu.url}/_admin/health`)).status).toBe(200);
    await expect.poll(() => emu.events.some((e) => e.type === 'request' && e.fault === 'hang' && e.status === null)).toBe(true);
  });

  it('drops the connection', async () => {
    const emu = await emulator();
    await addFault(emu.url, { path: '/finapi', fault: 'drop' });
    await expect(fetch(`${emu.url}/finapi/access/api/v2/users`, { method: 'POST' })).rejects.toThrow(/fetch failed/);
    await expect(call(`${emu.url}/finapi/access/api/v2/users`, { method: 'POST' })).resolves.toMatchObject({ status: expect.any(Number) });
  });

  it('lists and clears faults, and refuses bad ones', async () => {
    const emu = await emulator();
    await addFault(emu.url, { path: '/solaris', fault: 'drop', count: 3 });
    await addFault(emu.url, { path: '/', fault: 'drop' });
    // A fault on every path still leaves the admin routes alone, so faults can always be listed and cleared.
    expect((await call(`${emu.url}/_admin/faults`)).body).toEqual([
      { id: 1, method: '*', path: '/solaris', fault: 'drop', remaining: 3 },
      { id: 2, method: '*', path: '/', fault: 'drop', remaining: 1 },
    ]);
    expect((await call(`${emu.url}/_admin/faults`, { method: 'DELETE' })).body).toEqual({ cleared: 2 });
    for (const bad of [{ path: 'solaris' }, { path: '/solaris', status: 404 }, { path: '/solaris', fault: 'explode' }, { path: '/solaris', count: 0 }, { path: '/_admin/health' }]) {
      const res = await call(`${emu.url}/_admin/faults`, postJson(bad));
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'bad_request', message: expect.any(String) } });
    }
  });
});

/** A request with a Host header of our choosing (fetch does not let one set it). */
function withHost(url: string, path: string, host: string, headers: Record<string, string> = {}, method = 'GET', body = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method, headers: { ...headers, Host: host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('requests a web page could make', () => {
  it('on loopback, refuses a Host that names another machine (DNS rebinding) in the provider format, and serves loopback names', async () => {
    const emu = await emulator();
    const port = new URL(emu.url).port;
    const rebound = await withHost(emu.url, '/_admin/health', `rebind.evil.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('does not name this machine');
    const token = await withHost(emu.url, '/solaris/auth/oauth2/token', `attacker.example`, { 'Content-Type': 'application/x-www-form-urlencoded' }, 'POST', 'grant_type=client_credentials');
    expect(token.status).toBe(403);
    expect(JSON.parse(token.body)).toMatchObject({ errors: [{ status: 403, code: expect.any(String) }] });
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `app.localhost:${port}`]) {
      expect((await withHost(emu.url, '/_admin/health', host)).status, host).toBe(200);
    }
  });

  it('serves any Host name when started on a non-loopback address (--host 0.0.0.0)', async () => {
    const emu = await emulator({ host: '0.0.0.0' });
    const port = new URL(emu.url).port;
    expect((await withHost(`http://127.0.0.1:${port}`, '/_admin/health', `emulator.internal:${port}`)).status).toBe(200);
  });

  it('refuses the admin routes to a browser (an Origin header): a text/plain form post cannot inject a fault', async () => {
    const emu = await emulator();
    const forged = await call(`${emu.url}/_admin/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'http://evil.example' },
      body: JSON.stringify({ path: '/solaris', fault: 'drop', count: 100 }),
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ error: { message: expect.stringContaining('web pages') } });
    expect((await call(`${emu.url}/_admin/faults`, { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await call(`${emu.url}/_admin/faults`)).body).toEqual([]);
    // Provider routes answer pages as the providers would (the GiroIdent end-user page posts from a browser).
    expect((await call(`${emu.url}/solaris/api/v1/webhooks`, { headers: { Origin: 'http://evil.example' } })).status).toBe(401);
  });
});

describe('listenHttp', () => {
  it('answers 500 in the provider format when a handler throws, logs it, and keeps serving', async () => {
    const events: EmulatorEvent[] = [];
    const server: ListeningServer = await listenHttp({
      host: '127.0.0.1',
      hostNames: 'loopback',
      port: 0,
      faults: createFaultStore(),
      now: () => Date.UTC(2026, 0, 1),
      log: (e) => events.push(e),
      errorFormats: [{ root: '/finapi', errorFormat: finapiError }],
      services: [
        {
          prefix: '/finapi/access',
          routes: [
            { method: 'GET', path: '/boom', handler: () => Promise.reject(new Error('kaboom')) },
            { method: 'GET', path: '/items/:id', handler: (req) => ({ status: 200, body: { id: req.params.id, q: req.query.get('q') } }) },
          ],
        },
      ],
    });
    open.push(server);
    const res = await call(`${server.url}/finapi/access/boom`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      errors: [{ message: expect.any(String), code: 'UNEXPECTED_ERROR', type: 'TECHNICAL' }],
      date: '2026-01-01T00:00:00.000Z',
      requestId: expect.stringMatching(/^selfgen-/),
      endpoint: 'GET /boom',
      authContext: 'anonymous',
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'error', message: expect.stringContaining('kaboom') }));
    expect((await call(`${server.url}/finapi/access/items/a%20b?q=1`)).body).toEqual({ id: 'a b', q: '1' });
  });
});
