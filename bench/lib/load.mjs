// A small load generator for loopback only: `connections` keep-alive connections, each sending signed Solaris
// notifications one after the other until the time is up (and never more than `maxRequests` in all). It counts the
// answers 200: notifications the receiver verified and accepted.
import { createHmac, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';

/** A notification as Solaris sends it: a JSON body, its HMAC-SHA256 signature and the Solaris headers. */
export function notification(secret, index) {
  const body = JSON.stringify({
    id: randomUUID(),
    person_id: 'd0a1ec3cc5bbd12d6fdd26bb9d7af7d0cper',
    account_id: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6cacc',
    status: 'BOOKED',
    amount: { value: 1050 + index, unit: 'cents', currency: 'EUR' },
    description: 'Benchmark notification',
    created_at: '2026-11-25T12:00:00Z',
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'solaris-webhook-event-type': 'BOOKING',
      'solaris-webhook-id': randomUUID(),
      'solaris-webhook-subscription-id': 'bench-subscription',
      'solaris-webhook-attempt': '1',
      'solaris-entity-id': 'bench-entity',
      'solaris-webhook-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
  };
}

/** Sends notifications to `url` (loopback) for `seconds`; returns { accepted, other, seconds, perSecond }. */
export async function load(url, { secret, seconds, connections = 8, maxRequests = 2_000_000 }) {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error(`load is for loopback only, not ${target.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const samples = Array.from({ length: 64 }, (_, i) => notification(secret, i));
  let sent = 0;
  let accepted = 0;
  let other = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  const one = (sample) =>
    new Promise((resolve, reject) => {
      const req = request(target, { method: 'POST', path: target.pathname, headers: sample.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end(sample.body);
    });
  const worker = async () => {
    while (process.hrtime.bigint() < deadline && sent < maxRequests) {
      const status = await one(samples[sent++ % samples.length]);
      if (status === 200) accepted++;
      else other++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { accepted, other, seconds: elapsed, perSecond: accepted / elapsed };
}
