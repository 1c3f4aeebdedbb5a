import { readFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../server.js';
import type { TokenStore } from '../types.js';
import { solarisEmulator } from './service.js';

/**
 * Every answer of the emulated Solaris, checked against the JSON Schemas written from Solaris' published pages
 * (spec/solaris/, sources in spec/README.md). Each route is listed with the schema of each answer it gives; a
 * route added to the emulator without an entry here fails the first test.
 */

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const SPEC = new URL('../../../spec/solaris/', import.meta.url);

// ajv-formats is CommonJS: under NodeNext its default import is the module object, the plugin is on `.default`.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);

let emulator: RunningEmulator;
let bearer: string;
beforeAll(async () => {
  for (const file of await readdir(SPEC)) ajv.addSchema(JSON.parse(await readFile(new URL(file, SPEC), 'utf8')) as object, file);
  emulator = await startEmulator({ port: 0, now: () => NOW, retryIntervalMs: 10 });
  const token = await call('POST', '/solaris/auth/oauth2/token', tokenRequest());
  bearer = (token.body as { access_token: string }).access_token;
});
afterAll(() => emulator.close());

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  body: unknown;
}

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const res = await fetch(`${emulator.url}${path}`, { method, headers: init.headers, body: init.body });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), text, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function tokenRequest(body = 'grant_type=client_credentials&scope=partners', auth = 'demo-solaris-client:demo-solaris-secret') {
  return { headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from(auth).toString('base64')}` }, body };
}

const api = (method: string, path: string, json?: unknown, token: string | null = bearer) =>
  call(method, `/solaris/api${path}`, {
    headers: { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...(json === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });

function conforms(answer: Answer, status: number, schema: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json\b/);
  const valid = ajv.validate(schema, answer.body);
  expect(valid ? [] : ajv.errors, `${schema}: ${answer.text}`).toEqual([]);
}

/** The routes the emulator serves, as `METHOD /prefix/path`. */
function emulatedRoutes(): string[] {
  const env = { now: () => NOW, tokenTtlSeconds: 3600, tokens: {} as TokenStore, log: () => undefined };
  const { services } = solarisEmulator(env, { signal: new AbortController().signal });
  return services.flatMap((service) => service.routes.map((route) => `${route.method} ${service.prefix}${route.path}`)).sort();
}

/** Each route with the answers checked below; `undocumented` names an answer Solaris publishes no shape for. */
const covered: Record<string, string[]> = {
  'POST /solaris/auth/oauth2/token': ['201 oauth-token', '400 oauth-error', '401 oauth-error'],
  'POST /solaris/api/v1/webhooks': ['201 webhook-created', '400 error', '401 error', '409 error'],
  'GET /solaris/api/v1/webhooks': ['200 webhook-list', '400 error'],
  'GET /solaris/api/v1/webhooks/:id': ['200 webhook', '404 error'],
  'DELETE /solaris/api/v1/webhooks/:id': ['204 empty', '404 error'],
  'POST /solaris/api/v1/persons/:id/device_consents': ['201 device-consent', '400 error'],
  'POST /solaris/api/v1/persons/:id/device_activities': ['201 undocumented', '400 error'],
};

describe('the emulated Solaris against the published descriptions', () => {
  it('has an entry here for every route it serves', () => {
    expect(emulatedRoutes()).toEqual(Object.keys(covered).sort());
  });

  it('POST /oauth2/token: the token, and OAuth errors', async () => {
    conforms(await call('POST', '/solaris/auth/oauth2/token', tokenRequest()), 201, 'oauth-token.schema.json');
    conforms(await call('POST', '/solaris/auth/oauth2/token', tokenRequest('grant_type=password&scope=partners')), 400, 'oauth-error.schema.json');
    conforms(await call('POST', '/solaris/auth/oauth2/token', tokenRequest(undefined, 'demo-solaris-client:wrong')), 401, 'oauth-error.schema.json');
  });

  it('the webhook subscription operations', async () => {
    // A subscription needs a URL that answers Solaris' check call with 2xx.
    const server = createServer((_req, res) => res.writeHead(200).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
    try {
      const created = await api('POST', '/v1/webhooks', { event_type: 'CARD_FRAUD_CASE_PENDING', url });
      conforms(created, 201, 'webhook-created.schema.json');
      const id = (created.body as { id: string }).id;
      conforms(await api('POST', '/v1/webhooks', { event_type: 'CARD_FRAUD_CASE_PENDING', url }), 409, 'error.schema.json');
      conforms(await api('POST', '/v1/webhooks', { event_type: 'BOOKING', url: 'http://example.com/x' }), 400, 'error.schema.json');
      conforms(await api('POST', '/v1/webhooks', { event_type: 'BOOKING', url }, null), 401, 'error.schema.json');
      conforms(await api('GET', '/v1/webhooks?page[number]=1&page[size]=10'), 200, 'webhook-list.schema.json');
      conforms(await api('GET', '/v1/webhooks?page[size]=0'), 400, 'error.schema.json');
      conforms(await api('GET', `/v1/webhooks/${id}`), 200, 'webhook.schema.json');
      conforms(await api('GET', '/v1/webhooks/nope'), 404, 'error.schema.json');
      const deleted = await api('DELETE', `/v1/webhooks/${id}`);
      expect([deleted.status, deleted.text]).toEqual([204, '']);
      conforms(await api('DELETE', `/v1/webhooks/${id}`), 404, 'error.schema.json');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('device monitoring: the consent as documented, with created_at', async () => {
    const consent = await api('POST', '/v1/persons/dc1a6812a14f6cc338cd084208535bcdcper/device_consents', { event_type: 'APPROVED', confirmed_at: '2026-11-25T11:59:00Z' });
    conforms(consent, 201, 'device-consent.schema.json');
    expect((consent.body as { created_at: string }).created_at).toBe('2026-11-25T12:00:00.000Z');
    conforms(await api('POST', '/v1/persons/p/device_consents', { event_type: 'MAYBE', confirmed_at: '2026-11-25T11:59:00Z' }), 400, 'error.schema.json');
    const activity = await api('POST', '/v1/persons/p/device_activities', { activity_type: 'APP_START', device_data: 'eyJkIjoxfQ==' });
    expect(activity.status).toBe(201); // its answer's shape is not published: the emulator's own (docs/emulator.md)
    conforms(await api('POST', '/v1/persons/p/device_activities', { activity_type: 'APP_START', device_data: 'not base64' }), 400, 'error.schema.json');
  });
});
