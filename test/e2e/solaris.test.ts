/**
 * The Solaris journey through the built binary against an emulator in this process: token and cache, the
 * 401-refresh-retry, webhook subscriptions across pages, a `webhooks listen` subprocess receiving what the
 * emulator delivers, sign/verify against an independent HMAC, trigger's delivery rules, device monitoring.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { EmulatorEvent } from '../../src/emulator/types.js';
import { startReceiver } from '../helpers/receiver.js';

const BIN = fileURLToPath(new URL('../../bin/fintech-cli.js', import.meta.url));

let emulator: RunningEmulator;
let root: string;
let env: Record<string, string>;
const log: EmulatorEvent[] = [];
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, retryIntervalMs: 10, onEvent: (event) => log.push(event) });
  root = await mkdtemp(join(tmpdir(), 'fintech-cli-e2e-'));
  env = { FINTECH_CLI_EMULATOR_URL: emulator.url, FINTECH_CLI_CONFIG_DIR: join(root, 'config'), NO_COLOR: '1' };
});
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  await emulator.close();
  await rm(root, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The binary in the emulator environment, with nothing of the developer's own environment. */
async function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const result = await execa(process.execPath, [BIN, ...args, '--emulator'], {
    env: { ...env, ...options.env },
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    input: options.input ?? '',
  });
  return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

const requests = (method: string, path: string) => log.filter((e) => e.type === 'request' && e.method === method && e.path === path).length;
const hmac = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** `webhooks listen --json` as a subprocess; its NDJSON events as they arrive. */
async function listen(args: string[]) {
  const subprocess: ResultPromise = execa(process.execPath, [BIN, 'webhooks', 'listen', '--port', '0', '--json', ...args, '--emulator'], {
    env,
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
  });
  let text = '';
  subprocess.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const events = () => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  const waitFor = async (test: (event: Record<string, unknown>) => boolean) => {
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 10))) {
      const found = events().find(test);
      if (found !== undefined) return found;
    }
    throw new Error(`no such event; got ${text}`);
  };
  const listening = await waitFor((e) => e.type === 'listening');
  const stop = async () => {
    subprocess.kill('SIGINT');
    const result = await subprocess;
    return { code: result.exitCode, stderr: String(result.stderr) };
  };
  closers.push(() => (subprocess.exitCode === null ? stop() : Promise.resolve()));
  return { url: String(listening.url), events, waitFor, stop };
}

/** A receiver answering `statuses` in turn, closed after the test. */
async function receiver(...statuses: number[]) {
  const started = await startReceiver(...statuses);
  closers.push(started.close);
  return started;
}

describe('Solaris end to end', () => {
  let token: string;
  let listener: Awaited<ReturnType<typeof listen>>;
  let webhook: { id: string; secret: string };

  it('gets a token, then serves the second request from the cache', async () => {
    const first = await cli(['auth', 'token', 'solaris']);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^\S+\n$/);
    token = first.stdout.trim();
    const second = await cli(['auth', 'solaris', '--json']);
    expect([second.code, second.stderr]).toEqual([0, '']);
    expect(JSON.parse(second.stdout)).toMatchObject({ provider: 'solaris', environment: 'emulator', access_token: token, token_type: 'bearer', scope: 'partners', cached: true });
    expect(requests('POST', '/solaris/auth/oauth2/token')).toBe(1);
  });

  it('creates a subscription for a listening receiver, showing the secret once and never in --verbose', async () => {
    listener = await listen([]);
    const result = await cli(['webhooks', 'create', '--event-type', 'IDENTIFICATION', '--url', `${listener.url}/solaris`, '--verbose']);
    expect(result.code).toBe(0);
    const fields = Object.fromEntries(result.stdout.trimEnd().split('\n').map((line) => line.split('\t') as [string, string]));
    expect(fields).toMatchObject({ event_type: 'IDENTIFICATION', url: `${listener.url}/solaris` });
    webhook = { id: fields.id!, secret: fields.secret! };
    expect(webhook.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(result.stderr).toContain(`POST ${emulator.url}/solaris/api/v1/webhooks`);
    expect(result.stderr).toContain('"secret":"[REDACTED]"');
    expect(result.stderr).toContain(`for --webhook-id ${webhook.id}.`);
    expect(result.stderr).not.toContain(webhook.secret);
    expect(result.stderr).not.toContain(token);
    await listener.waitFor((e) => e.type === 'subscription_check');
  });

  it('lists every subscription across pages, and gets one', async () => {
    for (const eventType of ['BOOKING', 'ACCOUNT_BLOCK']) {
      expect((await cli(['webhooks', 'create', '--event-type', eventType, '--url', `${listener.url}/${eventType}`])).code).toBe(0);
    }
    const before = requests('GET', '/solaris/api/v1/webhooks');
    const list = await cli(['webhooks', 'list', '--page-size', '2']);
    expect([list.code, list.stderr]).toEqual([0, '']);
    expect(list.stdout.trimEnd().split('\n').map((line) => line.split('\t').slice(1))).toEqual([
      ['IDENTIFICATION', `${listener.url}/solaris`],
      ['BOOKING', `${listener.url}/BOOKING`],
      ['ACCOUNT_BLOCK', `${listener.url}/ACCOUNT_BLOCK`],
    ]);
    expect(requests('GET', '/solaris/api/v1/webhooks') - before).toBe(2);

    const get = await cli(['webhooks', 'get', webhook.id, '--json']);
    expect([get.code, get.stderr]).toEqual([0, '']);
    expect(JSON.parse(get.stdout)).toEqual({ id: webhook.id, event_type: 'IDENTIFICATION', url: `${listener.url}/solaris`, secret: null });
  });

  it('drops an expired token, fetches a new one and retries once', async () => {
    expect((await fetch(`${emulator.url}/_admin/tokens/expire`, { method: 'POST' })).status).toBe(200);
    const tokensBefore = requests('POST', '/solaris/auth/oauth2/token');
    const get = await cli(['webhooks', 'get', webhook.id]);
    expect([get.code, get.stderr]).toEqual([0, '']);
    expect(get.stdout).toContain(`id\t${webhook.id}\n`);
    expect(requests('POST', '/solaris/auth/oauth2/token') - tokensBefore).toBe(1);
  });

  it('has the emulator deliver an event; the listener verifies it with the stored secret', async () => {
    const trigger = await cli(['webhooks', 'trigger', 'IDENTIFICATION']);
    expect(trigger.stderr).toBe('');
    expect(trigger.code).toBe(0);
    expect(trigger.stdout).toMatch(/^IDENTIFICATION → http:\/\/127\.0\.0\.1:\d+\/solaris {2}\(notification [0-9a-f-]{36}, delivered by the emulator\)\n {2}attempt 1 → 200: delivered\n$/);
    const event = await listener.waitFor((e) => e.type === 'notification');
    expect(event).toMatchObject({ event_type: 'IDENTIFICATION', subscription_id: webhook.id, attempt: 1, signature: 'valid', status: 200 });

    // The same bytes and header, checked by the CLI and by an HMAC computed here.
    const body = String(event.body);
    const signature = String((event.headers as Record<string, string>)['solaris-webhook-signature']);
    expect(signature).toBe(hmac(webhook.secret, body));
    const file = join(root, 'notification.json');
    await writeFile(file, body);
    expect(await cli(['webhooks', 'verify', '--webhook-id', webhook.id, '--signature', signature, '--data', `@${file}`])).toEqual({
      code: 0,
      stdout: '',
      stderr: '✓ The signature matches this body and secret.\n',
    });
    expect(await cli(['webhooks', 'sign', '--data', `@${file}`], { env: { FINTECH_CLI_WEBHOOK_SECRET: webhook.secret } })).toEqual({ code: 0, stdout: `${signature}\n`, stderr: '' });
    const tampered = await cli(['webhooks', 'verify', '--webhook-id', webhook.id, '--signature', signature, '--explain'], { input: `${body}\n` });
    expect(tampered.code).toBe(3);
    expect(tampered.stdout).toBe('');
    expect(tampered.stderr).toContain('a newline was added to your copy');
  });

  it('answers 422 to a wrong signature and 200 to the subscription check', async () => {
    const post = (body: string, headers: Record<string, string>) => fetch(`${listener.url}/solaris`, { method: 'POST', body, headers }).then((r) => r.status);
    const headers = { 'Content-Type': 'application/json', 'Solaris-Webhook-Event-Type': 'IDENTIFICATION', 'Solaris-Webhook-Subscription-Id': webhook.id };
    expect(await post('{"id":"x"}', { ...headers, 'Solaris-Webhook-Signature': hmac('wrong secret', '{"id":"x"}') })).toBe(422);
    expect(await post('', { 'Solaris-Webhook-Event-Type': 'WEBHOOK-SUBSCRIPTION' })).toBe(200);
    expect(await listener.waitFor((e) => e.signature === 'invalid')).toMatchObject({ status: 422 });
    const stopped = await listener.stop();
    expect(stopped).toEqual({ code: 0, stderr: '' });
  });

  it('verifies a subscription made elsewhere with a secret stored by "webhooks secret set", and fails closed on anything else', async () => {
    const app = await receiver(200, 200);
    const guarded = await listen(['--forward-to', app.url]);
    const set = await cli(['webhooks', 'secret', 'set', 'dashboard-sub', '--secret-stdin'], { input: 'dashboard-secret' });
    expect([set.code, set.stdout]).toEqual([0, '']);
    const trigger = await cli(['webhooks', 'trigger', 'BOOKING', '--to', guarded.url, '--webhook-id', 'dashboard-sub', '--json']);
    expect([trigger.code, trigger.stderr]).toEqual([0, '']);

    const post = (headers: Record<string, string>) => fetch(guarded.url, { method: 'POST', body: 'a=b', headers }).then((r) => r.status);
    expect(await post({ 'Content-Type': 'text/plain' })).toBe(422);
    expect(await post({ 'Solaris-Webhook-Subscription-Id': 'dashboard-sub', 'Solaris-Webhook-Signature': hmac('guess', 'a=b') })).toBe(422);
    expect(await post({ Origin: 'https://evil.example', 'Solaris-Webhook-Subscription-Id': 'dashboard-sub', 'Solaris-Webhook-Signature': hmac('dashboard-secret', 'a=b') })).toBe(403);
    expect(app.seen).toHaveLength(1);
    await guarded.waitFor((e) => e.type === 'rejected' && e.status === 403);
    expect(guarded.events().filter((e) => e.type === 'notification').map((e) => [e.subscription_id, e.signature, e.reason, e.status])).toEqual([
      ['dashboard-sub', 'valid', null, 200],
      [null, 'missing', 'no signature', 422],
      ['dashboard-sub', 'invalid', 'wrong secret, or the body was changed', 422],
    ]);
    expect(await guarded.stop()).toEqual({ code: 0, stderr: '' });
    const listed = await cli(['webhooks', 'secret', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toContainEqual({ subscription_id: 'dashboard-sub', profile: 'default', environment: 'emulator', secret: expect.not.stringContaining('dashboard-secret') });
    expect((await cli(['webhooks', 'secret', 'delete', 'dashboard-sub'])).code).toBe(0);
    expect((await cli(['webhooks', 'secret', 'delete', 'dashboard-sub'])).code).toBe(1);
  });

  it('forwards a signed notification to the app behind the listener and relays its answer', async () => {
    const app = await receiver(202);
    const forwarding = await listen(['--forward-to', app.url, '--webhook-id', webhook.id]);
    const trigger = await cli(['webhooks', 'trigger', 'IDENTIFICATION', '--to', forwarding.url, '--webhook-id', webhook.id, '--json']);
    expect([trigger.code, trigger.stderr]).toEqual([0, '']);
    expect(JSON.parse(trigger.stdout).deliveries[0]).toMatchObject({ outcome: 'delivered', attempts: [{ attempt: 1, status: 202 }] });
    expect(app.seen).toHaveLength(1);
    const [{ headers, body }] = app.seen as [{ headers: IncomingHttpHeaders; body: string }];
    expect(headers['solaris-webhook-signature']).toBe(hmac(webhook.secret, body));
    expect(headers['solaris-webhook-subscription-id']).toBe(webhook.id);
    expect(await forwarding.waitFor((e) => e.type === 'notification')).toMatchObject({ signature: 'valid', status: 202, forwarded: { url: app.url, status: 202 } });
    expect(await forwarding.stop()).toEqual({ code: 0, stderr: '' });
  });

  describe('trigger --to follows the delivery rules', () => {
    const trigger = (url: string, ...args: string[]) =>
      cli(['webhooks', 'trigger', 'ACCOUNT_BLOCK', '--to', url, '--retry-interval', '1', ...args], { env: { FINTECH_CLI_WEBHOOK_SECRET: 'e2e-secret' } });

    it('retries, then succeeds', async () => {
      const target = await receiver(500, 200);
      const result = await trigger(target.url);
      expect([result.code, result.stderr]).toEqual([0, '']);
      expect(result.stdout.split('\n').slice(1)).toEqual(['  attempt 1 → 500: retrying in 1 ms', '  attempt 2 → 200: delivered', '']);
      expect(target.seen.map((s) => s.headers['solaris-webhook-attempt'])).toEqual(['1', '2']);
      expect(target.seen[1]!.headers['solaris-webhook-signature']).toBe(hmac('e2e-secret', target.seen[1]!.body));
    });

    it.each([
      [410, 'answered 410: Solaris would cancel the subscription and send it nothing more.'],
      [422, 'answered 422: Solaris treats the notification as rejected and does not retry it.'],
    ])('stops at %i', async (status, message) => {
      const target = await receiver(status);
      const result = await trigger(target.url);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`error: ${target.url} ${message}\n`);
      expect(target.seen).toHaveLength(1);
    });

    it('sends the documented body and Solaris-Entity-Id of a card event, from the binary and from the emulator', async () => {
      const target = await receiver(200, 200, 200);
      const sent = await cli(['webhooks', 'trigger', 'CARD_FRAUD_CASE_PENDING', '--to', target.url], { env: { FINTECH_CLI_WEBHOOK_SECRET: 'e2e-secret' } });
      expect([sent.code, sent.stderr]).toEqual([0, '']);
      const body = JSON.parse(target.seen[0]!.body) as Record<string, unknown>;
      expect(body).toMatchObject({ id: '154dca58bb1b5c8701039fa6514ffc66frdcs', resolution: 'PENDING', card_transaction: { status: 'DECLINED' } });
      expect(target.seen[0]!.headers['solaris-entity-id']).toBe('154dca58bb1b5c8701039fa6514ffc66frdcs');

      expect((await cli(['webhooks', 'create', '--event-type', 'CARD_AUTHORIZATION_DECLINE_V2', '--url', target.url])).stderr).not.toMatch(/note:|warning:/);
      const delivered = await cli(['webhooks', 'trigger', 'CARD_AUTHORIZATION_DECLINE_V2']);
      expect([delivered.code, delivered.stderr]).toEqual([0, '']);
      const notification = target.seen.find((s) => s.headers['solaris-webhook-event-type'] === 'CARD_AUTHORIZATION_DECLINE_V2')!;
      expect(JSON.parse(notification.body)).toMatchObject({ reasons: [{ type: 'INSUFFICIENT_FUNDS' }], card_transaction: { card_id: 'f459e5de647e2909c94a7120c4d03557mcrd' } });
      expect(notification.headers['solaris-entity-id']).toBe('f459e5de647e2909c94a7120c4d03557mcrd');
    });

    it('exits 1 when the endpoint never accepts it', async () => {
      const target = await receiver(503);
      const result = await trigger(target.url, '--max-attempts', '3');
      expect(result.code).toBe(1);
      expect(result.stdout.split('\n').slice(1)).toEqual(['  attempt 1 → 503: retrying in 1 ms', '  attempt 2 → 503: retrying in 2 ms', '  attempt 3 → 503: not accepted', '']);
      expect(result.stderr).toBe(
        `error: ${target.url} did not accept the notification in 3 attempts.\nSolaris would keep retrying with growing intervals; fix the endpoint and trigger again.\n`,
      );
    });
  });

  it('records a device consent and a device activity', async () => {
    const consent = await cli(['solaris', 'device-consent', 'create', '--person-id', 'person-1', '--event-type', 'APPROVED', '--json']);
    expect([consent.code, consent.stderr]).toEqual([0, '']);
    expect(JSON.parse(consent.stdout)).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{32}con$/),
      person_id: 'person-1',
      event_type: 'APPROVED',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const activity = await cli(['solaris', 'device-activity', 'create', '--person-id', 'person-1', '--activity-type', 'APP_START', '--device-data', 'eyJkIjoxfQ==']);
    expect([activity.code, activity.stderr]).toEqual([0, '']);
    expect(activity.stdout).toMatch(/^id\t[0-9a-f]{32}\nperson_id\tperson-1\nactivity_type\tAPP_START\n$/);
    const bad = await cli(['solaris', 'device-activity', 'create', '--person-id', 'person-1', '--activity-type', 'APP_START', '--device-data', 'eyJkIjoxfQ']);
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --device-data is not Base64.\nPass the string the Seon SDK returned (standard Base64 with = padding), or @file holding it.\n',
    });
  });

  it('deletes the subscription, after which Solaris no longer knows it', async () => {
    expect(await cli(['webhooks', 'delete', webhook.id])).toEqual({ code: 0, stdout: '', stderr: `✓ Deleted webhook ${webhook.id}.\n` });
    const gone = await cli(['webhooks', 'get', webhook.id]);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toBe('');
    expect(gone.stderr).toMatch(new RegExp(`^error: Solaris answered 404 to getting webhook ${webhook.id}: .+ \\(code model_not_found, id [0-9a-f-]{36}\\)\\n`));
  });
});
