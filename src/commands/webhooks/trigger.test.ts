import { createHmac } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempConfig, type RunOptions } from '../../../test/helpers/run-cli.js';
import { startEmulator } from '../../emulator/server.js';
import { startReceiver } from '../../../test/helpers/receiver.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
const closers: (() => Promise<unknown>)[] = [];
beforeEach(async () => {
  config = await tempConfig();
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await config.cleanup();
});

const SECRET = 'trigger-secret';
const run = (argv: string[], options: RunOptions = {}) =>
  runCli(['webhooks', 'trigger', ...argv], { ...options, env: { ...config.env, FINTECH_CLI_WEBHOOK_SECRET: SECRET, ...options.env } });

/** A receiver answering `statuses` in turn, closed after the test. */
async function receiver(...statuses: number[]) {
  const started = await startReceiver(...statuses);
  closers.push(started.close);
  return started;
}

describe('webhooks trigger --to', () => {
  it('sends a signed sample with every Solaris header', async () => {
    const target = await receiver(200);
    const result = await run(['ACCOUNT_BLOCK', '--to', target.url, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const [{ headers, body }] = target.seen as [{ headers: IncomingHttpHeaders; body: string }];
    expect(JSON.parse(body)).toMatchObject({ locking_status: 'BLOCK', iban: 'DE89370400440532013000', updated_at: '2026-11-25T12:00:00.000Z' });
    expect(headers['solaris-webhook-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
    expect(headers).toMatchObject({ 'content-type': 'application/json', 'solaris-webhook-attempt': '1', 'solaris-webhook-event-type': 'ACCOUNT_BLOCK' });
    const doc = JSON.parse(result.stdout);
    expect(headers['solaris-entity-id']).toBe(doc.entity_id);
    expect(JSON.parse(body).account_id).toBe(doc.entity_id);
    expect(doc.deliveries).toEqual([
      {
        notification_id: headers['solaris-webhook-id'],
        subscription_id: headers['solaris-webhook-subscription-id'],
        url: target.url,
        outcome: 'delivered',
        attempts: [{ notification_id: headers['solaris-webhook-id'], attempt: 1, status: 200, outcome: 'delivered', at: '2026-11-25T12:00:00.000Z' }],
      },
    ]);
  });

  it('retries on anything but 2xx, 410 and 422, counting the attempt header up', async () => {
    const target = await receiver(500, 503, 204);
    const result = await run(['BOOKING', '--to', target.url, '--retry-interval', '1', '--max-attempts', '5']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^BOOKING → http:\/\/127\.0\.0\.1:\d+\/solaris {2}\(notification [0-9a-f-]{36}\)$/);
    expect(lines.slice(1)).toEqual(['  attempt 1 → 500: retrying in 1 ms', '  attempt 2 → 503: retrying in 2 ms', '  attempt 3 → 204: delivered', '']);
    expect(target.seen.map((s) => s.headers['solaris-webhook-attempt'])).toEqual(['1', '2', '3']);
    // The same notification each time: same id, same bytes, same signature.
    expect(new Set(target.seen.map((s) => `${s.headers['solaris-webhook-id']} ${s.body} ${s.headers['solaris-webhook-signature']}`)).size).toBe(1);
  });

  it.each([
    [410, 'answered 410: Solaris would cancel the subscription and send it nothing more.', '410: Solaris would cancel the subscription'],
    [422, 'answered 422: Solaris treats the notification as rejected and does not retry it.', '422: rejected, Solaris does not retry it'],
  ])('stops at %i and exits 1', async (status, message, line) => {
    const target = await receiver(status);
    const result = await run(['IDENTIFICATION', '--to', target.url, '--retry-interval', '1']);
    expect(result.code).toBe(1);
    expect(target.seen).toHaveLength(1);
    expect(result.stdout).toContain(`  attempt 1 → ${line}\n`);
    expect(result.stderr).toBe(`error: ${target.url} ${message}\n`);
  });

  it('exits 1 when the endpoint never accepts it', async () => {
    const target = await receiver(500);
    const result = await run(['IDENTIFICATION', '--to', target.url, '--retry-interval', '1', '--max-attempts', '2']);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').slice(1)).toEqual(['  attempt 1 → 500: retrying in 1 ms', '  attempt 2 → 500: not accepted', '']);
    expect(result.stderr).toContain(`error: ${target.url} did not accept the notification in 2 attempts.`);
  });

  it('reports an endpoint that does not answer as an attempt', async () => {
    const result = await run(['IDENTIFICATION', '--to', 'http://127.0.0.1:9/x', '--max-attempts', '1']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  attempt 1 → no answer (connection refused): not accepted\n');
  });

  it('sends --payload-file byte for byte and takes the entity id from it', async () => {
    const target = await receiver(200);
    const file = join(config.dir, '..', 'payload.json');
    await writeFile(file, '{ "id": "booking-42",\n  "amount": 10.50 }\n');
    expect((await run(['BOOKING', '--to', target.url, '--payload-file', file])).code).toBe(0);
    expect(target.seen[0]!.body).toBe('{ "id": "booking-42",\n  "amount": 10.50 }\n');
    expect(target.seen[0]!.headers['solaris-entity-id']).toBe('booking-42');
    await writeFile(file, 'not json');
    const bad = await run(['BOOKING', '--to', target.url, '--payload-file', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not JSON');
  });

  it('needs --to outside the emulator, and a secret with it', async () => {
    const noTo = await run(['BOOKING']);
    expect(noTo.code).toBe(2);
    expect(noTo.stderr).toContain('--to is required outside the emulator environment.');
    const noSecret = await runCli(['webhooks', 'trigger', 'BOOKING', '--to', 'http://127.0.0.1:9'], { env: config.env });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('No webhook secret given.');
  });
});

describe('webhooks trigger in the emulator', () => {
  it('lets the emulator deliver to its subscription and follows its attempts', async () => {
    const emulator = await startEmulator({ port: 0, retryIntervalMs: 1 });
    closers.push(() => emulator.close());
    const env = { ...config.env, FINTECH_CLI_EMULATOR_URL: emulator.url };
    const target = await receiver(200, 500, 200);
    expect((await runCli(['webhooks', 'create', '--emulator', '--event-type', 'BOOKING', '--url', target.url], { env })).code).toBe(0);

    const result = await runCli(['webhooks', 'trigger', 'BOOKING', '--emulator'], { env });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toContain(`BOOKING → ${target.url}`);
    expect(lines.slice(1)).toEqual(['  attempt 1 → 500: not accepted', '  attempt 2 → 200: delivered', '']);
    // The first request was the subscription check.
    expect(target.seen.map((s) => s.headers['solaris-webhook-event-type'])).toEqual(['WEBHOOK-SUBSCRIPTION', 'BOOKING', 'BOOKING']);

    const none = await runCli(['webhooks', 'trigger', 'IDENTIFICATION', '--emulator'], { env });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('The emulator has no subscription for IDENTIFICATION, so nothing was sent.');
  });
});
