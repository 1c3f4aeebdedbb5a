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
    // Solaris' documented ACCOUNT_BLOCK example, with the sample customer's ids and the time of sending.
    expect(JSON.parse(body)).toEqual({
      account_id: 'adc123a45d6d7cf8fbfeed537ba919d5cacc',
      person_id: 'dc1a6812a14f6cc338cd084208535bcdcper',
      business_id: null,
      iban: 'DE53110101013323159108',
      locking_status: 'DEBIT_BLOCK',
      updated_at: '2026-11-25T12:00:00.000Z',
    });
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

  it('still takes the hidden --payload-file, with a note on stderr, and -d text', async () => {
    const target = await receiver(200);
    const file = join(config.dir, '..', 'payload.json');
    await writeFile(file, '{"id":"booking-7"}');
    const old = await run(['BOOKING', '--to', target.url, '--payload-file', file]);
    expect(old.code).toBe(0);
    expect(old.stderr).toContain('note: --payload-file is deprecated and will be removed in a later release; use --data @<path>.\n');
    expect((await run(['BOOKING', '--to', target.url, '-d', '{"id":"booking-8"}'])).code).toBe(0);
    expect(target.seen.map((s) => s.body)).toEqual(['{"id":"booking-7"}', '{"id":"booking-8"}']);
    expect((await run(['--help'])).stdout).not.toContain('--payload-file');
  });

  it('sends --data @file byte for byte and takes the entity id from it', async () => {
    const target = await receiver(200);
    const file = join(config.dir, '..', 'payload.json');
    await writeFile(file, '{ "id": "booking-42",\n  "amount": 10.50 }\n');
    expect((await run(['BOOKING', '--to', target.url, '--data', `@${file}`])).code).toBe(0);
    expect(target.seen[0]!.body).toBe('{ "id": "booking-42",\n  "amount": 10.50 }\n');
    expect(target.seen[0]!.headers['solaris-entity-id']).toBe('booking-42');
    await writeFile(file, 'not json');
    const bad = await run(['BOOKING', '--to', target.url, '--data', `@${file}`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not JSON');
  });

  it.each([
    ['QUESTIONS_REQUIRE_RESPONSE', 'question_set_id', 'cf860f53574c1ca743232feaf1c81e71cqst'],
    ['ACCOUNT_LIMIT_CHANGE', 'account_id', 'adc123a45d6d7cf8fbfeed537ba919d5cacc'],
    ['CARD_FRAUD_CASE_PENDING', 'id', '154dca58bb1b5c8701039fa6514ffc66frdcs'],
    ['CARD_AUTHORIZATION_RESOLUTION', 'id', 'b814e2213c5c45149945ed53422db0c4cres'],
  ])('sends the documented body of %s, its %s in Solaris-Entity-Id', async (eventType, key, id) => {
    const target = await receiver(200);
    const result = await run([eventType, '--to', target.url]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const body = JSON.parse(target.seen[0]!.body) as Record<string, unknown>;
    expect(body[key]).toBe(id);
    expect(target.seen[0]!.headers['solaris-entity-id']).toBe(id);
    expect(target.seen[0]!.headers['solaris-webhook-event-type']).toBe(eventType);
  });

  it('sends a rich documented body where Solaris documents one, not {id}', async () => {
    const target = await receiver(200, 200, 200);
    await run(['CARD_AUTHORIZATION_DECLINE_V2', '--to', target.url]);
    await run(['ACCOUNT_CLOSURE_REQUEST', '--to', target.url]);
    await run(['IDENTIFICATION', '--to', target.url]);
    const [decline, closure, identification] = target.seen.map((s) => JSON.parse(s.body) as Record<string, unknown>);
    expect(decline).toMatchObject({
      reasons: [{ type: 'INSUFFICIENT_FUNDS', id: null, message: expect.any(String) }],
      card_transaction: { status: 'DECLINED', amount: { value: 2450, unit: 'cents', currency: 'EUR' }, card_id: 'f459e5de647e2909c94a7120c4d03557mcrd' },
    });
    // One of the statuses Solaris documents for closure requests.
    expect(['INITIATED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'REVOKED']).toContain(closure?.status);
    expect(closure).toMatchObject({ id: 'f8d7fbbd587047a0aa449ce69d2d6c08acrq', account_id: 'adc123a45d6d7cf8fbfeed537ba919d5cacc', closure_reason: 'CUSTOMER_WISH' });
    expect(identification).toMatchObject({ id: '9dfe2f4edaa67138be0c0c1cd3a7d849cidt', method: 'idnow', status: 'successful', reference: 'TST-ELCCJ' });
  });

  it('names the entity in the header as documented: the tax identification, the person of a body-less event', async () => {
    const target = await receiver(200, 200);
    await run(['PERSON_TAX_IDENTIFICATION_CHANGED', '--to', target.url]);
    await run(['PERSON_CHANGED', '--to', target.url, '--entity-id', 'c724a8d510c5294affadf8c95a8119b5cper']);
    const [tax, changed] = target.seen;
    expect(JSON.parse(tax!.body)).toEqual({ id: 'dc1a6812a14f6cc338cd084208535bcdcper' });
    expect(tax!.headers['solaris-entity-id']).toBe('cba4289c773b7450482ee88a6e5126e9ctin');
    expect(changed!.body).toBe('{}');
    expect(changed!.headers['solaris-entity-id']).toBe('c724a8d510c5294affadf8c95a8119b5cper');
  });

  it('sends an undocumented event type as given, with a neutral note and an {id} body', async () => {
    const target = await receiver(200);
    const result = await run(['CARD_SOMETHING_NEW', '--to', target.url, '--entity-id', 'thing-1']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'note: CARD_SOMETHING_NEW is not among the event types Solaris documents, so it has no sample; the body is {"id": …}. Give --data for a body of your own.\n',
    );
    expect(result.stderr).not.toMatch(/spelling|misspel/);
    expect(target.seen[0]!.body).toBe('{"id":"thing-1"}');
    expect(target.seen[0]!.headers['solaris-webhook-event-type']).toBe('CARD_SOMETHING_NEW');
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
