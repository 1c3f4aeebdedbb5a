import { createHmac, timingSafeEqual } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions } from '../server.js';

/** Driven over real HTTP with plain fetch; deliveries land on local receivers and are checked independently. */

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body, text };
}

interface SolarisErrorBody {
  errors: { id: string; status: number; code: string; title: string; detail: string; source?: { field: string; message: string } }[];
}

/** The one Solaris error of an answer, checked for the full shape (fresh id, title, detail). */
function solarisError(answer: Answer, status: number, code: string, field?: string) {
  expect(answer.status, answer.text).toBe(status);
  const [error, ...more] = (answer.body as SolarisErrorBody).errors;
  expect(more).toEqual([]);
  expect(error).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status, code, title: expect.any(String), detail: expect.any(String) });
  if (field !== undefined) expect(error?.source).toEqual({ field, message: expect.any(String) });
  return error;
}

async function emulator(options: EmulatorOptions = {}) {
  const running = await startEmulator({ port: 0, now: () => NOW, retryIntervalMs: 10, ...options });
  cleanups.push(() => running.close());
  const url = running.url;
  const token = async () => {
    const res = await call(`${url}/solaris/auth/oauth2/token`, tokenRequest());
    return (res.body as { access_token: string }).access_token;
  };
  const bearer = await token();
  const api = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers: Record<string, string> = { Authorization: `Bearer ${bearer}`, ...(rest.headers as Record<string, string>) };
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    return call(`${url}/solaris/api${path}`, { ...rest, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
  };
  const subscribe = async (eventType: string, target: string) => {
    const res = await api('/v1/webhooks', { method: 'POST', json: { event_type: eventType, url: target } });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; event_type: string; url: string; secret: string };
  };
  const trigger = (event: Record<string, unknown>) =>
    call(`${url}/_admin/solaris/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(event) });
  const deliveries = async () => (await call(`${url}/_admin/deliveries`)).body as Record<string, unknown>[];
  return { url, token, api, subscribe, trigger, deliveries };
}

function tokenRequest(options: { auth?: string | null; contentType?: string; body?: string } = {}): RequestInit {
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/x-www-form-urlencoded' };
  const auth = options.auth === undefined ? 'demo-solaris-client:demo-solaris-secret' : options.auth;
  if (auth !== null) headers.Authorization = `Basic ${Buffer.from(auth).toString('base64')}`;
  return { method: 'POST', headers, body: options.body ?? 'grant_type=client_credentials&scope=partners' };
}

interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A webhook receiver on loopback. Check calls (WEBHOOK-SUBSCRIPTION) get `checkStatus`; the n-th notification gets
 * `statuses[n]` (the last one repeats), or no answer at all for `'silent'`.
 */
async function receiver(statuses: (number | 'silent')[] = [200], checkStatus = 200) {
  const checks: Received[] = [];
  const notifications: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = { headers: req.headers, body: Buffer.concat(chunks) };
      if (req.headers['solaris-webhook-event-type'] === 'WEBHOOK-SUBSCRIPTION') {
        checks.push(entry);
        res.writeHead(checkStatus).end();
        return;
      }
      notifications.push(entry);
      const status = statuses[Math.min(notifications.length, statuses.length) - 1] ?? 200;
      if (status !== 'silent') res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  cleanups.push(close);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, checks, notifications, close };
}

/** The receiver's own check, written here with node:crypto so it does not lean on the code under test. */
function signatureMatches(secret: string, received: Received): boolean {
  const header = String(received.headers['solaris-webhook-signature']);
  const [algorithm, digest] = [header.slice(0, header.indexOf('=')), header.slice(header.indexOf('=') + 1)];
  const expected = createHmac('sha256', secret).update(received.body).digest('hex');
  return algorithm === 'sha256' && digest.length === expected.length && timingSafeEqual(Buffer.from(digest), Buffer.from(expected));
}

describe('POST /solaris/auth/oauth2/token', () => {
  it('issues a bearer token for the demo client with the partners scope', async () => {
    const { url } = await emulator({ tokenTtlSeconds: 120 });
    const res = await call(`${url}/solaris/auth/oauth2/token`, tokenRequest());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ access_token: expect.stringMatching(/^[\w-]{20,}$/), expires_in: 120, scope: 'partners', token_type: 'bearer' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['no client authentication', tokenRequest({ auth: null }), 401, 'invalid_client'],
    ['a wrong client secret', tokenRequest({ auth: 'demo-solaris-client:nope' }), 401, 'invalid_client'],
    ['an unknown client', tokenRequest({ auth: 'someone:demo-solaris-secret' }), 401, 'invalid_client'],
    ['a charset parameter on the content type', tokenRequest({ contentType: 'application/x-www-form-urlencoded;charset=UTF-8' }), 400, 'invalid_request'],
    ['a JSON body', tokenRequest({ contentType: 'application/json', body: '{"grant_type":"client_credentials"}' }), 400, 'invalid_request'],
    ['no grant_type', tokenRequest({ body: 'scope=partners' }), 400, 'invalid_request'],
    ['another grant', tokenRequest({ body: 'grant_type=password&scope=partners' }), 400, 'unsupported_grant_type'],
    ['no scope', tokenRequest({ body: 'grant_type=client_credentials' }), 400, 'invalid_scope'],
    ['another scope', tokenRequest({ body: 'grant_type=client_credentials&scope=all' }), 400, 'invalid_scope'],
  ])('refuses %s', async (_case, init, status, error) => {
    const { url } = await emulator();
    const res = await call(`${url}/solaris/auth/oauth2/token`, init);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error, error_description: expect.any(String) });
    if (status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
  });
});

describe('Bearer checks on /solaris/api', () => {
  it('answers 401 token_required without a token, invalid_token for an unknown one', async () => {
    const { url } = await emulator();
    const missing = solarisError(await call(`${url}/solaris/api/v1/webhooks`), 401, 'token_required');
    expect(missing?.title).toBe('Token Required');
    solarisError(await call(`${url}/solaris/api/v1/webhooks`, { headers: { Authorization: 'Bearer not-a-token' } }), 401, 'invalid_token');
    solarisError(await call(`${url}/solaris/api/v1/webhooks`, { headers: { Authorization: 'Basic abc' } }), 401, 'token_required');
  });

  it('answers invalid_token once the token has expired', async () => {
    let now = NOW;
    const { url, token } = await emulator({ now: () => now, tokenTtlSeconds: 60 });
    const bearer = { headers: { Authorization: `Bearer ${await token()}` } };
    expect((await call(`${url}/solaris/api/v1/webhooks`, bearer)).status).toBe(200);
    now += 60_000;
    solarisError(await call(`${url}/solaris/api/v1/webhooks`, bearer), 401, 'invalid_token');
  });
});

describe('/solaris/api/v1/webhooks', () => {
  it('creates a subscription after a successful check call, and shows its secret only once', async () => {
    const emu = await emulator();
    const hook = await receiver();
    const res = await emu.api('/v1/webhooks', { method: 'POST', json: { event_type: 'IDENTIFICATION', url: hook.url } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), event_type: 'IDENTIFICATION', url: hook.url, secret: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(hook.checks).toHaveLength(1);
    expect(hook.checks[0]?.body.length).toBe(0);
    const { id } = res.body as { id: string };
    const got = await emu.api(`/v1/webhooks/${id}`);
    expect(got).toMatchObject({ status: 200, body: { id, event_type: 'IDENTIFICATION', url: hook.url, secret: null } });
  });

  it('refuses a URL whose check call does not answer 2xx, or cannot be reached', async () => {
    const emu = await emulator();
    const failing = await receiver([200], 500);
    const error = solarisError(await emu.api('/v1/webhooks', { method: 'POST', json: { event_type: 'BOOKING', url: failing.url } }), 400, 'invalid_webhook_url', 'url');
    expect(error?.detail).toContain('answered 500');
    expect(failing.checks).toHaveLength(1);
    const gone = await receiver();
    await gone.close();
    solarisError(await emu.api('/v1/webhooks', { method: 'POST', json: { event_type: 'BOOKING', url: gone.url } }), 400, 'invalid_webhook_url', 'url');
    expect((await emu.api('/v1/webhooks')).body).toEqual([]);
  });

  it.each([
    ['http to a non-loopback host', { event_type: 'BOOKING', url: 'http://example.com/hooks' }, 'unsafe_webhook_url', 'url'],
    ['a URL that is not one', { event_type: 'BOOKING', url: 'hooks' }, 'validation_error', 'url'],
    ['another scheme', { event_type: 'BOOKING', url: 'ftp://127.0.0.1/hooks' }, 'validation_error', 'url'],
    ['no url', { event_type: 'BOOKING' }, 'validation_error', 'url'],
    ['no event_type', { url: 'https://example.com/hooks' }, 'validation_error', 'event_type'],
    ['an event_type that is not a string', { event_type: 7, url: 'https://example.com/hooks' }, 'validation_error', 'event_type'],
  ])('refuses %s', async (_case, json, code, field) => {
    const emu = await emulator();
    solarisError(await emu.api('/v1/webhooks', { method: 'POST', json }), 400, code, field);
  });

  it('refuses a body that is not a JSON object, or not sent as JSON', async () => {
    const emu = await emulator();
    const json = { 'Content-Type': 'application/json' };
    solarisError(await emu.api('/v1/webhooks', { method: 'POST', headers: json, body: '{"event_type":' }), 400, 'invalid_json');
    solarisError(await emu.api('/v1/webhooks', { method: 'POST', headers: json, body: '[]' }), 400, 'invalid_json');
    solarisError(await emu.api('/v1/webhooks', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' }), 415, 'unsupported_media_type');
  });

  it('allows one subscription per event type', async () => {
    const emu = await emulator();
    const hook = await receiver();
    const first = await emu.subscribe('BOOKING', hook.url);
    const error = solarisError(await emu.api('/v1/webhooks', { method: 'POST', json: { event_type: 'BOOKING', url: hook.url } }), 409, 'conflict', 'event_type');
    expect(error?.detail).toContain(first.id);
  });

  it('lists page by page with total, per-page and link headers, secrets hidden', async () => {
    const emu = await emulator();
    const hook = await receiver();
    const created = [];
    for (const type of ['BOOKING', 'IDENTIFICATION', 'ACCOUNT_BLOCK']) created.push(await emu.subscribe(type, hook.url));

    const all = await emu.api('/v1/webhooks');
    expect(all.headers.get('total')).toBe('3');
    expect(all.headers.get('per-page')).toBe('10');
    expect(all.body).toEqual(created.map((s) => ({ ...s, secret: null })));

    const first = await emu.api('/v1/webhooks?page[number]=1&page[size]=2');
    expect(first.body).toEqual(created.slice(0, 2).map((s) => ({ ...s, secret: null })));
    expect(first.headers.get('per-page')).toBe('2');
    const links = Object.fromEntries(
      (first.headers.get('link') ?? '').split(', ').map((part) => {
        const [, target, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part) ?? [];
        return [rel, target];
      }),
    );
    expect(Object.keys(links).sort()).toEqual(['first', 'last', 'next']);
    const next = new URL(String(links.next));
    expect(next.origin).toBe(emu.url);
    expect(next.pathname).toBe('/solaris/api/v1/webhooks');
    expect([next.searchParams.get('page[number]'), next.searchParams.get('page[size]')]).toEqual(['2', '2']);

    const second = await emu.api(`${next.pathname.replace('/solaris/api', '')}${next.search}`);
    expect(second.body).toEqual([{ ...created[2], secret: null }]);
    expect(second.headers.get('link')).toContain('rel="prev"');
    expect(second.headers.get('link')).not.toContain('rel="next"');
  });

  it.each([
    ['page[size]=0', 'page[size]'],
    ['page[size]=1001', 'page[size]'],
    ['page[size]=abc', 'page[size]'],
    ['page[number]=0', 'page[number]'],
    ['page[number]=1.5', 'page[number]'],
  ])('refuses %s', async (query, field) => {
    const emu = await emulator();
    solarisError(await emu.api(`/v1/webhooks?${query}`), 400, 'validation_error', field);
  });

  it('deletes with 204; unknown ids are 404 model_not_found', async () => {
    const emu = await emulator();
    const hook = await receiver();
    const { id } = await emu.subscribe('BOOKING', hook.url);
    const deleted = await emu.api(`/v1/webhooks/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    solarisError(await emu.api(`/v1/webhooks/${id}`), 404, 'model_not_found');
    solarisError(await emu.api(`/v1/webhooks/${id}`, { method: 'DELETE' }), 404, 'model_not_found');
  });
});

describe('webhook delivery', () => {
  it('POSTs a signed notification with the Solaris headers', async () => {
    const emu = await emulator();
    const hook = await receiver();
    const subscription = await emu.subscribe('IDENTIFICATION', hook.url);
    const payload = { id: 'ident-1', reference: 'ref-1', status: 'successful' };
    const sent = await emu.trigger({ event_type: 'IDENTIFICATION', payload });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({
      event_type: 'IDENTIFICATION',
      entity_id: 'ident-1',
      notifications: [{ notification_id: expect.any(String), subscription_id: subscription.id, url: hook.url }],
    });
    await expect.poll(() => hook.notifications.length).toBe(1);
    const [notification] = hook.notifications;
    if (notification === undefined) throw new Error('no notification');
    expect(JSON.parse(notification.body.toString('utf8'))).toEqual(payload);
    expect(signatureMatches(subscription.secret, notification)).toBe(true);
    expect(signatureMatches('another-secret', notification)).toBe(false);
    expect(notification.headers).toMatchObject({
      'content-type': 'application/json',
      'solaris-webhook-signature': expect.stringMatching(/^sha256=[0-9a-f]{64}$/),
      'solaris-webhook-attempt': '1',
      'solaris-webhook-event-type': 'IDENTIFICATION',
      'solaris-webhook-id': (sent.body as { notifications: { notification_id: string }[] }).notifications[0]?.notification_id,
      'solaris-webhook-subscription-id': subscription.id,
      'solaris-entity-id': 'ident-1',
    });
    await expect.poll(emu.deliveries).toEqual([expect.objectContaining({ attempt: 1, status: 200, outcome: 'delivered', at: new Date(NOW).toISOString() })]);
  });

  it('retries after a failure with the attempt counting up and the same notification id', async () => {
    const emu = await emulator();
    const hook = await receiver([500, 503, 200]);
    const subscription = await emu.subscribe('BOOKING', hook.url);
    await emu.trigger({ event_type: 'BOOKING' });
    await expect.poll(() => hook.notifications.length).toBe(3);
    expect(hook.notifications.map((n) => n.headers['solaris-webhook-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(hook.notifications.map((n) => n.headers['solaris-webhook-id'])).size).toBe(1);
    expect(hook.notifications.every((n) => signatureMatches(subscription.secret, n))).toBe(true);
    await expect.poll(async () => (await emu.deliveries()).map((d) => [d.attempt, d.status, d.outcome])).toEqual([
      [1, 500, 'retry'],
      [2, 503, 'retry'],
      [3, 200, 'delivered'],
    ]);
  });

  it('cancels the subscription when the receiver answers 410', async () => {
    const emu = await emulator();
    const hook = await receiver([410]);
    const subscription = await emu.subscribe('ACCOUNT_CLOSURE', hook.url);
    await emu.trigger({ event_type: 'ACCOUNT_CLOSURE' });
    await expect.poll(emu.deliveries).toEqual([expect.objectContaining({ attempt: 1, status: 410, outcome: 'cancelled' })]);
    solarisError(await emu.api(`/v1/webhooks/${subscription.id}`), 404, 'model_not_found');
    expect(hook.notifications).toHaveLength(1);
  });

  it('does not retry a notification the receiver rejects with 422', async () => {
    const emu = await emulator();
    const hook = await receiver([422, 200]);
    await emu.subscribe('BOOKING', hook.url);
    await emu.trigger({ event_type: 'BOOKING' });
    await expect.poll(emu.deliveries).toEqual([expect.objectContaining({ attempt: 1, status: 422, outcome: 'rejected' })]);
    await new Promise((resolve) => setTimeout(resolve, 100)); // ten retry intervals
    expect(hook.notifications).toHaveLength(1);
    expect((await emu.api('/v1/webhooks')).body).toHaveLength(1);
  });

  it('sends {} and the entity id header for entity-only events', async () => {
    const emu = await emulator();
    const hook = await receiver();
    await emu.subscribe('PERSON_CHANGED', hook.url);
    await emu.trigger({ event_type: 'PERSON_CHANGED', entity_id: 'person-42' });
    await expect.poll(() => hook.notifications.length).toBe(1);
    expect(hook.notifications[0]?.body.toString()).toBe('{}');
    expect(hook.notifications[0]?.headers['solaris-entity-id']).toBe('person-42');
  });

  it('sends the documented sample body when no payload is given', async () => {
    const emu = await emulator();
    const hook = await receiver();
    await emu.subscribe('ACCOUNT_BLOCK', hook.url);
    await emu.trigger({ event_type: 'ACCOUNT_BLOCK', entity_id: 'acc-1' });
    await expect.poll(() => hook.notifications.length).toBe(1);
    expect(JSON.parse(hook.notifications[0]?.body.toString() ?? '')).toEqual({
      account_id: 'acc-1',
      person_id: expect.any(String),
      business_id: null,
      iban: expect.stringMatching(/^DE\d{20}$/),
      locking_status: 'DEBIT_BLOCK',
      updated_at: new Date(NOW).toISOString(),
    });
  });

  it('retries refused connections, and expires a notification after 17 retries', async () => {
    const emu = await emulator({ retryIntervalMs: 0 });
    const hook = await receiver();
    await emu.subscribe('BOOKING', hook.url);
    await hook.close();
    await emu.trigger({ event_type: 'BOOKING' });
    await expect.poll(async () => (await emu.deliveries()).at(-1)?.outcome).toBe('expired');
    const attempts = await emu.deliveries();
    expect(attempts).toHaveLength(18);
    expect(attempts.map((a) => a.attempt)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(attempts.slice(0, 17).every((a) => a.outcome === 'retry' && typeof a.error === 'string' && a.status === undefined)).toBe(true);
  });

  it('gives up on an attempt the receiver does not answer in time, and tries again', async () => {
    const emu = await emulator();
    const hook = await receiver(['silent', 200]);
    await emu.subscribe('BOOKING', hook.url);
    await emu.trigger({ event_type: 'BOOKING' });
    await expect.poll(async () => (await emu.deliveries()).map((d) => d.outcome), { timeout: 5000 }).toEqual(['retry', 'delivered']);
    expect((await emu.deliveries())[0]?.error).toMatch(/no answer within 1000 ms/);
  });

  it('stops attempts in flight and scheduled retries when the emulator closes', async () => {
    const running = await startEmulator({ port: 0, retryIntervalMs: 60_000 });
    const token = ((await (await fetch(`${running.url}/solaris/auth/oauth2/token`, tokenRequest())).json()) as { access_token: string }).access_token;
    const hooks = [await receiver(['silent']), await receiver([500])];
    for (const [i, hook] of hooks.entries()) {
      const created = await fetch(`${running.url}/solaris/api/v1/webhooks`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ event_type: `EVENT_${i}`, url: hook.url }),
      });
      expect(created.status).toBe(201);
      await fetch(`${running.url}/_admin/solaris/events`, { method: 'POST', body: JSON.stringify({ event_type: `EVENT_${i}` }) });
    }
    await expect.poll(() => hooks.every((hook) => hook.notifications.length === 1)).toBe(true);
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('answers a trigger without subscribers with no notifications, and refuses a trigger without event_type', async () => {
    const emu = await emulator();
    const res = await emu.trigger({ event_type: 'BOOKING' });
    expect(res).toMatchObject({ status: 202, body: { event_type: 'BOOKING', entity_id: expect.any(String), notifications: [] } });
    expect((await emu.trigger({ payload: {} })).status).toBe(400);
  });
});

describe('device monitoring', () => {
  const consent = (json: unknown) => ({ method: 'POST', json });

  it('records a device consent', async () => {
    const emu = await emulator();
    const res = await emu.api('/v1/persons/person-1/device_consents', consent({ event_type: 'APPROVED', confirmed_at: '2026-11-25T11:59:00Z' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}con$/),
      person_id: 'person-1',
      event_type: 'APPROVED',
      confirmed_at: '2026-11-25T11:59:00Z',
      created_at: new Date(NOW).toISOString(),
    });
  });

  it.each([
    ['a confirmed_at in the future', { event_type: 'APPROVED', confirmed_at: '2026-11-25T12:00:01Z' }, 'constraint_violation', 'confirmed_at'],
    ['a confirmed_at that is not ISO 8601', { event_type: 'APPROVED', confirmed_at: '25.11.2026' }, 'validation_error', 'confirmed_at'],
    ['no confirmed_at', { event_type: 'REJECTED' }, 'validation_error', 'confirmed_at'],
    ['an unknown event_type', { event_type: 'MAYBE', confirmed_at: '2026-11-25T11:00:00Z' }, 'validation_error', 'event_type'],
  ])('refuses a consent with %s', async (_case, json, code, field) => {
    const emu = await emulator();
    solarisError(await emu.api('/v1/persons/person-1/device_consents', consent(json)), 400, code, field);
  });

  it('records a device activity with Base64 device data', async () => {
    const emu = await emulator();
    const res = await emu.api('/v1/persons/person-1/device_activities', consent({ device_data: Buffer.from('seon-fingerprint').toString('base64'), activity_type: 'APP_START' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), person_id: 'person-1', activity_type: 'APP_START' });
  });

  it.each([
    ['device_data that is not Base64', { device_data: 'not base64!', activity_type: 'APP_START' }, 'device_data'],
    ['no device_data', { activity_type: 'APP_START' }, 'device_data'],
    ['an unknown activity_type', { device_data: 'c2Vvbg==', activity_type: 'LOGIN' }, 'activity_type'],
  ])('refuses an activity with %s', async (_case, json, field) => {
    const emu = await emulator();
    solarisError(await emu.api('/v1/persons/person-1/device_activities', consent(json)), 400, 'validation_error', field);
  });

  it('needs a token like every API route', async () => {
    const emu = await emulator();
    const res = await call(`${emu.url}/solaris/api/v1/persons/person-1/device_activities`, { method: 'POST' });
    solarisError(res, 401, 'token_required');
  });
});
