import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postOnce } from './outbound.js';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(handler: http.RequestListener): Promise<URL> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
}

const options = () => ({ timeoutMs: 5000, signal: new AbortController().signal });

describe('postOnce', () => {
  it('sends the exact bytes and headers, and answers the status', async () => {
    let received: { body: string; type: string | undefined } | undefined;
    const url = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received = { body: Buffer.concat(chunks).toString(), type: req.headers['content-type'] };
        res.writeHead(202).end('thanks');
      });
    });
    expect(await postOnce(url, Buffer.from('{"a":1}'), { 'Content-Type': 'application/json' }, options())).toEqual({ status: 202 });
    expect(received).toEqual({ body: '{"a":1}', type: 'application/json' });
  });

  it('ends the connection when an answer never stops sending its body', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const url = await listen((req, res) => {
      req.resume();
      res.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const timer = setInterval(() => res.write(chunk), 1);
      res.on('close', () => {
        clearInterval(timer);
        closed();
      });
    });
    expect(await postOnce(url, Buffer.from('{}'), {}, options())).toEqual({ status: 200 });
    await connectionClosed;
  });

  it('reports a refused connection instead of throwing', async () => {
    const url = await listen(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await postOnce(url, Buffer.from('{}'), {}, options())).toEqual({ error: expect.stringContaining('ECONNREFUSED') });
  });
});
