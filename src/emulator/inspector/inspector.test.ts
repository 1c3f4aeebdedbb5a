import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../../test/helpers/receiver.js';
import { computeFingerprint } from '../../core/soldo/fingerprint.js';
import { loadPrivateKey, signFingerprint } from '../../core/soldo/signature.js';
import { signWebhookBody } from '../../core/webhook-signature.js';
import { demoCredentials } from '../../providers/demo-credentials.js';
import { DEMO_SOLDO_PRIVATE_KEY_PEM } from '../../providers/soldo/demo-key.js';
import { matchOperation, orderUnder } from '../../providers/soldo/orders.js';
import { startEmulator, type RunningEmulator } from '../server.js';
import { DEMO_WALLET_IDS } from '../soldo/demo-data.js';

/** The inspector's endpoints in-process, over real HTTP: what they answer, and what they refuse. */

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function emulator(options: { retryIntervalMs?: number } = {}): Promise<RunningEmulator> {
  const running = await startEmulator({ port: 0, ...options });
  open.push(running);
  return running;
}

async function receiver(...statuses: number[]): Promise<Receiver> {
  const started = await startReceiver(...statuses);
  open.push(started);
  return started;
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request with exactly these headers (fetch would not let a test set Host). */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A POST of JSON from the inspector page itself: its own origin, as a browser sends it. */
function action(emu: RunningEmulator, name: string, body: unknown, headers: Record<string, string> = {}): Promise<Raw> {
  const { host } = new URL(emu.url);
  return raw(`${emu.url}/_inspector/actions/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: `http://${host}`, 'Sec-Fetch-Site': 'same-origin', ...headers },
    body: JSON.stringify(body),
  });
}

interface InspectorState {
  version: number;
  requests: { id: number; provider: string; method: string; path: string; status: number | null; failed: boolean; contract: boolean; fault?: string }[];
  sections: Record<string, Record<string, unknown>>;
}

async function state(emu: RunningEmulator): Promise<InspectorState> {
  const res = await fetch(`${emu.url}/_inspector/state`);
  expect(res.status).toBe(200);
  return (await res.json()) as InspectorState;
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (ok(value) || i === 500) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const solarisBasic = `Basic ${Buffer.from(`${demoCredentials.solaris.client_id}:${demoCredentials.solaris.client_secret}`).toString('base64')}`;

async function solarisToken(emu: RunningEmulator): Promise<string> {
  const res = await fetch(`${emu.url}/solaris/auth/oauth2/token`, {
    method: 'POST',
    headers: { Authorization: solarisBasic, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=partners',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('the page and its files', () => {
  it('serves the page at / with a strict CSP, no inline script, and its script and style as files of their own', async () => {
    const emu = await emulator();
    expect(emu.inspectorUrl).toBe(`${emu.url}/`);
    const page = await raw(emu.inspectorUrl);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    // Every script is a file of this server; nothing is loaded from elsewhere.
    expect([...page.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/_inspector/app.js" defer>']);
    expect(page.text).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    for (const panel of ['requests', 'webhooks', 'giroident', 'soldo', 'faults']) expect(page.text).toContain(`id="${panel}"`);

    const script = await raw(`${emu.url}/_inspector/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(() => new Function(script.text)).not.toThrow(); // it parses
    expect(script.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    const style = await raw(`${emu.url}/_inspector/app.css`);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await raw(`${emu.url}/_inspector/nope.js`)).status).toBe(404);
  });

  it('answers only loopback names in the Host header, even for the page', async () => {
    const emu = await emulator();
    const { port } = new URL(emu.url);
    for (const host of ['evil.example', `evil.example:${port}`, `192.168.1.10:${port}`]) {
      const refused = await raw(`${emu.url}/`, { headers: { Host: host } });
      expect(refused.status, host).toBe(403);
      expect(refused.text).toMatch(/answers only loopback names/);
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `inspector.localhost:${port}`]) {
      expect((await raw(`${emu.url}/_inspector/state`, { headers: { Host: host } })).status, host).toBe(200);
    }
  });
});

describe('state and live updates', () => {
  it('lists requests newest first with secrets masked, and leaves its own traffic out of the log', async () => {
    const emu = await emulator();
    const token = await solarisToken(emu);
    await fetch(`${emu.url}/solaris/api/v1/webhooks`, { headers: { Authorization: `Bearer ${token}` } });
    await fetch(`${emu.url}/soldo/business/v2/nothing-here`);
    const seen = await state(emu);
    expect(seen.requests.map((r) => [r.provider, r.method, r.path, r.status, r.failed])).toEqual([
      ['soldo', 'GET', '/soldo/business/v2/nothing-here', 404, true],
      ['solaris', 'GET', '/solaris/api/v1/webhooks', 200, false],
      ['solaris', 'POST', '/solaris/auth/oauth2/token', 201, false],
    ]);

    const tokenRequest = seen.requests[2];
    const details = (await (await fetch(`${emu.url}/_inspector/requests/${tokenRequest?.id}`)).json()) as {
      request: { headers: Record<string, string>; body: string };
      response: { body: string };
    };
    expect(details.request.headers.authorization).toBe('Basic [REDACTED]');
    expect(details.request.body).toBe('grant_type=client_credentials\nscope=partners');
    expect(details.response.body).toContain('"access_token":"[REDACTED]"');
    expect(JSON.stringify(details)).not.toContain(token);
    const listed = (await (await fetch(`${emu.url}/_inspector/requests/${seen.requests[1]?.id}`)).json()) as { request: { headers: Record<string, string> } };
    expect(listed.request.headers.authorization).toBe('Bearer [REDACTED]');

    const log = (await (await fetch(`${emu.url}/_admin/log?type=request`)).json()) as { path: string }[];
    expect(log.map((e) => e.path)).not.toContain('/_inspector/state');
    expect(log.map((e) => e.path)).not.toContain('/');
  });

  it('shows a contract violation with the request it refused, and a path with markup decoded, as text', async () => {
    const emu = await emulator();
    await fetch(`${emu.url}/solaris/api/${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    const res = await fetch(`${emu.url}/finapi/process/api/v1/processes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    const [refused, markup] = (await state(emu)).requests;
    expect(markup?.path).toBe('/solaris/api/<img src=x onerror=alert(1)>');
    expect(refused?.contract).toBe(true);
    const details = (await (await fetch(`${emu.url}/_inspector/requests/${refused?.id}`)).json()) as { contract_violation: { field: string; rule: string; spec: string } };
    expect(details.contract_violation).toMatchObject({ rule: 'required', spec: expect.stringContaining('process') });
  });

  it('tells an open event stream when something happens', async () => {
    const emu = await emulator();
    const controller = new AbortController();
    open.push({ close: async () => controller.abort() });
    const res = await fetch(`${emu.url}/_inspector/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const reader = res.body!.getReader();
    const read = async () => new TextDecoder().decode((await reader.read()).value);
    expect(await read()).toBe('retry: 1000\ndata: 0\n\n');
    await solarisToken(emu);
    expect(await read()).toMatch(/^data: [1-9]\d*\n\n$/);
  });
});

describe('actions', () => {
  it('take a POST of JSON from the same origin only', async () => {
    const emu = await emulator();
    const url = `${emu.url}/_inspector/actions/emulator/fault`;
    const fault = JSON.stringify({ path: '/solaris', status: 503 });
    const { host } = new URL(emu.url);
    const refusals: [string, Record<string, string>, number][] = [
      ['no Origin (not a page at all)', { 'Content-Type': 'application/json' }, 403],
      ['another site', { 'Content-Type': 'application/json', Origin: 'https://evil.example' }, 403],
      ['another port', { 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:1' }, 403],
      ['Sec-Fetch-Site cross-site', { 'Content-Type': 'application/json', Origin: `http://${host}`, 'Sec-Fetch-Site': 'cross-site' }, 403],
      ['a text/plain form post', { 'Content-Type': 'text/plain', Origin: `http://${host}` }, 415],
    ];
    for (const [what, headers, status] of refusals) {
      expect((await raw(url, { method: 'POST', headers, body: fault })).status, what).toBe(status);
    }
    expect((await raw(url)).status).toBe(405);
    expect((await state(emu)).sections.emulator?.faults).toEqual([]);

    const added = await action(emu, 'emulator/fault', { method: 'GET', path: '/solaris/api/v1/webhooks', status: 503, count: 2 });
    expect(added.status).toBe(201);
    expect((await state(emu)).sections.emulator?.faults).toEqual([expect.objectContaining({ method: 'GET', path: '/solaris/api/v1/webhooks', status: 503, remaining: 2 })]);
    expect((await fetch(`${emu.url}/solaris/api/v1/webhooks`)).status).toBe(503);
    expect((await action(emu, 'emulator/fault', { path: 'no-slash' })).status).toBe(400);
    const other = JSON.parse((await action(emu, 'emulator/fault', { path: '/soldo', fault: 'drop' })).text) as { id: number };
    // One fault cleared by its id; the other stays.
    expect(JSON.parse((await action(emu, 'emulator/remove-fault', { id: other.id })).text)).toEqual({ removed: other.id });
    expect((await action(emu, 'emulator/remove-fault', { id: other.id })).status).toBe(404);
    expect(((await state(emu)).sections.emulator?.faults as { path: string }[]).map((f) => f.path)).toEqual(['/solaris/api/v1/webhooks']);
    expect(JSON.parse((await action(emu, 'emulator/clear-faults', {})).text)).toEqual({ cleared: 1 });
    expect((await action(emu, 'emulator/nope', {})).status).toBe(404);
  });

  it('stays reachable whatever faults are set', async () => {
    const emu = await emulator();
    expect((await action(emu, 'emulator/fault', { path: '/', fault: 'drop', count: 100 })).status).toBe(201);
    expect((await raw(emu.inspectorUrl)).status).toBe(200);
    expect(JSON.parse((await action(emu, 'emulator/clear-faults', {})).text)).toEqual({ cleared: 1 });
  });
});

describe('Solaris webhooks', () => {
  it('shows each notification with its signature, attempts and next retry, triggers events and re-delivers', async () => {
    const emu = await emulator({ retryIntervalMs: 60_000 });
    const target = await receiver(200, 500, 200);
    const token = await solarisToken(emu);
    const created = await fetch(`${emu.url}/solaris/api/v1/webhooks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ event_type: 'BOOKING', url: target.url }),
    });
    const { secret, id } = (await created.json()) as { secret: string; id: string };

    const triggered = await action(emu, 'solaris/trigger', { event_type: 'BOOKING', entity_id: 'booking-1' });
    expect(triggered.status).toBe(202);
    const notificationId = (JSON.parse(triggered.text) as { notifications: { notification_id: string }[] }).notifications[0]?.notification_id;
    type Notification = { notification_id: string; attempts: number; outcome?: string; next_retry_at?: string; signature: string; attempt_log: { attempt: number; status: number }[] };
    const notifications = async () => (await state(emu)).sections.solaris?.notifications as Notification[];
    const failed = await eventually(notifications, (ns) => ns[0]?.outcome === 'retry');
    expect(failed[0]).toMatchObject({ notification_id: notificationId, attempts: 1, outcome: 'retry', attempt_log: [{ attempt: 1, status: 500 }] });
    // The first retry waits one interval, on the documented schedule.
    const wait = Date.parse(failed[0]?.next_retry_at ?? '') - Date.now();
    expect(wait).toBeGreaterThan(50_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(failed[0]?.signature).toBe(signWebhookBody(secret, Buffer.from(target.seen[1]?.body ?? '')));
    expect((await state(emu)).sections.solaris?.subscriptions).toEqual([{ id, event_type: 'BOOKING', url: target.url }]);

    expect((await action(emu, 'solaris/redeliver', { notification_id: notificationId })).status).toBe(200);
    const delivered = await eventually(notifications, (ns) => ns[0]?.outcome === 'delivered');
    expect(delivered[0]).toMatchObject({ attempts: 2, outcome: 'delivered', attempt_log: [{ attempt: 1, status: 500 }, { attempt: 2, status: 200 }] });
    expect(delivered[0]?.next_retry_at).toBeUndefined();
    expect(target.seen[2]?.headers['solaris-webhook-id']).toBe(notificationId);
    expect((await action(emu, 'solaris/redeliver', { notification_id: 'unknown' })).status).toBe(400);
  });
});

describe('GiroIdent', () => {
  async function check(emu: RunningEmulator): Promise<{ id: string; page: string }> {
    const client = demoCredentials.finapi;
    const processes = await fetch(`${emu.url}/finapi/process/api/v1/processes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId: client.client_id, clientSecret: client.client_secret, clientReferences: [{ clientReference: 'ref-1' }], processId: 'GIROIDENT' }),
    });
    const processToken = ((await processes.json()) as { processes: { processToken: string }[] }).processes[0]?.processToken;
    const exchanged = await fetch(`${emu.url}/finapi/process/api/v1/processes/${processToken}`);
    const userToken = ((await exchanged.json()) as { accessToken: string }).accessToken;
    // The process token is a credential, in the path of its exchange and in the answer that created it.
    const [exchange, creation] = (await state(emu)).requests;
    expect(exchange?.path).toBe('/finapi/process/api/v1/processes/[REDACTED]');
    const created = await (await fetch(`${emu.url}/_inspector/requests/${creation?.id}`)).text();
    expect(created).toContain('[REDACTED]');
    expect(created).not.toContain(String(processToken));
    const check = await fetch(`${emu.url}/finapi/giroident/api/v2/checks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${userToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ 'first-name': 'Erika', 'last-name': 'Mustermann', iban: 'DE89370400440532013000' }),
    });
    const body = (await check.json()) as { 'check-id': string; 'redirect-url': string };
    return { id: body['check-id'], page: body['redirect-url'] };
  }

  it('lists checks with their end-user page, which fails a check with a message and refuses other sites', async () => {
    const emu = await emulator();
    const { id, page } = await check(emu);
    const listed = (await state(emu)).sections.finapi?.checks as { id: string; status: string; page: string }[];
    expect(listed).toEqual([expect.objectContaining({ id, status: 'NOT_STARTED', name: 'Erika Mustermann', page: `/finapi/giroident/web/${id}` })]);

    const shown = await raw(page);
    expect(shown.headers['content-security-policy']).toContain("default-src 'none'");
    expect(shown.text).toContain('Log in and confirm');
    expect(shown.text).not.toMatch(/<script/);
    const form = 'outcome=failure&failure-message=The+session+with+the+bank+timed+out.';
    const formHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' };
    expect((await raw(`${page}/complete`, { method: 'POST', headers: { ...formHeaders, Origin: 'https://evil.example' }, body: form })).status).toBe(403);
    const { host } = new URL(emu.url);
    const done = await raw(`${page}/complete`, { method: 'POST', headers: { ...formHeaders, Origin: `http://${host}` }, body: form });
    expect(done.status).toBe(200);
    expect(done.text).toContain('The session with the bank timed out.');
    expect((await state(emu)).sections.finapi?.checks).toEqual([
      expect.objectContaining({ id, status: 'COMPLETED_WITH_ERROR', 'error-message': 'The session with the bank timed out.' }),
    ]);
  });
});

describe('Soldo', () => {
  it('moves wallet balances with transfers and breaks down a rejected fingerprint with the mistake search', async () => {
    const emu = await emulator();
    const soldo = demoCredentials.soldo;
    const auth = await fetch(`${emu.url}/soldo/oauth/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: soldo.client_id, client_secret: soldo.client_secret }).toString(),
    });
    const token = ((await auth.json()) as { access_token: string }).access_token;
    type Wallet = { id: string; currency_code: string; available_amount: number };
    const wallets = async () => (await state(emu)).sections.soldo?.wallets as Wallet[];
    const before = await wallets();
    const [from, to] = [DEMO_WALLET_IDS.companyEur, DEMO_WALLET_IDS.aliceEur].map((id) => before.find((w) => w.id === id));

    const path = `/business/v2/wallets/internalTransfer/${from?.id}/${to?.id}`;
    const body = new URLSearchParams({ amount: '10', currencyCode: 'EUR' }).toString();
    const contentType = 'application/x-www-form-urlencoded';
    const match = matchOperation('PUT', path);
    const { fingerprint } = computeFingerprint({ order: orderUnder(match!.order, 'guide'), pathParams: match!.pathParams, query: '', body, contentType, token: soldo.fingerprint_token });
    // Upper-case hex: a common mistake the search names.
    const refused = await fetch(`${emu.url}/soldo${path}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType, 'X-Soldo-Fingerprint': fingerprint.toUpperCase(), 'X-Soldo-Fingerprint-Signature': 'x' },
      body,
    });
    expect(refused.status).toBe(400);
    const [verification] = (await state(emu)).sections.soldo?.verifications as { error_code: string; operation: string; breakdown: { expected: string; concatenated: string; likely_mistake: { name: string } } }[];
    expect(verification).toMatchObject({ error_code: 'INVALID_FINGERPRINT', operation: 'wallet-internal-transfer' });
    expect(verification?.breakdown.expected).toBe(fingerprint);
    expect(verification?.breakdown.likely_mistake.name).toBe('uppercase-hex');
    expect(verification?.breakdown.concatenated).not.toContain(soldo.fingerprint_token);
    expect(await wallets()).toEqual(before);

    const signature = signFingerprint(fingerprint, loadPrivateKey(DEMO_SOLDO_PRIVATE_KEY_PEM));
    const moved = await fetch(`${emu.url}/soldo${path}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`,  'Content-Type': contentType, 'X-Soldo-Fingerprint': fingerprint, 'X-Soldo-Fingerprint-Signature': signature },
      body,
    });
    expect(moved.status).toBe(200);
    const after = await wallets();
    expect(after.find((w) => w.id === from?.id)?.available_amount).toBeCloseTo((from?.available_amount ?? 0) - 10);
    expect(after.find((w) => w.id === to?.id)?.available_amount).toBeCloseTo((to?.available_amount ?? 0) + 10);
    expect((await state(emu)).sections.soldo?.verifications).toEqual([
      expect.not.objectContaining({ error_code: expect.anything() }),
      expect.objectContaining({ error_code: 'INVALID_FINGERPRINT' }),
    ]);
  });
});
