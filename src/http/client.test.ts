import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { MockAgent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CliError, exitCodeFor, NetworkError, UsageError } from '../errors.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './client.js';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

type Handler = (req: IncomingMessage, res: ServerResponse, received: Received) => void;

interface TestServer {
  url: string;
  received: Received[];
  openSockets: Set<Socket>;
  close(): Promise<void>;
}

const servers: TestServer[] = [];
const clients: HttpClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A loopback server (port 0) that records every request, then lets `handler` answer. */
async function serve(handler: Handler, tls?: { key: Buffer; cert: Buffer }): Promise<TestServer> {
  const received: Received[] = [];
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      received.push(entry);
      handler(req, res, entry);
    });
  };
  const server: Server = tls === undefined ? http.createServer(onRequest) : https.createServer(tls, onRequest);
  return listen(server, tls === undefined ? 'http' : 'https', received);
}

async function listen(server: Server, scheme: string, received: Received[] = []): Promise<TestServer> {
  const openSockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle: TestServer = {
    url: `${scheme}://127.0.0.1:${port}`,
    received,
    openSockets,
    close: () =>
      new Promise((resolve) => {
        for (const socket of openSockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(handle);
  return handle;
}

/** Answers from a script: the n-th request gets the n-th entry (the last one repeats). */
function scripted(...answers: { status: number; headers?: Record<string, string | string[]>; body?: string }[]): Handler {
  let n = 0;
  return (_req, res) => {
    const answer = answers[Math.min(n++, answers.length - 1)]!;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? '');
  };
}

/** A port nobody listens on. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function testClient(extra: Partial<HttpClientOptions> = {}): { client: HttpClient; sleeps: number[]; trace: string[] } {
  const sleeps: number[] = [];
  const trace: string[] = [];
  const client = createHttpClient({
    env: {},
    userAgent: 'fintech-cli/0.0.0-test',
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    trace: (line) => trace.push(line),
    ...extra,
  });
  clients.push(client);
  return { client, sleeps, trace };
}

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('retries', () => {
  it('retries a 503 with jittered backoff, then returns the 200', async () => {
    const server = await serve(scripted({ status: 503 }, { status: 200, body: '{"ok":true}' }));
    const { client, sleeps, trace } = testClient();
    const response = await client.send({ method: 'GET', url: `${server.url}/v1/webhooks` });
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(2);
    expect(response.json()).toEqual({ ok: true });
    expect(server.received).toHaveLength(2);
    expect(sleeps).toEqual([125]); // random 0.5 × 250 ms
    expect(trace).toContain('retrying in 125 ms (503, attempt 2 of 4)');
  });

  it('doubles the backoff ceiling per attempt and returns the last answer when retries run out', async () => {
    const server = await serve(scripted({ status: 502, body: 'bad gateway' }));
    const { client, sleeps } = testClient({ maxRetries: 3, random: () => 1 });
    const response = await client.send({ method: 'GET', url: server.url });
    expect(response.status).toBe(502);
    expect(response.text()).toBe('bad gateway');
    expect(response.attempts).toBe(4);
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it('honours Retry-After in seconds on a 429', async () => {
    const server = await serve(scripted({ status: 429, headers: { 'Retry-After': '2' } }, { status: 200 }));
    const { client, sleeps } = testClient();
    const response = await client.send({ method: 'GET', url: server.url });
    expect(response.status).toBe(200);
    expect(sleeps).toEqual([2000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    const retryAt = new Date(now + 5000).toUTCString();
    const server = await serve(scripted({ status: 503, headers: { 'Retry-After': retryAt } }, { status: 200 }));
    const { client, sleeps } = testClient({ now: () => now });
    await client.send({ method: 'GET', url: server.url });
    expect(sleeps).toEqual([5000]);
  });

  it('caps the backoff at maxRetryDelayMs', async () => {
    const server = await serve(scripted({ status: 504 }, { status: 504 }, { status: 200 }));
    const { client, sleeps } = testClient({ maxRetryDelayMs: 300, random: () => 1 });
    const response = await client.send({ method: 'GET', url: server.url });
    expect(response.status).toBe(200);
    expect(sleeps).toEqual([250, 300]); // 250 ms, then 500 ms capped
  });

  it('does not wait a Retry-After longer than what is left of timeoutMs: fails at once, saying what the server asked', async () => {
    const server = await serve(scripted({ status: 429, headers: { 'Retry-After': '99999' } }, { status: 200 }));
    const { client, sleeps } = testClient({ timeoutMs: 5000 });
    const error = await failure(client.send({ method: 'GET', url: `${server.url}/v1/webhooks` }));
    expect([error.code, error.status, exitCodeFor(error)]).toEqual(['retry_after_too_long', 429, 1]);
    expect(error.message).toMatch(/^127\.0\.0\.1:\d+ answered 429 and asked to retry after 99999 s, more than is left of the 5000 ms --timeout$/);
    expect(error.hint).toBe('send it again in 99999 s, or give --timeout more than 99999000 ms to wait for it');
    expect(sleeps).toEqual([]);
    expect(server.received).toHaveLength(1);
  });

  it('maxRetries 0 sends every request once', async () => {
    const server = await serve(scripted({ status: 503 }, { status: 200 }));
    const { client, sleeps } = testClient({ maxRetries: 0 });
    expect((await client.send({ method: 'GET', url: server.url })).status).toBe(503);
    expect([server.received.length, sleeps]).toEqual([1, []]);
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('never sends a %s answered 502 again: one attempt, the answer returned', async (method) => {
    const server = await serve(scripted({ status: 502 }, { status: 200 }));
    const { client, sleeps } = testClient();
    const response = await client.send({ method, url: `${server.url}/business/v2/wallets/internalTransfer/A/B`, body: '{"amount":10}' });
    expect([response.status, response.attempts, server.received.length, sleeps]).toEqual([502, 1, 1, []]);
  });

  it('retries a PUT answered 502 when the caller asks for it (retryUnsafe)', async () => {
    const server = await serve(scripted({ status: 502 }, { status: 200 }));
    const { client } = testClient();
    const response = await client.send({ method: 'PUT', url: server.url, body: '{}', retryUnsafe: true });
    expect([response.status, response.attempts, server.received.length]).toEqual([200, 2, 2]);
  });

  it('does not retry a POST answered 503: the answer is returned after one attempt', async () => {
    const server = await serve(scripted({ status: 503 }));
    const { client, sleeps } = testClient();
    const response = await client.send({ method: 'POST', url: `${server.url}/v1/webhooks`, body: '{}' });
    expect(response.status).toBe(503);
    expect(response.attempts).toBe(1);
    expect(server.received).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a POST marked idempotent (token requests)', async () => {
    const server = await serve(scripted({ status: 503 }, { status: 201 }));
    const { client } = testClient();
    const response = await client.send({ method: 'POST', url: server.url, body: 'grant_type=client_credentials', idempotent: true });
    expect(response.status).toBe(201);
    expect(response.attempts).toBe(2);
  });

  it('does not retry other statuses', async () => {
    const server = await serve(scripted({ status: 500 }));
    const { client } = testClient();
    expect((await client.send({ method: 'GET', url: server.url })).attempts).toBe(1);
  });
});

/** Sends the headers and part of the body, then drops the connection. */
const dropMidResponse: Handler = (_req, res) => {
  res.writeHead(200, { 'content-length': '100' });
  res.write('{"id":');
  setTimeout(() => res.socket?.destroy(), 10);
};

describe('network failures', () => {
  it.each(['POST', 'PUT', 'DELETE'])('says a %s whose connection dropped mid-response may have been carried out, and does not resend it', async (method) => {
    const server = await serve(dropMidResponse);
    const { client, sleeps } = testClient();
    const error = await failure(client.send({ method, url: `${server.url}/v1/webhooks`, body: '{}' }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('connection_reset');
    expect(error.message).toMatch(new RegExp(`^connection to 127\\.0\\.0\\.1:\\d+ closed unexpectedly \\(\\w+\\); the ${method} may have been carried out: check before sending it again$`));
    expect(error.hint).toBe('the server may have received it and acted on it: see whether the change was made (list or get it) before you send it again');
    expect(error.hint).not.toMatch(/try again/);
    expect(server.received).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(exitCodeFor(error)).toBe(5);
  });

  it('resends a PUT whose connection dropped when asked (retryUnsafe), and still says it may have been carried out', async () => {
    const server = await serve(dropMidResponse);
    const { client, sleeps } = testClient({ maxRetries: 2 });
    const error = await failure(client.send({ method: 'PUT', url: server.url, body: '{}', retryUnsafe: true }));
    expect(error.message).toMatch(/\(after 3 attempts\); the PUT may have been carried out: check before sending it again$/);
    expect([server.received.length, sleeps.length]).toEqual([3, 2]);
  });

  it('retries a GET whose connection dropped mid-response', async () => {
    let first = true;
    const server = await serve((req, res, received) => {
      if (first) {
        first = false;
        dropMidResponse(req, res, received);
      } else {
        res.end('[]');
      }
    });
    const { client } = testClient();
    const response = await client.send({ method: 'GET', url: server.url });
    expect(response.text()).toBe('[]');
    expect(response.attempts).toBe(2);
  });

  it('turns a refused connection into NetworkError connection_refused after the retries', async () => {
    const port = await freePort();
    const { client, sleeps, trace } = testClient();
    const error = await failure(client.send({ method: 'GET', url: `http://127.0.0.1:${port}/v1/webhooks` }));
    expect(error.code).toBe('connection_refused');
    expect(error.message).toBe(`connection refused by 127.0.0.1:${port} (after 4 attempts)`);
    expect(error.hint).toContain('fintech-cli emulator');
    expect(sleeps).toHaveLength(3);
    expect(trace.filter((line) => /^< connection_refused: ECONNREFUSED \(\d+ ms\)$/.test(line))).toHaveLength(4);
  });

  it('retries a refused POST too: nothing was sent', async () => {
    const port = await freePort();
    const { client, sleeps } = testClient({ maxRetries: 1 });
    const error = await failure(client.send({ method: 'POST', url: `http://127.0.0.1:${port}/`, body: '{}' }));
    expect(error.code).toBe('connection_refused');
    expect(error.message).not.toContain('may have been carried out');
    expect(sleeps).toHaveLength(1);
  });

  it('gives up on a hanging server within timeoutMs with code timeout (exit 5)', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const { client } = testClient({ timeoutMs: 300, maxRetries: 0 });
    const started = Date.now();
    const error = await failure(client.send({ method: 'GET', url: server.url }));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(`no answer from ${server.url.slice('http://'.length)} within 300 ms`);
    expect(error.hint).toContain('--timeout');
    expect(exitCodeFor(error)).toBe(5);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(800);
  });

  it('says a timed-out POST may have been carried out', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const { client } = testClient({ timeoutMs: 200 });
    const error = await failure(client.send({ method: 'POST', url: server.url, body: '{}' }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('may have been carried out');
    expect(server.received).toHaveLength(1);
  });

  it.each([
    ['ENOTFOUND', 0],
    ['EAI_AGAIN', 3],
  ])('reports a DNS failure (%s) as code dns, retrying only the temporary one', async (code, retries) => {
    // A MockAgent stands in for the resolver: tests never depend on real DNS.
    const agent = new MockAgent();
    agent.disableNetConnect();
    const dnsError = Object.assign(new Error(`getaddrinfo ${code} api.example.test`), { code });
    agent.get('https://api.example.test').intercept({ path: '/' }).replyWithError(dnsError).times(4);
    const { client, sleeps } = testClient({ dispatcher: agent });
    const error = await failure(client.send({ method: 'GET', url: 'https://api.example.test/' }));
    expect(error.code).toBe('dns');
    expect(error.message).toContain('cannot resolve api.example.test');
    expect(sleeps).toHaveLength(retries);
    await agent.close();
  });

  it.each([
    ['a header value beyond Latin-1', { 'X-Note': 'Überweisung €' }, /^the PUT to 127\.0\.0\.1:\d+ was not sent: invalid X-Note header$/],
    ['a Content-Length that is not the body\'s', { 'Content-Length': '3' }, /^the PUT to 127\.0\.0\.1:\d+ was not sent: .*content-length/],
  ])('reports a request undici refuses before sending it (%s) as not sent (exit 2), never as maybe carried out', async (_what, headers, message) => {
    const server = await serve(scripted({ status: 200 }));
    const { client, sleeps } = testClient();
    const error = await failure(client.send({ method: 'PUT', url: `${server.url}/transfers`, headers, body: '{"a":1}' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(exitCodeFor(error)).toBe(2);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('may have been carried out');
    expect(error.hint).toMatch(/^nothing reached the server/);
    expect([server.received.length, sleeps.length]).toEqual([0, 0]);
  });

  it('rejects a URL that is not http(s) as a usage error', async () => {
    const { client } = testClient();
    const error = await failure(client.send({ method: 'GET', url: 'ftp://example.com/' }));
    expect(error).toBeInstanceOf(UsageError);
  });
});

describe('one deadline for the whole command (timeoutMs)', () => {
  const hang: Handler = () => {
    /* never answers */
  };

  it('bounds all the attempts together: a hanging server fails after timeoutMs, not after every attempt\'s', async () => {
    const server = await serve(hang);
    const { client } = testClient({ timeoutMs: 400, maxRetries: 3 });
    const started = Date.now();
    const error = await failure(client.send({ method: 'GET', url: server.url }));
    expect([error.code, exitCodeFor(error)]).toEqual(['timeout', 5]);
    expect(Date.now() - started).toBeLessThan(1000); // four attempts of 400 ms each would take 1.6 s
  });

  it('gives a later request only what the earlier ones left, and none once it is spent', async () => {
    const server = await serve((_req, res) => setTimeout(() => res.end('ok'), 250));
    const { client } = testClient({ timeoutMs: 400, maxRetries: 0 });
    expect((await client.send({ method: 'GET', url: server.url })).text()).toBe('ok');
    const started = Date.now();
    const error = await failure(client.send({ method: 'GET', url: server.url }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const spent = await failure(client.send({ method: 'GET', url: server.url }));
    expect([spent.code, spent.message]).toEqual(['timeout', `the 400 ms --timeout ran out before the GET to ${server.url.slice('http://'.length)} could be sent`]);
    expect(server.received).toHaveLength(2);
  });

  it('gives a request marked ownDeadline (a listener forwarding, a delivery loop) the whole timeoutMs', async () => {
    const server = await serve((_req, res) => setTimeout(() => res.end('ok'), 250));
    const { client } = testClient({ timeoutMs: 400, maxRetries: 0 });
    for (let i = 0; i < 3; i++) expect((await client.send({ method: 'POST', url: server.url, ownDeadline: true })).text()).toBe('ok');
  });
});

describe('answer size', () => {
  /** Streams 64 kB chunks until the client hangs up, or 10 s / 512 MB pass (a bound if the client never does). */
  async function endless(headers: Record<string, string> = {}): Promise<TestServer & { closed: Promise<number> }> {
    let sent = 0;
    let resolveClosed: (bytes: number) => void = () => {};
    const closed = new Promise<number>((resolve) => (resolveClosed = resolve));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
      const stopAt = Date.now() + 10_000;
      const pump = () => {
        while (!res.destroyed && sent < 512 * 1024 * 1024 && Date.now() < stopAt) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => resolveClosed(sent));
      pump();
    });
    return { ...server, closed };
  }

  it('stops reading an endless body past the cap (1 MB by default) and hangs up: exit 1, in moments, in little memory', async () => {
    const server = await endless();
    const { client, sleeps } = testClient();
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const error = await failure(client.send({ method: 'GET', url: `${server.url}/v1/webhooks` }));
    expect([error.code, error.status, exitCodeFor(error)]).toEqual(['response_too_large', 200, 1]);
    expect(error.message).toMatch(/^127\.0\.0\.1:\d+ answered 200 with a body larger than 1 MB; stopped reading it$/);
    expect(error.hint).toContain('check the URL');
    const sent = await server.closed;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sent).toBeLessThan(64 * 1024 * 1024); // the server saw the connection close long before its own bound
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(sleeps).toEqual([]);
  });

  it('takes a larger cap per request (request --max-body), and names the flag when that is passed too', async () => {
    const server = await serve(scripted({ status: 200, body: 'x'.repeat(3000) }));
    const { client } = testClient({ maxBodyBytes: 1000 });
    expect((await client.send({ method: 'GET', url: server.url, maxBodyBytes: 3000 })).body).toHaveLength(3000);
    const error = await failure(client.send({ method: 'GET', url: server.url, maxBodyBytes: 2048 }));
    expect(error.message).toMatch(/with a body larger than 2 kB; stopped reading it$/);
    expect(error.hint).toContain('--max-body');
  });

  it('refuses at once an answer whose Content-Length is over the cap', async () => {
    const server = await endless({ 'Content-Length': String(5 * 1024 * 1024 * 1024) });
    const { client } = testClient();
    const error = await failure(client.send({ method: 'GET', url: server.url }));
    expect(error.code).toBe('response_too_large');
    expect(await server.closed).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('cancellation', () => {
  it('aborts an in-flight request with CliError interrupted (exit 130)', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const controller = new AbortController();
    const { client } = testClient({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(client.send({ method: 'GET', url: server.url }));
    expect(error.kind).toBe('interrupted');
    expect(exitCodeFor(error)).toBe(130);
  });

  it('says a PUT interrupted in flight may have been carried out (exit 130), and a GET or an unsent PUT only that it was interrupted', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const host = server.url.slice('http://'.length);
    const interruptedSend = async (method: string, abortAfterMs: number) => {
      const controller = new AbortController();
      const { client } = testClient({ signal: controller.signal });
      if (abortAfterMs === 0) controller.abort();
      else setTimeout(() => controller.abort(), abortAfterMs);
      return failure(client.send({ method, url: `${server.url}/transfers`, body: method === 'GET' ? undefined : '{"amount":10}' }));
    };
    const put = await interruptedSend('PUT', 100);
    expect([put.kind, exitCodeFor(put), put.message]).toEqual([
      'interrupted',
      130,
      `interrupted while talking to ${host}; the PUT may have been carried out: check before sending it again`,
    ]);
    expect(server.received.map((r) => r.method)).toEqual(['PUT']);
    expect((await interruptedSend('GET', 100)).message).toBe(`interrupted while talking to ${host}`);
    expect((await interruptedSend('PUT', 0)).message).toBe(`interrupted while talking to ${host}`);
    expect(server.received.map((r) => r.method)).toEqual(['PUT', 'GET']);
  });

  it('says a PUT resent with retryUnsafe and interrupted in the pause may have been carried out', async () => {
    const server = await serve(scripted({ status: 502 }));
    const controller = new AbortController();
    const { client } = testClient({
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
        throw new DOMException('aborted', 'AbortError');
      },
    });
    const error = await failure(client.send({ method: 'PUT', url: server.url, body: '{}', retryUnsafe: true }));
    expect(error.message).toMatch(/^interrupted while talking to 127\.0\.0\.1:\d+; the PUT may have been carried out: check before sending it again$/);
    expect(server.received).toHaveLength(1);
  });

  it('aborts the wait between retries (with the real sleep)', async () => {
    const server = await serve(scripted({ status: 503, headers: { 'Retry-After': '10' } }));
    const controller = new AbortController();
    const client = createHttpClient({ env: {}, userAgent: 't', signal: controller.signal });
    clients.push(client);
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failure(client.send({ method: 'GET', url: server.url }));
    expect(error.kind).toBe('interrupted');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('what goes on the wire', () => {
  it('sends the body bytes and the Content-Type exactly as given, with a User-Agent', async () => {
    const server = await serve(scripted({ status: 201 }));
    const { client } = testClient();
    const binary = new Uint8Array([0xff, 0x00, 0xfe, 0x41]);
    await client.send({
      method: 'POST',
      url: `${server.url}/oauth2/token`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=partners',
    });
    await client.send({ method: 'PUT', url: server.url, headers: { 'user-agent': 'custom/1' }, body: binary });
    const [form, bytes] = server.received;
    expect(form!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form!.headers['user-agent']).toBe('fintech-cli/0.0.0-test');
    expect(form!.body.toString()).toBe('grant_type=client_credentials&scope=partners');
    expect(bytes!.headers['user-agent']).toBe('custom/1');
    expect(bytes!.headers['content-type']).toBeUndefined();
    expect([...bytes!.body]).toEqual([...binary]);
  });

  it('builds the Basic header from basicAuth, replacing any Authorization the caller set', async () => {
    const server = await serve(scripted({ status: 200 }));
    const { client } = testClient();
    await client.send({
      method: 'POST',
      url: server.url,
      headers: { Authorization: 'Bearer old' },
      basicAuth: { username: 'client-id', password: 'pa:ss' },
    });
    const header = server.received[0]!.headers.authorization!;
    expect(Buffer.from(header.replace(/^Basic /, ''), 'base64').toString()).toBe('client-id:pa:ss');
  });

  it('returns lower-case headers with repeated ones joined, and a typed error for a non-JSON body', async () => {
    const server = await serve(scripted({ status: 200, headers: { 'Set-Cookie': ['a=1', 'b=2'], 'X-Request-Id': 'r1' }, body: '<html>' }));
    const { client } = testClient();
    const response = await client.send({ method: 'GET', url: server.url });
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
    expect(response.headers['x-request-id']).toBe('r1');
    expect(response.url).toBe(server.url);
    expect(() => response.json()).toThrow(/answered 200 with a body that is not JSON \(6 bytes\)$/);
    expect(() => response.json()).toThrow(expect.objectContaining({ code: 'invalid_response', hint: 'Run again with --verbose to see the answer as received.' }));
  });

  it('uses the dispatcher it is given (MockAgent)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://api.solaris-sandbox.de')
      .intercept({ path: '/v1/webhooks', method: 'GET', headers: { 'user-agent': 'fintech-cli/0.0.0-test' } })
      .reply(200, [{ id: 'w1' }]);
    const { client } = testClient({ dispatcher: agent });
    const response = await client.send({ method: 'GET', url: 'https://api.solaris-sandbox.de/v1/webhooks' });
    expect(response.json()).toEqual([{ id: 'w1' }]);
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('close() closes the keep-alive connections it opened', async () => {
    const server = await serve(scripted({ status: 200 }));
    const client = createHttpClient({ env: {}, userAgent: 't' });
    await client.send({ method: 'GET', url: server.url });
    expect(server.openSockets.size).toBe(1);
    await client.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.openSockets.size).toBe(0);
  });
});

describe('--verbose trace', () => {
  it('shows method, URL, status, headers and bodies with every secret redacted, remembering secrets across requests', async () => {
    const secrets = {
      clientSecret: 'cs-0123456789abcdef',
      basicPassword: 'bp-fedcba9876543210',
      bearer: 'eyJhbGciOiJSUzI1NiJ9.bearer-token.sig',
      webhookSecret: 'wh-secret-5566778899',
      fingerprint: 'f'.repeat(64),
      signature: 'U2lnbmF0dXJlQmFzZTY0PT0=',
      accessToken: 'at-returned-112233445566',
      refreshToken: 'rt-returned-665544332211',
      cookie: 'cookie-value-998877',
    };
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': `session=${secrets.cookie}` });
      res.end(JSON.stringify({ access_token: secrets.accessToken, refresh_token: secrets.refreshToken, note: `echo ${secrets.clientSecret}` }));
    });
    const { client, trace } = testClient();
    await client.send({
      method: 'POST',
      url: `${server.url}/oauth2/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=the-id&client_secret=${secrets.clientSecret}`,
      basicAuth: { username: 'the-id', password: secrets.basicPassword },
      secrets: [{ value: secrets.clientSecret, envVar: 'FINTECH_CLI_FINAPI_CLIENT_SECRET' }],
      idempotent: true,
    });
    await client.send({
      method: 'POST',
      url: `${server.url}/v1/webhooks`,
      headers: {
        authorization: `Bearer ${secrets.bearer}`,
        'content-type': 'application/json',
        'X-Soldo-Fingerprint': secrets.fingerprint,
        'X-Soldo-Fingerprint-Signature': secrets.signature,
      },
      body: JSON.stringify({ event_type: 'BOOKING', nested: { secret: secrets.webhookSecret } }),
    });
    const all = trace.join('\n');
    for (const [name, value] of Object.entries(secrets)) expect(all, name).not.toContain(value);
    expect(all).not.toContain(Buffer.from(`the-id:${secrets.basicPassword}`).toString('base64'));
    expect(trace).toContain(`> POST ${server.url}/oauth2/token`);
    expect(trace).toContain(`> POST ${server.url}/v1/webhooks`);
    expect(trace.filter((line) => /^< 200 \(\d+ ms\)$/.test(line))).toHaveLength(2);
    expect(trace).toContain('> authorization: Basic [REDACTED]');
    expect(trace).toContain('> authorization: Bearer [REDACTED]');
    expect(trace).toContain('> X-Soldo-Fingerprint-Signature: [REDACTED]');
    expect(trace).toContain('grant_type=client_credentials&client_id=the-id&client_secret=[REDACTED]');
    expect(trace).toContain('{"event_type":"BOOKING","nested":{"secret":"[REDACTED]"}}');
    expect(trace).toContain('> user-agent: fintech-cli/0.0.0-test');
  });

  it('truncates long bodies and describes binary ones', async () => {
    const server = await serve(scripted({ status: 200, body: 'x'.repeat(10_000) }));
    const { client, trace } = testClient();
    await client.send({ method: 'PUT', url: server.url, body: new Uint8Array([0xff, 0xfe]) });
    expect(trace).toContain('[2 bytes of binary data]');
    const body = trace.find((line) => line.startsWith('xxx'))!;
    expect(body).toBe(`${'x'.repeat(4096)}… [5904 more characters]`);
  });
});

describe('proxies and TLS', () => {
  let dir: string;
  let tls: { key: Buffer; cert: Buffer };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fintech-cli-http-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A forward proxy: absolute-URI requests for http://, CONNECT tunnels for https://. Records each. */
  async function startProxy(): Promise<TestServer & { seen: string[] }> {
    const seen: string[] = [];
    const proxy = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const upstream = http.request(req.url!, { method: req.method, headers: req.headers, agent: false }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      seen.push(`CONNECT ${req.url}`);
      const [host, port] = req.url!.split(':');
      const upstream = net.connect(Number(port), host!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    return { ...(await listen(proxy, 'http')), seen };
  }

  it('sends http:// requests through HTTP_PROXY as absolute-URI requests', async () => {
    const target = await serve(scripted({ status: 200, body: 'via proxy' }));
    const proxy = await startProxy();
    const { client } = testClient({ env: { HTTP_PROXY: proxy.url } });
    const response = await client.send({ method: 'GET', url: `${target.url}/v1/webhooks?page[number]=1` });
    expect(response.text()).toBe('via proxy');
    expect(proxy.seen).toEqual([`GET ${target.url}/v1/webhooks?page[number]=1`]);
    expect(target.received[0]!.url).toBe('/v1/webhooks?page[number]=1');
  });

  it('accepts a proxy without a scheme (http_proxy=host:port) and prefers the lower-case variable', async () => {
    const target = await serve(scripted({ status: 200 }));
    const proxy = await startProxy();
    const { client } = testClient({ env: { http_proxy: proxy.url.slice('http://'.length), HTTP_PROXY: 'http://127.0.0.1:1' } });
    await client.send({ method: 'GET', url: target.url });
    expect(proxy.seen).toHaveLength(1);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const target = await serve(scripted({ status: 200 }));
    const proxy = await startProxy();
    const { client } = testClient({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'example.com,127.0.0.1' } });
    await client.send({ method: 'GET', url: target.url });
    expect(proxy.seen).toEqual([]);
    expect(target.received).toHaveLength(1);
  });

  it('rejects an unparsable proxy variable as a usage error', async () => {
    const { client } = testClient({ env: { HTTPS_PROXY: 'http://bad host:80' } });
    const error = await failure(client.send({ method: 'GET', url: 'https://example.com/' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('HTTPS_PROXY is not a valid proxy URL');
  });

  it('reports an untrusted certificate as code tls, naming NODE_EXTRA_CA_CERTS, without retrying', async () => {
    const target = await serve(scripted({ status: 200 }), tls);
    const { client, sleeps } = testClient();
    const error = await failure(client.send({ method: 'GET', url: target.url }));
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(notTrusted(target.url, 'self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'));
    expect(error.hint).toContain('NODE_EXTRA_CA_CERTS');
    expect(sleeps).toEqual([]);
  });

  it('reports a certificate from an unknown CA as not trusted, naming NODE_EXTRA_CA_CERTS (not "check your network")', async () => {
    // A leaf signed by a CA made here, served without its chain: OpenSSL's UNABLE_TO_VERIFY_LEAF_SIGNATURE. No CA made
    // here is in any store this process reads (NODE_EXTRA_CA_CERTS included), so the result does not depend on it.
    const file = (name: string) => join(dir, name);
    const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Test Private CA', '-keyout', file('ca-key.pem'), '-out', file('ca.pem'));
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', file('leaf-key.pem'), '-out', file('leaf.csr'));
    writeFileSync(file('leaf.ext'), 'subjectAltName=IP:127.0.0.1\n');
    openssl('x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca-key.pem'), '-CAcreateserial', '-days', '1', '-extfile', file('leaf.ext'), '-out', file('leaf.pem'));
    const target = await serve(scripted({ status: 200 }), { key: readFileSync(file('leaf-key.pem')), cert: readFileSync(file('leaf.pem')) });
    const { client, sleeps } = testClient();
    const error = await failure(client.send({ method: 'GET', url: target.url }));
    expect([error.code, exitCodeFor(error)]).toEqual(['tls', 5]);
    expect(error.message).toMatch(notTrusted(target.url, 'unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'));
    expect(error.hint).toContain('NODE_EXTRA_CA_CERTS');
    expect(error.hint).not.toContain('network');
    expect(sleeps).toEqual([]);
  });

  it('tunnels https:// requests through HTTPS_PROXY with CONNECT', async () => {
    const target = await serve(scripted({ status: 200 }), tls);
    const proxy = await startProxy();
    const { client } = testClient({ env: { HTTPS_PROXY: proxy.url } });
    // The certificate is not trusted in this process: the tunnel is made, then TLS fails inside it.
    const error = await failure(client.send({ method: 'GET', url: `${target.url}/v1/webhooks` }));
    expect(error.code).toBe('tls');
    expect(proxy.seen).toEqual([`CONNECT ${target.url.slice('https://'.length)}`]);
  });

  it('trusts a CA from NODE_EXTRA_CA_CERTS (read at process start), directly and through a CONNECT proxy', async () => {
    // NODE_EXTRA_CA_CERTS is read once when Node starts, so the client runs in a child process.
    await build({
      entryPoints: [fileURLToPath(new URL('client.ts', import.meta.url))],
      outfile: join(dir, 'client.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
    });
    writeFileSync(
      join(dir, 'fetch.mjs'),
      `import { createHttpClient } from './client.mjs';
const [url, proxy] = process.argv.slice(2);
const client = createHttpClient({ env: proxy ? { HTTPS_PROXY: proxy } : {}, userAgent: 't', maxRetries: 0, timeoutMs: 5000 });
try {
  const response = await client.send({ method: 'GET', url });
  console.log(JSON.stringify({ status: response.status, body: response.text() }));
} catch (error) {
  console.log(JSON.stringify({ error: error.code }));
} finally {
  await client.close();
}`,
    );
    const target = await serve(scripted({ status: 200, body: 'trusted' }), tls);
    const proxy = await startProxy();
    const run = async (extraEnv: Record<string, string>, ...args: string[]): Promise<unknown> => {
      const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'fetch.mjs'), ...args], {
        env: { PATH: process.env['PATH'], ...extraEnv },
      });
      return JSON.parse(stdout);
    };
    const ca = { NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') };
    expect(await run({}, target.url)).toEqual({ error: 'tls' });
    expect(await run(ca, target.url)).toEqual({ status: 200, body: 'trusted' });
    expect(await run(ca, target.url, proxy.url)).toEqual({ status: 200, body: 'trusted' });
    expect(proxy.seen).toEqual([`CONNECT ${target.url.slice('https://'.length)}`]);
  });
});

/** Node 24 adds its own advice after the reason (`; if the root CA is installed locally, try … --use-system-ca`). */
function notTrusted(url: string, reason: string, code: string): RegExp {
  const host = url.slice('https://'.length).replaceAll('.', '\\.');
  return new RegExp(`^the certificate of ${host} is not trusted: ${reason}(; [^()]+)? \\(${code}\\)$`);
}
