import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../core/webhook-signature.js';
import { type ConnectionLimits, type ListenerEvent, type ListenerOptions, type RunningListener, startListener } from './listener.js';

/**
 * The listener's defence against slow senders (slowloris), on loopback with small limits: connections that never
 * finish their headers, or send nothing at all, are answered and destroyed in bounded time, at most `maxConnections`
 * are open at once (the oldest slow one closed for each new one), and a real delivery is answered while they hang.
 */

const SECRET = 'slow-secret';
const BODY = '{"id":"booking-1"}';
const running: RunningListener[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(running.splice(0).map((listener) => listener.close()));
});

async function listener(limits: Partial<ConnectionLimits>, forward?: ListenerOptions['forward']) {
  const events: ListenerEvent[] = [];
  const started = await startListener({
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 4096,
    secretFor: async () => SECRET,
    forward,
    limits,
    now: () => Date.UTC(2026, 10, 25),
    onEvent: (event) => events.push(event),
  });
  running.push(started);
  return { port: Number(new URL(started.url).port), events };
}

/**
 * A sender that keeps its side open whatever the listener does (allowHalfOpen) and trickles a byte every 200 ms, so no
 * idle timer fires: a slowloris when it starts with part of a header, an idle connection when it starts with nothing
 * (it trickles only once the listener has half-closed). Only a listener that really destroys the socket ends it: the
 * trickle then meets a reset.
 */
function slowSender(port: number, firstBytes: string): { closed: Promise<void>; isClosed: () => boolean } {
  let trickle: NodeJS.Timeout | undefined;
  const startTrickle = () => (trickle ??= setInterval(() => socket.write('x'), 200));
  const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => {
    if (firstBytes === '') return;
    socket.write(firstBytes);
    startTrickle();
  });
  sockets.push(socket);
  let closed = false;
  socket.on('data', () => undefined);
  socket.on('end', startTrickle);
  socket.on('error', () => undefined);
  return {
    isClosed: () => closed,
    closed: new Promise((resolve) =>
      socket.on('close', () => {
        clearInterval(trickle);
        closed = true;
        resolve();
      }),
    ),
  };
}

/** A signed notification on a fresh connection; the status line, or '' when the connection was closed unanswered. */
function deliver(port: number): Promise<string> {
  const head = `POST /solaris HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nSolaris-Webhook-Event-Type: BOOKING\r\nSolaris-Webhook-Signature: ${signWebhookBody(SECRET, BODY)}\r\n`;
  return new Promise((resolve) => {
    // Written, not ended: like any HTTP client, it keeps its side open until the answer (Node drops a half-closed one).
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${head}Content-Length: ${BODY.length}\r\nConnection: close\r\n\r\n${BODY}`));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
  });
}

async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);

describe('webhooks listen against slow senders', () => {
  it('answers a real delivery while 250 senders hang mid-header, then destroys them (and idle ones) in bounded time', async () => {
    const { port, events } = await listener({ headersTimeoutMs: 3000, requestTimeoutMs: 3000, idleTimeoutMs: 3000, checkIntervalMs: 100 });
    const slow = Array.from({ length: 250 }, (_, i) => slowSender(port, `POST /solaris HTTP/1.1\r\nHost: x\r\nX-Slow-${i}: `));
    const idle = Array.from({ length: 20 }, () => slowSender(port, ''));
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(await within(deliver(port), 2500, 'the real delivery')).toBe('HTTP/1.1 200 OK');
    // Answered while every slow sender still held its connection, not because one was cut off.
    expect([...slow, ...idle].filter((s) => s.isClosed())).toHaveLength(0);

    await within(Promise.all([...slow, ...idle].map((s) => s.closed)), 8000, 'every slow connection destroyed');
    const timedOut = events.filter((e) => e.type === 'rejected' && e.status === 408);
    expect(timedOut).toHaveLength(250);
    expect(timedOut[0]).toMatchObject({ reason: 'the request did not arrive within 3000 ms' });
    expect(await deliver(port)).toBe('HTTP/1.1 200 OK');
  }, 20_000);

  it('at maxConnections, closes the oldest slow connection for each new one, warns once, and serves again once the slow ones are cut off', async () => {
    const { port, events } = await listener({ headersTimeoutMs: 1500, requestTimeoutMs: 1500, checkIntervalMs: 50, maxConnections: 20 });
    const slow = Array.from({ length: 20 }, () => slowSender(port, 'POST / HTTP/1.1\r\nHost: x\r\n'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Full: each new connection is served, the oldest slow one closed to make room, with one warning for the lot.
    expect(await Promise.all([deliver(port), deliver(port), deliver(port)])).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    // One slow connection closed for each delivery that found the listener full (one to three, as they overlap).
    await within(waitUntil(() => slow.some((s) => s.isClosed())), 2000, 'a slow connection closed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slow.filter((s) => s.isClosed()).length).toBeLessThanOrEqual(3);
    expect(events.filter((e) => e.type === 'warning')).toEqual([
      expect.objectContaining({ message: '20 connections are open: the oldest one not being answered is closed for each new one' }),
    ]);

    await within(Promise.all(slow.map((s) => s.closed)), 4000, 'the slow connections destroyed');
    expect(await deliver(port)).toBe('HTTP/1.1 200 OK');
  }, 10_000);

  it('answers a real delivery promptly while slow senders trickling bodies keep reconnecting to hold every slot', async () => {
    // Default timeouts: only making room for new connections frees a slot here.
    const { port, events } = await listener({ maxConnections: 20 });
    const senders: ReturnType<typeof slowSender>[] = [];
    let attacking = true;
    // 40 senders, each reconnecting as soon as it is closed; bounded by count and by the end of the test.
    const attack = () => {
      if (!attacking || senders.length >= 400) return;
      const sender = slowSender(port, 'POST /solaris HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n');
      senders.push(sender);
      void sender.closed.then(attack);
    };
    for (let i = 0; i < 40; i++) attack();
    await new Promise((resolve) => setTimeout(resolve, 1000));

    expect(await within(deliver(port), 1000, 'the real delivery')).toBe('HTTP/1.1 200 OK');
    await new Promise((resolve) => setTimeout(resolve, 300));
    attacking = false;
    // The attack went on around the delivery: closed senders came back.
    expect(senders.length).toBeGreaterThan(60);
    // A sender notices it was closed at its next byte (up to 200 ms, then the reset): by then at most 20 are left.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(senders.filter((s) => !s.isClosed()).length).toBeLessThanOrEqual(20);
    expect(events.filter((e) => e.type === 'warning')).toHaveLength(1);
  }, 10_000);

  it('never closes a connection to make room while its notification is being forwarded', async () => {
    // The app takes 800 ms to answer, while 10 slow senders arrive at a listener that holds 3 connections.
    const app = { url: 'http://app.invalid/hooks', send: () => new Promise<number>((resolve) => setTimeout(() => resolve(202), 800)) };
    const { port } = await listener({ maxConnections: 3 }, app);
    const forwarded = deliver(port);
    await new Promise((resolve) => setTimeout(resolve, 100));
    Array.from({ length: 10 }, () => slowSender(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n'));
    expect(await within(forwarded, 2000, 'the forwarded delivery')).toBe('HTTP/1.1 202 Accepted');
  }, 10_000);
});
