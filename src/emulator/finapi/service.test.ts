import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCredentials } from '../../providers/demo-credentials.js';
import { startEmulator, type RunningEmulator } from '../server.js';
import type { EmulatorEvent } from '../types.js';

/** finAPI on the emulator, over real HTTP with plain fetch. */

const client = demoCredentials.finapi;
let emulator: RunningEmulator;
let clock: number;
let events: EmulatorEvent[];
const contractEvents = () => events.filter((event) => event.type === 'contract');

beforeEach(async () => {
  clock = Date.UTC(2024, 0, 15, 12);
  events = [];
  emulator = await startEmulator({ port: 0, now: () => clock, tokenTtlSeconds: 3600, onEvent: (event) => events.push(event) });
});
afterEach(() => emulator.close());

const url = (service: 'access' | 'process' | 'giroident', path: string) => `${emulator.url}/finapi/${service}${path}`;

async function call(method: string, target: string, options: { token?: string; json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const body = options.form !== undefined ? new URLSearchParams(options.form) : options.json === undefined ? undefined : JSON.stringify(options.json);
  const res = await fetch(target, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const tokenCall = (fields: Record<string, string>, path = '/api/v2/oauth/token') => call('POST', url('access', path), { form: fields });
const clientGrant = { grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret };

async function clientToken(): Promise<string> {
  return (await tokenCall(clientGrant)).body?.access_token as string;
}

async function createUser(user: Record<string, unknown> = { id: 'alice', password: 'secret-password' }) {
  return call('POST', url('access', '/api/v2/users'), { token: await clientToken(), json: user });
}

async function passwordGrant(username = 'alice', password = 'secret-password') {
  return tokenCall({ grant_type: 'password', client_id: client.client_id, client_secret: client.client_secret, username, password });
}

async function userToken(id = 'alice'): Promise<string> {
  await createUser({ id, password: 'secret-password' });
  return (await passwordGrant(id)).body?.access_token as string;
}

/** Access's ErrorMessage: `requestId` (the header's), `authContext` a string, no `bank` where no bank is involved. */
function expectFinapiError(res: Awaited<ReturnType<typeof call>>, status: number, code: string, type = 'BUSINESS') {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ errors: [{ code, type, message: expect.any(String) }], requestId: res.headers.get('x-request-id'), authContext: expect.any(String) });
  expect(res.body).not.toHaveProperty('bank');
  expect(res.body?.endpoint).toMatch(/^(GET|POST|DELETE) \/(api|processes)/);
}

/** GiroIdent's ApiError: `{error-code, error-message, time, request-id}`. */
function expectGiroidentError(res: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ 'error-code': code, 'error-message': expect.any(String), time: expect.any(String), 'request-id': res.headers.get('x-request-id') });
}

describe('finAPI Access: tokens', () => {
  it('answers client_credentials with a bearer token, and the same token until it expires', async () => {
    const first = await tokenCall(clientGrant);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 3600, scope: 'all' });
    clock += 60_000;
    const again = await tokenCall(clientGrant, '/oauth/token'); // the v1 path
    expect(again.body).toMatchObject({ access_token: first.body?.access_token, expires_in: 3540 });
    clock += 3600_000;
    expect((await tokenCall(clientGrant)).body?.access_token).not.toBe(first.body?.access_token);
  });

  it('issues a new token once the admin route expired every token', async () => {
    const first = await clientToken();
    expect((await call('POST', `${emulator.url}/_admin/tokens/expire`)).status).toBe(200);
    expect(await clientToken()).not.toBe(first);
    expect((await call('GET', url('access', '/api/v2/users'), { token: first })).body).toEqual({
      error: 'invalid_token',
      error_description: 'Access token expired',
    });
  });

  it('refuses credentials in the query string, saying where they belong', async () => {
    const res = await call('POST', url('access', `/api/v2/oauth/token?${new URLSearchParams(clientGrant)}`));
    expectFinapiError(res, 400, 'BAD_REQUEST', 'TECHNICAL');
    expect((res.body?.errors as { message: string }[])[0]?.message).toContain('form-encoded request body, not in the query string');
  });

  it('refuses a JSON body with 415', async () => {
    expectFinapiError(await call('POST', url('access', '/api/v2/oauth/token'), { json: clientGrant }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'TECHNICAL');
  });

  it('answers a wrong client secret with the OAuth error of the description (BadCredentialsError)', async () => {
    const res = await tokenCall({ ...clientGrant, client_secret: 'wrong' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
  });

  it.each([
    ['no grant type', { client_id: client.client_id, client_secret: client.client_secret }, 'BAD_REQUEST', 'TECHNICAL'],
    ['an unknown grant type', { ...clientGrant, grant_type: 'authorization_code' }, 'BAD_REQUEST', 'TECHNICAL'],
    ['a password grant without a password', { ...clientGrant, grant_type: 'password', username: 'alice' }, 'MISSING_FIELD', 'BUSINESS'],
    ['an unknown refresh token', { ...clientGrant, grant_type: 'refresh_token', refresh_token: 'nope' }, 'BAD_REQUEST', 'BUSINESS'],
  ])('answers %s with 400 in the Access error format', async (_, fields, code, type) => {
    expectFinapiError(await tokenCall(fields), 400, code, type);
  });

  it('answers the password grant with a refresh token, and the refresh grant with the same access token', async () => {
    await createUser();
    const password = await passwordGrant();
    expect(password.body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      refresh_token: expect.any(String),
      expires_in: 3600,
      scope: 'all',
    });
    const refreshed = await tokenCall({ ...clientGrant, grant_type: 'refresh_token', refresh_token: password.body?.refresh_token as string });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body?.access_token).toBe(password.body?.access_token);
    expect(refreshed.body).not.toHaveProperty('refresh_token');
    expect((await passwordGrant()).body?.access_token).toBe(password.body?.access_token);
  });

  it('answers a wrong password and an unknown user alike: 400 in the Access error format', async () => {
    await createUser();
    const wrong = await passwordGrant('alice', 'wrong-password');
    expectFinapiError(wrong, 400, 'BAD_REQUEST');
    expect(wrong.body?.authContext).toBe('anonymous');
    const unknown = await passwordGrant('nobody', 'some-password');
    expect((unknown.body?.errors as unknown[])[0]).toEqual((wrong.body?.errors as unknown[])[0]);
  });
});

describe('finAPI Access: users', () => {
  it('creates a user with a client token and answers it with its password; the user token reads it without', async () => {
    const created = await createUser({ id: 'alice', password: 'secret-password', email: 'alice@example.com', isAutoUpdateEnabled: true });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: 'alice', password: 'secret-password', email: 'alice@example.com', isAutoUpdateEnabled: true });
    const token = (await passwordGrant()).body?.access_token as string;
    const read = await call('GET', url('access', '/api/v2/users'), { token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ id: 'alice', password: 'XXXXX', email: 'alice@example.com', isAutoUpdateEnabled: true });
  });

  it('generates the id and password when they are absent', async () => {
    const created = await createUser({});
    expect(created.status).toBe(201);
    expect(created.body?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((created.body?.password as string).length).toBeGreaterThanOrEqual(6);
  });

  it('refuses a duplicate id with 422 ENTITY_EXISTS', async () => {
    await createUser();
    expectFinapiError(await createUser(), 422, 'ENTITY_EXISTS');
  });

  it.each([
    ['an id with a space', { id: 'al ice' }],
    ['an id of 37 characters', { id: 'a'.repeat(37) }],
    ['a password of 5 characters', { password: '12345' }],
    ['a password of 129 characters', { password: 'p'.repeat(129) }],
    ['a numeric email', { email: 42 }],
  ])('refuses %s with 400 and a contract event naming the field', async (_, user) => {
    expectFinapiError(await createUser(user), 400, 'BAD_REQUEST', 'TECHNICAL');
    const [field] = Object.keys(user);
    expect(contractEvents()).toEqual([expect.objectContaining({ field: `body ${field ?? ''}`, spec: 'finapi-access-v2-2024.18.1 createUser' })]);
  });

  it('refuses user creation with a user token (403) and without a token (401)', async () => {
    const token = await userToken();
    expectFinapiError(await call('POST', url('access', '/api/v2/users'), { token, json: { id: 'bob' } }), 403, 'FORBIDDEN');
    // The token is checked before the body: a bad body without a token is still a 401.
    const anonymous = await call('POST', url('access', '/api/v2/users'), { json: { id: 'b o b' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ error: 'unauthorized', error_description: expect.any(String) });
  });

  it('deletes the authorised user: its tokens stop working and its password grant fails', async () => {
    await createUser();
    const grant = (await passwordGrant()).body ?? {};
    const token = grant.access_token as string;
    expectFinapiError(await call('DELETE', url('access', '/api/v2/users'), { token: await clientToken() }), 403, 'FORBIDDEN');
    const deleted = await call('DELETE', url('access', '/api/v2/users'), { token });
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect((await call('GET', url('access', '/api/v2/users'), { token })).status).toBe(401);
    expectFinapiError(await passwordGrant(), 400, 'BAD_REQUEST');
    expectFinapiError(await tokenCall({ ...clientGrant, grant_type: 'refresh_token', refresh_token: grant.refresh_token as string }), 400, 'BAD_REQUEST');
    // The same id again is a new user: the old user's token is not handed out again.
    await createUser();
    expect((await passwordGrant()).body?.access_token).not.toBe(token);
  });
});

describe('finAPI X-Request-Id', () => {
  it('echoes the caller’s id, on success and on error', async () => {
    const ok = await call('POST', url('access', '/api/v2/oauth/token'), { form: clientGrant, headers: { 'X-Request-Id': 'req-123' } });
    expect(ok.headers.get('x-request-id')).toBe('req-123');
    const failed = await call('GET', url('giroident', '/api/v2/checks/nope'), { headers: { 'X-Request-Id': 'req-456' } });
    expectGiroidentError(failed, 401, 'UNAUTHORIZED');
    expect(failed.headers.get('x-request-id')).toBe('req-456');
  });

  it('generates one when the caller sent none', async () => {
    const res = await tokenCall(clientGrant);
    expect(res.headers.get('x-request-id')).toMatch(/^selfgen-[0-9a-f-]{36}$/);
  });

  it('refuses an id longer than 255 characters', async () => {
    const res = await call('POST', url('access', '/api/v2/oauth/token'), { form: clientGrant, headers: { 'X-Request-Id': 'x'.repeat(256) } });
    expectFinapiError(res, 400, 'BAD_REQUEST');
    expect(res.headers.get('x-request-id')).toMatch(/^selfgen-[0-9a-f-]{36}$/);
    const longest = await call('POST', url('access', '/api/v2/oauth/token'), { form: clientGrant, headers: { 'X-Request-Id': 'x'.repeat(255) } });
    expect(longest.status).toBe(200);
  });
});

const processRequest = (overrides: Record<string, unknown> = {}) => ({
  clientId: client.client_id,
  clientSecret: client.client_secret,
  clientReferences: [{ clientReference: 'customer-42' }],
  processId: 'GIROIDENT',
  ...overrides,
});

async function processToken(path = '/api/v1/processes'): Promise<string> {
  const res = await call('POST', url('process', path), { json: processRequest() });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ processes: [{ clientReference: 'customer-42', processToken: expect.any(String) }] });
  return (res.body?.processes as { processToken: string }[])[0]?.processToken ?? '';
}

const exchange = (token: string, invalidate?: boolean) =>
  call('GET', url('process', `/api/v1/processes/${token}${invalidate === undefined ? '' : `?invalidate=${invalidate}`}`));

describe('finAPI Process Controller', () => {
  it('exchanges a process token once with invalidate=true, then refuses it', async () => {
    const token = await processToken();
    const first = await exchange(token, true);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accessToken: expect.any(String) });
    expectFinapiError(await exchange(token, true), 409, 'ILLEGAL_ENTITY_STATE');
    expectFinapiError(await exchange(token, false), 409, 'ILLEGAL_ENTITY_STATE');
  });

  it('allows 10 exchanges without invalidation and refuses the 11th', async () => {
    const token = await processToken('/processes'); // the integration guide's path
    const tokens = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const res = await exchange(token, i % 2 === 0 ? false : undefined);
      expect(res.status).toBe(200);
      tokens.add(res.body?.accessToken as string);
    }
    expect(tokens.size).toBe(10);
    expectFinapiError(await exchange(token, false), 409, 'ILLEGAL_ENTITY_STATE');
  });

  it('answers an unknown process token with 404 UNKNOWN_ENTITY', async () => {
    expectFinapiError(await exchange('no-such-token', true), 404, 'UNKNOWN_ENTITY');
  });

  it('refuses an invalidate value other than true or false', async () => {
    expectFinapiError(await call('GET', url('process', `/api/v1/processes/${await processToken()}?invalidate=yes`)), 400, 'BAD_REQUEST', 'TECHNICAL');
    expect(contractEvents()).toEqual([expect.objectContaining({ field: 'query invalidate', rule: 'type' })]);
  });

  it('refuses process creation with bad client credentials', async () => {
    expectFinapiError(await call('POST', url('process', '/api/v1/processes'), { json: processRequest({ clientSecret: 'wrong' }) }), 401, 'UNAUTHORIZED_ACCESS');
  });

  it.each([
    ['an unknown processId', processRequest({ processId: 'KYC' }), 'body processId', 'enum'],
    ['no clientId', processRequest({ clientId: undefined }), 'body clientId', 'required'],
    ['no processId', processRequest({ processId: undefined }), 'body processId', 'required'],
    ['no client references', processRequest({ clientReferences: [] }), 'body clientReferences', 'minItems'],
    ['a reference without clientReference', processRequest({ clientReferences: [{}] }), 'body clientReferences[0].clientReference', 'required'],
  ])('refuses process creation with %s, as its contract says', async (_, body, field, rule) => {
    expectFinapiError(await call('POST', url('process', '/api/v1/processes'), { json: body }), 400, 'BAD_REQUEST', 'TECHNICAL');
    expect(contractEvents()).toEqual([expect.objectContaining({ field, rule })]);
  });

  it('creates one process token per client reference', async () => {
    const res = await call('POST', url('process', '/api/v1/processes'), {
      json: processRequest({ clientReferences: [{ clientReference: 'a' }, { clientReference: 'b' }] }),
    });
    expect((res.body?.processes as { clientReference: string }[]).map((p) => p.clientReference)).toEqual(['a', 'b']);
  });
});

const person = { 'first-name': 'Erika', 'last-name': 'Mustermann', iban: 'DE89370400440532013000', 'external-id': 'ext-1' };

async function createCheck(token: string, check: Record<string, unknown> = person, product = 'checks') {
  return call('POST', url('giroident', `/api/v2/${product}`), { token, json: check });
}

describe('finAPI GiroIdent', () => {
  it('creates a check with a process token and moves it through the v2 states on the redirect page', async () => {
    const token = (await exchange(await processToken(), true)).body?.accessToken as string;
    const created = await createCheck(token);
    expect(created.status).toBe(201);
    const checkId = created.body?.['check-id'] as string;
    expect(created.body).toEqual({ 'check-id': checkId, 'redirect-url': `${emulator.url}/finapi/giroident/web/${checkId}` });

    const get = () => call('GET', url('giroident', `/api/v2/checks/${checkId}`), { token });
    expect((await get()).body).toEqual({ status: 'NOT_STARTED' });

    const page = await call('GET', created.body?.['redirect-url'] as string);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain(`action="${checkId}/complete"`);
    expect((await get()).body).toEqual({ status: 'IN_PROGRESS' });

    const completed = await call('POST', url('giroident', `/web/${checkId}/complete`), { form: { outcome: 'approve' } });
    expect(completed.status).toBe(200);
    expect((await get()).body).toEqual({ status: 'COMPLETED', 'name-equality': true, 'name-equality-score': 1 });
    expectGiroidentError(await call('POST', url('giroident', `/web/${checkId}/complete`), { form: {} }), 409, 'BAD_REQUEST');
  });

  it('ends a denied check COMPLETED_WITH_ERROR with an error message', async () => {
    const token = await userToken();
    const checkId = (await createCheck(token)).body?.['check-id'] as string;
    await call('POST', url('giroident', `/web/${checkId}/complete`), { form: { outcome: 'deny' } });
    expect((await call('GET', url('giroident', `/api/v2/checks/${checkId}`), { token })).body).toEqual({
      status: 'COMPLETED_WITH_ERROR',
      'error-message': 'The end user cancelled the bank login.',
    });
  });

  it('accepts an Access user token, hides the check from other users and refuses a client token', async () => {
    const alice = await userToken('alice');
    const bob = await userToken('bob');
    const created = await createCheck(alice, { 'company-name': 'Muster GmbH', blz: '37040044' }, 'checks-plus');
    expect(created.status).toBe(201);
    const checkId = created.body?.['check-id'] as string;
    const read = await call('GET', url('giroident', `/api/v2/checks-plus/${checkId}`), { token: alice });
    expect(read.body).toEqual({ status: 'NOT_STARTED' });
    expectGiroidentError(await call('GET', url('giroident', `/api/v2/checks-plus/${checkId}`), { token: bob }), 404, 'ENTITY_IS_NOT_EXIST');
    expectGiroidentError(await call('GET', url('giroident', `/api/v2/checks/${checkId}`), { token: alice }), 404, 'ENTITY_IS_NOT_EXIST');
    expectGiroidentError(await createCheck(await clientToken()), 403, 'SECURITY_ERROR');
  });

  it('takes a check without an account: the end user chooses the bank on the page', async () => {
    const token = await userToken();
    const created = await createCheck(token, { 'first-name': 'Erika', 'last-name': 'Mustermann' });
    expect(created.status).toBe(201);
    expect((await call('GET', created.body?.['redirect-url'] as string)).text).toContain('an account the end user chooses');
  });

  it.each([
    ['a malformed IBAN checksum', { ...person, iban: 'DE89370400440532013001' }],
    ['a BLZ of 7 digits', { ...person, iban: undefined, blz: '3704004' }],
  ])('refuses a check with %s (the emulator\'s own rule)', async (_, check) => {
    expectGiroidentError(await createCheck(await userToken(), check, 'checks-gwg'), 400, 'INVALID_PARAMETER');
    expect(contractEvents()).toEqual([]);
  });

  it.each([
    ['no name', { iban: person.iban }, 'body first-name', 'required'],
    ['a last name without a first name', { 'last-name': 'Mustermann', iban: person.iban }, 'body first-name', 'required'],
    ['a non-boolean strict-check', { ...person, 'strict-check': 'yes' }, 'body strict-check', 'type'],
    ['a one-letter last name', { ...person, 'last-name': 'M' }, 'body last-name', 'minLength'],
  ])('refuses a check with %s in the GiroIdent format, as its contract says', async (_, check, field, rule) => {
    expectGiroidentError(await createCheck(await userToken(), check, 'checks-gwg'), 400, 'VALIDATION_ERROR');
    expect(contractEvents()).toEqual([expect.objectContaining({ field, rule, spec: 'finapi-giroident-v2-2022.34.1 createCheck' })]);
  });

  it('scores the account holder the page reports, strictly when asked', async () => {
    const token = await userToken();
    const checkId = (await createCheck(token, { ...person, 'strict-check': true })).body?.['check-id'] as string;
    await call('POST', url('giroident', `/web/${checkId}/complete`), { form: { 'account-holder': 'Max Mustermann' } });
    expect((await call('GET', url('giroident', `/api/v2/checks/${checkId}`), { token })).body).toEqual({
      status: 'COMPLETED',
      'name-equality': false,
      'name-equality-score': 0.5,
    });
  });

  it('answers an unknown check on the page, and an unknown path, in the GiroIdent format', async () => {
    expectGiroidentError(await call('GET', url('giroident', '/web/nope')), 404, 'ENTITY_IS_NOT_EXIST');
    expectGiroidentError(await call('PUT', url('giroident', '/api/v2/checks')), 405, 'METHOD_NOT_ALLOWED');
    expectGiroidentError(await call('GET', url('giroident', '/api/v2/nothing')), 404, 'NOT_FOUND');
    expectFinapiError(await call('GET', url('access', '/api/v2/nothing')), 404, 'UNKNOWN_ENTITY');
  });

  it("echoes the caller's X-Request-Id on a contract violation, as on any other answer", async () => {
    const res = await call('POST', url('giroident', '/api/v2/checks'), { token: await userToken(), json: { iban: person.iban }, headers: { 'X-Request-Id': 'trace-42' } });
    expectGiroidentError(res, 400, 'VALIDATION_ERROR');
    expect(res.headers.get('x-request-id')).toBe('trace-42');
  });
});
