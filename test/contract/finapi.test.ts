import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestSchemas } from '../../src/emulator/finapi/descriptions.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { EmulatorEvent } from '../../src/emulator/types.js';
import { demoCredentials } from '../../src/providers/demo-credentials.js';

/**
 * Every answer of every finAPI route the emulator serves, held against the JSON Schemas in spec/finapi/ (written from
 * finAPI's published Access and GiroIdent models) with ajv, a complete JSON Schema implementation; and the requests
 * the emulator refuses, in each product's error format, with a `contract` event.
 */

interface Description {
  $id: string;
  operations: Record<string, { responses: Record<string, string | null> }>;
  $defs: Record<string, unknown>;
}

const load = (file: string) => JSON.parse(readFileSync(new URL(`../../spec/finapi/${file}`, import.meta.url), 'utf8')) as Description;
const specs = {
  access: load('access-v2-2024.18.1.schema.json'),
  giroident: load('giroident-v2-2022.34.1.schema.json'),
  process: load('process-controller.schema.json'),
};
type Product = keyof typeof specs;

const ajv = new Ajv2020({ strict: false, formats: fullFormats, allErrors: true });
for (const spec of Object.values(specs)) ajv.addSchema(spec);

/** The error model each product answers with, whatever the operation (the kit's 404, 405, 413, 415 included). */
const errorModel: Record<Product, string> = { access: 'ErrorMessage', giroident: 'ApiError', process: 'ErrorMessage' };

interface Answer {
  status: number;
  text: string;
  body: unknown;
  requestId: string | null;
}

const checked: string[] = [];

/** The answer conforms: a status the operation documents (or a refusal of the request itself), and that status's model. */
function expectConforms(product: Product, operation: string, answer: Answer): void {
  const documented = specs[product].operations[operation]?.responses;
  if (documented === undefined) throw new Error(`no operation ${operation} in the ${product} description`);
  const model = String(answer.status) in documented ? documented[String(answer.status)] : [415].includes(answer.status) ? errorModel[product] : undefined;
  expect(model, `${product} ${operation} documents no ${answer.status}`).not.toBeUndefined();
  checked.push(`${product} ${operation} ${answer.status}`);
  if (model === null) {
    expect(answer.text).toBe('');
    return;
  }
  const validate = ajv.getSchema(`${specs[product].$id}#/$defs/${model ?? ''}`);
  if (validate === undefined) throw new Error(`no model ${model ?? ''}`);
  expect(validate(answer.body), `${product} ${operation} ${answer.status}: ${ajv.errorsText(validate.errors)}\n${answer.text}`).toBe(true);
}

const client = demoCredentials.finapi;
let emulator: RunningEmulator;
let events: EmulatorEvent[];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, onEvent: (event) => events.push(event) });
});
afterAll(() => emulator.close());
beforeEach(() => {
  events = [];
});

async function send(method: string, service: 'access' | 'process' | 'giroident', path: string, options: { token?: string; json?: unknown; form?: Record<string, string>; raw?: [string, string] } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) [headers['Content-Type'], body] = ['application/json', JSON.stringify(options.json)];
  if (options.form !== undefined) [headers['Content-Type'], body] = ['application/x-www-form-urlencoded', new URLSearchParams(options.form).toString()];
  if (options.raw !== undefined) [headers['Content-Type'], body] = options.raw;
  const res = await fetch(`${emulator.url}/finapi/${service}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, text, body: text === '' ? undefined : (JSON.parse(text) as unknown), requestId: res.headers.get('x-request-id') };
}

const clientGrant = { grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret };
const token = (fields: Record<string, string>, path = '/api/v2/oauth/token') => send('POST', 'access', path, { form: fields });
const field = (answer: Answer, name: string): string => String((answer.body as Record<string, unknown>)[name]);

describe('the request schemas the emulator checks at run time', () => {
  it('are the ones in spec/finapi/', () => {
    const withoutComments = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === '$comment' ? undefined : inner)));
    expect(requestSchemas.access.TokenRequest).toEqual(withoutComments(specs.access.$defs.TokenRequest));
    expect(requestSchemas.access.UserCreateParams).toEqual(withoutComments(specs.access.$defs.UserCreateParams));
    expect(requestSchemas.giroident.CheckCreateParams).toEqual(withoutComments(specs.giroident.$defs.CheckCreateParams));
    expect(requestSchemas.process.ProcessCreateParams).toEqual(withoutComments(specs.process.$defs.ProcessCreateParams));
  });
});

describe('the models', () => {
  it("refuse the answers the emulator gave before it followed them", () => {
    const valid = (product: Product, model: string, body: unknown) => ajv.getSchema(`${specs[product].$id}#/$defs/${model}`)?.(body);
    expect(valid('giroident', 'CheckModel', { status: 'REGISTRATION' })).toBe(false);
    expect(valid('giroident', 'CheckModel', { status: 'COMPLETED', 'name-equality': null })).toBe(false);
    expect(valid('access', 'ErrorMessage', { errors: [{ message: 'm', code: 'FORBIDDEN', type: 'BUSINESS' }], date: '2026-01-01T00:00:00.000Z', endpoint: 'GET /api/v2/users', authContext: null, bank: null })).toBe(false);
    expect(valid('access', 'User', { id: 'alice', email: null, phone: null, isAutoUpdateEnabled: false })).toBe(false);
  });
});

describe('every finAPI answer of the emulator conforms to the published models', () => {
  it('Access: tokens, users and their refusals', async () => {
    const conforms = (operation: string, answer: Answer) => {
      expectConforms('access', operation, answer);
      return answer;
    };
    const clientToken = field(conforms('getToken', await token(clientGrant)), 'access_token');
    conforms('getToken', await token(clientGrant, '/oauth/token'));
    conforms('getToken', await token({ ...clientGrant, client_secret: 'wrong' }));
    conforms('getToken', await token({ ...clientGrant, grant_type: 'password', username: 'nobody', password: 'x' }));
    conforms('getToken', await token({ ...clientGrant, grant_type: 'password' }));
    conforms('getToken', await token({ client_id: client.client_id }));
    conforms('getToken', await send('POST', 'access', `/api/v2/oauth/token?${new URLSearchParams(clientGrant)}`));
    conforms('getToken', await send('POST', 'access', '/api/v2/oauth/token', { json: clientGrant }));

    conforms('createUser', await send('POST', 'access', '/api/v2/users', { token: clientToken, json: { id: 'alice', password: 'secret-password' } }));
    conforms('createUser', await send('POST', 'access', '/api/v2/users', { token: clientToken, json: { email: 'bob@example.com', phone: '+49 30 1234' } }));
    conforms('createUser', await send('POST', 'access', '/api/v2/users', { token: clientToken, json: { id: 'alice', password: 'secret-password' } }));
    conforms('createUser', await send('POST', 'access', '/api/v2/users', { token: clientToken, json: { id: 'a b' } }));
    conforms('createUser', await send('POST', 'access', '/api/v2/users', { json: {} }));
    const grant = conforms('getToken', await token({ ...clientGrant, grant_type: 'password', username: 'alice', password: 'secret-password' }));
    const userToken = field(grant, 'access_token');
    conforms('getToken', await token({ ...clientGrant, grant_type: 'refresh_token', refresh_token: field(grant, 'refresh_token') }));
    conforms('getToken', await token({ ...clientGrant, grant_type: 'refresh_token', refresh_token: 'nope' }));
    conforms('createUser', await send('POST', 'access', '/api/v2/users', { token: userToken, json: {} }));

    const user = conforms('getAuthorizedUser', await send('GET', 'access', '/api/v2/users', { token: userToken }));
    expect(user.body).toEqual({ id: 'alice', password: 'XXXXX', isAutoUpdateEnabled: false });
    conforms('getAuthorizedUser', await send('GET', 'access', '/api/v2/users', { token: clientToken }));
    conforms('getAuthorizedUser', await send('GET', 'access', '/api/v2/users'));
    conforms('deleteAuthorizedUser', await send('DELETE', 'access', '/api/v2/users', { token: clientToken }));
    conforms('deleteAuthorizedUser', await send('DELETE', 'access', '/api/v2/users', { token: userToken }));
    conforms('deleteAuthorizedUser', await send('DELETE', 'access', '/api/v2/users', { token: userToken }));
  });

  it('Process Controller: processes and their exchanges', async () => {
    const request = { clientId: client.client_id, clientSecret: client.client_secret, clientReferences: [{ clientReference: 'c-1' }], processId: 'GIROIDENT' };
    const created = await send('POST', 'process', '/api/v1/processes', { json: request });
    expectConforms('process', 'createProcesses', created);
    expectConforms('process', 'createProcesses', await send('POST', 'process', '/processes', { json: { ...request, clientSecret: 'wrong' } }));
    expectConforms('process', 'createProcesses', await send('POST', 'process', '/processes', { json: { ...request, processId: 'KYC' } }));
    const processToken = (created.body as { processes: { processToken: string }[] }).processes[0]?.processToken ?? '';
    expectConforms('process', 'exchangeProcessToken', await send('GET', 'process', `/api/v1/processes/${processToken}?invalidate=maybe`));
    expectConforms('process', 'exchangeProcessToken', await send('GET', 'process', `/api/v1/processes/${processToken}?invalidate=true`));
    expectConforms('process', 'exchangeProcessToken', await send('GET', 'process', `/processes/${processToken}`));
    expectConforms('process', 'exchangeProcessToken', await send('GET', 'process', '/processes/unknown'));
  });

  it('GiroIdent v2: checks in every state the emulator reaches, and their refusals', async () => {
    const clientToken = field(await token(clientGrant), 'access_token');
    await send('POST', 'access', '/api/v2/users', { token: clientToken, json: { id: 'carol', password: 'secret-password' } });
    const userToken = field(await token({ ...clientGrant, grant_type: 'password', username: 'carol', password: 'secret-password' }), 'access_token');
    const person = { 'first-name': 'Erika', 'last-name': 'Mustermann', iban: 'DE89370400440532013000' };

    for (const [outcome, product] of [['approve', 'checks'], ['deny', 'checks-plus'], ['approve', 'checks-gwg']] as const) {
      const created = await send('POST', 'giroident', `/api/v2/${product}`, { token: userToken, json: person });
      expectConforms('giroident', 'createCheck', created);
      const checkId = field(created, 'check-id');
      const get = () => send('GET', 'giroident', `/api/v2/${product}/${checkId}`, { token: userToken });
      expectConforms('giroident', 'getCheck', await get());
      await fetch(field(created, 'redirect-url'));
      expectConforms('giroident', 'getCheck', await get());
      await fetch(`${field(created, 'redirect-url')}/complete`, { method: 'POST', body: new URLSearchParams({ outcome }) });
      const done = await get();
      expectConforms('giroident', 'getCheck', done);
      expect(field(done, 'status')).toBe(outcome === 'approve' ? 'COMPLETED' : 'COMPLETED_WITH_ERROR');
    }
    expectConforms('giroident', 'createCheck', await send('POST', 'giroident', '/api/v2/checks', { token: userToken, json: { ...person, iban: 'DE00' } }));
    expectConforms('giroident', 'createCheck', await send('POST', 'giroident', '/api/v2/checks', { token: userToken, json: { iban: person.iban } }));
    expectConforms('giroident', 'createCheck', await send('POST', 'giroident', '/api/v2/checks', { json: person }));
    expectConforms('giroident', 'createCheck', await send('POST', 'giroident', '/api/v2/checks', { token: clientToken, json: person }));
    expectConforms('giroident', 'getCheck', await send('GET', 'giroident', '/api/v2/checks/00000000-0000-4000-8000-000000000000', { token: userToken }));
    expectConforms('giroident', 'getCheck', await send('GET', 'giroident', '/api/v2/checks/whatever', { token: 'expired-or-made-up' }));
  });

  it('covered every documented operation', () => {
    const operations = new Set(checked.map((entry) => entry.split(' ').slice(0, 2).join(' ')));
    const documented = Object.entries(specs).flatMap(([product, spec]) => Object.keys(spec.operations).map((operation) => `${product} ${operation}`));
    expect([...operations].sort()).toEqual(documented.sort());
  });
});

describe('the emulator checks finAPI requests against the descriptions', () => {
  const cases: [Product, string, () => Promise<Answer>, number, string, string][] = [
    ['access', 'a wrong content type', () => send('POST', 'access', '/api/v2/oauth/token', { json: clientGrant }), 415, 'header content-type', 'content-type'],
    ['access', 'a missing required field', () => token({ grant_type: 'client_credentials', client_id: client.client_id }), 400, 'body client_secret', 'required'],
    ['access', 'a value outside the enum', () => token({ ...clientGrant, grant_type: 'authorization_code' }), 400, 'body grant_type', 'enum'],
    ['process', 'a wrong content type', () => send('POST', 'process', '/api/v1/processes', { raw: ['text/plain', 'clientId=x'] }), 415, 'header content-type', 'content-type'],
    ['process', 'a missing required field', () => send('POST', 'process', '/api/v1/processes', { json: { clientId: 'x', clientSecret: 'y', processId: 'GIROIDENT' } }), 400, 'body clientReferences', 'required'],
    ['process', 'a value outside the enum', () => send('POST', 'process', '/api/v1/processes', { json: { clientId: 'x', clientSecret: 'y', clientReferences: [{ clientReference: 'r' }], processId: 'KYC' } }), 400, 'body processId', 'enum'],
    ['giroident', 'a wrong content type', async () => send('POST', 'giroident', '/api/v2/checks', { token: await giroidentToken(), raw: ['application/x-www-form-urlencoded', 'last-name=Muster'] }), 415, 'header content-type', 'content-type'],
    ['giroident', 'a missing required field', async () => send('POST', 'giroident', '/api/v2/checks', { token: await giroidentToken(), json: { 'last-name': 'Mustermann' } }), 400, 'body first-name', 'required'],
    // CheckCreateParams has no enum: a value of the wrong type stands in for it.
    ['giroident', 'a value of the wrong type', async () => send('POST', 'giroident', '/api/v2/checks', { token: await giroidentToken(), json: { 'company-name': 'ACME GmbH', 'strict-check': 'yes' } }), 400, 'body strict-check', 'type'],
  ];

  it.each(cases)('%s: refuses %s in its own format and logs a contract event', async (product, _name, request, status, fieldName, rule) => {
    const answer = await request();
    expect(answer.status).toBe(status);
    const validate = ajv.getSchema(`${specs[product].$id}#/$defs/${errorModel[product]}`);
    expect(validate?.(answer.body), ajv.errorsText(validate?.errors)).toBe(true);
    const message = product === 'giroident' ? field(answer, 'error-message') : String((answer.body as { errors: { message: string }[] }).errors[0]?.message);
    const event = events.find((e) => e.type === 'contract');
    expect(event).toMatchObject({ type: 'contract', field: fieldName, rule, spec: expect.stringMatching(/^finapi-/) });
    expect(message).toBe(`${String(event?.message)} (${String(event?.spec)})`);
  });
});

async function giroidentToken(): Promise<string> {
  const request = { clientId: client.client_id, clientSecret: client.client_secret, clientReferences: [{ clientReference: 'r' }], processId: 'GIROIDENT' };
  const created = await send('POST', 'process', '/api/v1/processes', { json: request });
  const processToken = (created.body as { processes: { processToken: string }[] }).processes[0]?.processToken ?? '';
  return field(await send('GET', 'process', `/api/v1/processes/${processToken}?invalidate=true`), 'accessToken');
}
