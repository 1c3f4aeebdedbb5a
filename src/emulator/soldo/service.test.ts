import type { KeyObject } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeFingerprint } from '../../core/soldo/fingerprint.js';
import { generateKeyPair, loadPrivateKey, signFingerprint } from '../../core/soldo/signature.js';
import { demoCredentials } from '../../providers/demo-credentials.js';
import { DEMO_SOLDO_PRIVATE_KEY_PEM } from '../../providers/soldo/demo-key.js';
import { matchOperation, orderUnder, soldoOrders, type OrderSource } from '../../providers/soldo/orders.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../server.js';
import { DEMO_WALLET_IDS } from './demo-data.js';

/** Soldo on the emulator, over real HTTP with plain fetch; requests are signed here through src/core/soldo. */

const soldo = demoCredentials.soldo;
const demoKey = loadPrivateKey(DEMO_SOLDO_PRIVATE_KEY_PEM);
let emulator: RunningEmulator;
let clock: number;
let token: string;

async function start(options: EmulatorOptions = {}): Promise<void> {
  await emulator?.close();
  emulator = await startEmulator({ port: 0, now: () => clock, ...options });
  token = (await authorize({ client_id: soldo.client_id, client_secret: soldo.client_secret })).body?.access_token as string;
}

beforeEach(async () => {
  clock = Date.UTC(2024, 2, 1, 12);
  await start();
});
afterEach(() => emulator.close());

interface Answer {
  status: number;
  body: Record<string, unknown> | undefined;
}

async function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const res = await fetch(`${emulator.url}/soldo${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

const authorize = (fields: Record<string, string>) => send('POST', '/oauth/authorize', { 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams(fields).toString());
const get = (path: string, bearer = token) => send('GET', path, { Authorization: `Bearer ${bearer}` });

interface Signing {
  /** The body as sent; JSON unless `contentType` says otherwise. */
  body?: string;
  contentType?: string;
  fingerprintToken?: string;
  key?: KeyObject;
  /** Whose fields order to follow where Soldo's sources disagree; default the guide's. */
  orderSource?: OrderSource;
  /** Changes the headers after signing, to show what the emulator refuses. */
  headers?: (signed: Record<string, string>) => Record<string, string>;
}

/** A request signed as a correct client signs it: fingerprint of path, query and body, then SHA512withRSA. */
function signed(method: string, pathAndQuery: string, signing: Signing = {}): Promise<Answer> {
  const [path = '', query = ''] = pathAndQuery.split('?');
  const match = matchOperation(method, path);
  if (match === undefined) throw new Error(`no operation for ${method} ${path}`);
  const contentType = signing.contentType ?? 'application/json';
  const { fingerprint } = computeFingerprint({
    order: orderUnder(match.order, signing.orderSource ?? 'guide'),
    pathParams: match.pathParams,
    query,
    body: signing.body,
    contentType,
    token: signing.fingerprintToken ?? soldo.fingerprint_token,
  });
  const headers: Record<string, string> = {
    Authorization: `Bearer ${token}`,
    'Content-Type': contentType,
    'X-Soldo-Fingerprint': fingerprint,
    'X-Soldo-Fingerprint-Signature': signFingerprint(fingerprint, signing.key ?? demoKey),
  };
  return send(method, pathAndQuery, signing.headers?.(headers) ?? headers, signing.body);
}

const SEARCH = '/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01&dateType=TRANSACTION&category=Payment&status=Settled';
/** An internal transfer, as the spec says: a form body. */
const transfer = (from: string, to: string, body: Record<string, unknown>) =>
  signed('PUT', `/business/v2/wallets/internalTransfer/${from}/${to}`, {
    body: new URLSearchParams(Object.entries(body).map(([name, value]): [string, string] => [name, String(value)])).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });

describe('Soldo standard authentication', () => {
  it('answers the demo credentials with a bearer token whose expires_in is a string of the configured lifetime', async () => {
    await start({ tokenTtlSeconds: 7200 });
    const res = await authorize({ client_id: soldo.client_id, client_secret: soldo.client_secret });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ refresh_token: expect.any(String), token_type: 'bearer', access_token: expect.any(String), expires_in: '7200' });
  });

  it('refuses wrong credentials with 401 UNAUTHORIZED', async () => {
    const res = await authorize({ client_id: soldo.client_id, client_secret: 'wrong' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error_code: 'UNAUTHORIZED', message: expect.any(String) });
  });

  it('checks the Bearer token of every /business/v2 call', async () => {
    expect(await send('GET', '/business/v2/ping/whoami', {})).toMatchObject({ status: 401, body: { error_code: 'UNAUTHORIZED' } });
    expect(await get('/business/v2/ping/whoami', 'not-a-token')).toMatchObject({ status: 401, body: { error_code: 'invalid_token' } });
    await fetch(`${emulator.url}/_admin/tokens/expire`, { method: 'POST' });
    expect(await signed('GET', SEARCH)).toMatchObject({ status: 401, body: { error_code: 'invalid_token', message: 'Access token expired' } });
  });
});

describe('Soldo demo data', () => {
  it('answers whoami without a signature', async () => {
    const res = await get('/business/v2/ping/whoami');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ company_name: expect.any(String), scopes: expect.arrayContaining(['wallet_read']) });
  });

  it('lists wallets page by page without a signature', async () => {
    const res = await get('/business/v2/wallets?p=1&s=3');
    expect(res.body).toMatchObject({ total: 4, pages: 2, page_size: 3, current_page: 1, results_size: 1 });
    expect((res.body?.results as { id: string }[])[0]?.id).toBe(DEMO_WALLET_IDS.bobEur);
    const descending = await get('/business/v2/wallets?d=DESC&s=1');
    expect((descending.body?.results as { id: string }[])[0]?.id).toBe(DEMO_WALLET_IDS.bobEur);
  });

  it.each(['s=51', 's=0', 'p=-1', 'p=x', 'd=UP'])('refuses the pagination %s', async (query) => {
    expect(await get(`/business/v2/wallets?${query}`)).toMatchObject({ status: 400, body: { error_code: 'BAD_REQUEST' } });
  });

  it('lists and gets cards, and answers an unknown card with 404 in Soldo’s format', async () => {
    const list = await get('/business/v2/cards');
    expect(list.body).toMatchObject({ total: 3, pages: 1, page_size: 50, current_page: 0, results_size: 3 });
    const [first] = list.body?.results as { id: string; masked_pan: string }[];
    expect((await get(`/business/v2/cards/${first?.id ?? ''}`)).body).toEqual(first);
    expect(await get('/business/v2/cards/unknown')).toEqual({ status: 404, body: { error_code: 'NOT_FOUND', message: 'Card unknown not found' } });
  });
});

describe('Soldo signed transaction search', () => {
  it('accepts a correctly signed search and answers the filtered page', async () => {
    const res = await signed('GET', `${SEARCH}&s=5&p=1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 28, pages: 6, page_size: 5, current_page: 1, results_size: 5 });
    for (const t of res.body?.results as { category: string; status: string; date: string }[]) {
      expect(t).toMatchObject({ category: 'Payment', status: 'Settled' });
      expect(t.date >= '2024-01-01' && t.date.slice(0, 10) <= '2024-02-01').toBe(true);
    }
  });

  it('pages through all 60 transactions, at most 50 a page', async () => {
    expect((await signed('GET', '/business/v2/transactions')).body).toMatchObject({ total: 60, pages: 2, page_size: 50, results_size: 50 });
    expect((await signed('GET', '/business/v2/transactions?p=1')).body).toMatchObject({ current_page: 1, results_size: 10 });
    expect(await signed('GET', '/business/v2/transactions?s=100')).toMatchObject({ status: 400, body: { error_code: 'BAD_REQUEST' } });
  });

  it('gets one transaction, signed, and answers an unknown id with 404', async () => {
    expect((await signed('GET', '/business/v2/transactions/TRX-2024-000001')).body).toMatchObject({ id: 'TRX-2024-000001', amount_currency: 'EUR' });
    expect(await signed('GET', '/business/v2/transactions/TRX-0')).toMatchObject({ status: 404, body: { error_code: 'NOT_FOUND' } });
  });

  const invalidFingerprint = { status: 400, body: { error_code: 'INVALID_FINGERPRINT', message: 'invalid fingerprint' } };
  const invalidSignature = { status: 400, body: { error_code: 'INVALID_FINGERPRINT_SIGNATURE', message: 'invalid fingerprint signature' } };

  it("accepts the order of Soldo's guide and that of its OpenAPI export where they disagree, and logs which", async () => {
    const events: { type: string; [field: string]: unknown }[] = [];
    await start({ onEvent: (event) => events.push(event) });
    const disputed = `${SEARCH}&text=coffee&expenseType=COMPANY`;
    expect((await signed('GET', disputed)).status).toBe(200);
    expect((await signed('GET', disputed, { orderSource: 'openapi' })).status).toBe(200);
    expect(await signed('GET', disputed, { fingerprintToken: 'QDX6RK6OH1CZLSWOUWBA' })).toEqual(invalidFingerprint);
    const reason = String(events.find((event) => event.type === 'soldo_request_rejected')?.reason);
    expect(reason).toMatch(/expenseType, expenseStatus, text, requiredInformation, token \(guide\) or .*text, expenseType.* \(openapi\)$/);
  });

  it('refuses a fingerprint made with another token', async () => {
    expect(await signed('GET', SEARCH, { fingerprintToken: 'QDX6RK6OH1CZLSWOUWBA' })).toEqual(invalidFingerprint);
  });

  it('refuses the fingerprint in uppercase hex', async () => {
    const upper = (h: Record<string, string>) => ({ ...h, 'X-Soldo-Fingerprint': (h['X-Soldo-Fingerprint'] ?? '').toUpperCase() });
    expect(await signed('GET', SEARCH, { headers: upper })).toEqual(invalidFingerprint);
  });

  it('refuses a request changed after signing', async () => {
    expect(await signedThenChanged('GET', SEARCH, SEARCH.replace('category=Payment', 'category=Refund'))).toEqual(invalidFingerprint);
  });

  it('refuses a signature made with another key, and accepts it once that key is registered', async () => {
    const other = generateKeyPair();
    const otherKey = loadPrivateKey(other.privatePem);
    expect(await signed('GET', SEARCH, { key: otherKey })).toEqual(invalidSignature);
    await start({ soldoPublicKeyPem: other.publicPem });
    expect((await signed('GET', SEARCH, { key: otherKey })).status).toBe(200);
    expect(await signed('GET', SEARCH)).toEqual(invalidSignature);
  });

  it('refuses a signature that is not Base64', async () => {
    expect(await signed('GET', SEARCH, { headers: (h) => ({ ...h, 'X-Soldo-Fingerprint-Signature': 'not base64!' }) })).toEqual(invalidSignature);
  });

  it('refuses an unsigned call, and a fingerprint without its signature', async () => {
    expect(await get(SEARCH)).toEqual(invalidFingerprint);
    expect(
      await signed('GET', SEARCH, {
        headers: (h) => Object.fromEntries(Object.entries(h).filter(([name]) => name !== 'X-Soldo-Fingerprint-Signature')),
      }),
    ).toEqual(invalidSignature);
  });
});

/** Signs `signedPath` but sends `sentPath` with those headers. */
async function signedThenChanged(method: string, signedPath: string, sentPath: string): Promise<Answer> {
  let headers: Record<string, string> = {};
  await signed(method, signedPath, { headers: (h) => (headers = h) });
  return send(method, sentPath, headers);
}

describe('Soldo internal transfer', () => {
  const balance = async (id: string) => (await get(`/business/v2/wallets/${id}`)).body?.available_amount;

  it('moves money between two wallets of the same currency', async () => {
    const res = await transfer(DEMO_WALLET_IDS.companyEur, DEMO_WALLET_IDS.aliceEur, { amount: 100.25, currencyCode: 'EUR' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      amount: 100.25,
      currency: 'EUR',
      datetime: '2024-03-01T12:00:00Z',
      from_wallet: { id: DEMO_WALLET_IDS.companyEur, available_amount: 24_899.75 },
      to_wallet: { id: DEMO_WALLET_IDS.aliceEur, available_amount: 450.25 },
    });
    expect(await balance(DEMO_WALLET_IDS.companyEur)).toBe(24_899.75);
    expect(await balance(DEMO_WALLET_IDS.aliceEur)).toBe(450.25);
  });

  it('refuses a JSON body with 415, as the spec declares a form, and logs the contract event', async () => {
    const path = `/business/v2/wallets/internalTransfer/${DEMO_WALLET_IDS.bobEur}/${DEMO_WALLET_IDS.aliceEur}`;
    const res = await signed('PUT', path, { body: JSON.stringify({ amount: 20.5, currencyCode: 'EUR' }) });
    expect(res).toEqual({
      status: 415,
      body: {
        error_code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'send the body as application/x-www-form-urlencoded, not application/json (soldo-business-api-5.56.0 wallet-internal-transfer)',
      },
    });
    expect(await balance(DEMO_WALLET_IDS.bobEur)).toBe(120.5);
    const log = (await (await fetch(`${emulator.url}/_admin/log`)).json()) as { type: string }[];
    expect(log.filter((event) => event.type === 'contract')).toEqual([
      {
        type: 'contract',
        method: 'PUT',
        path: `/soldo${path}`,
        field: 'header content-type',
        rule: 'content-type',
        message: 'send the body as application/x-www-form-urlencoded, not application/json',
        spec: 'soldo-business-api-5.56.0 wallet-internal-transfer',
      },
    ]);
  });

  it('refuses a form without a required field, and a currency outside the spec’s enum', async () => {
    const [from, to] = [DEMO_WALLET_IDS.bobEur, DEMO_WALLET_IDS.aliceEur];
    expect(await transfer(from, to, { amount: 1 })).toEqual({
      status: 400,
      body: { error_code: 'BAD_REQUEST', message: 'currencyCode is required (soldo-business-api-5.56.0 wallet-internal-transfer)' },
    });
    expect(await transfer(from, to, { amount: 1, currencyCode: 'CHF' })).toMatchObject({
      status: 400,
      body: { message: 'currencyCode must be one of "EUR", "GBP", "USD", not "CHF" (soldo-business-api-5.56.0 wallet-internal-transfer)' },
    });
  });

  it.each([
    ['more than the wallet holds', DEMO_WALLET_IDS.bobEur, DEMO_WALLET_IDS.aliceEur, { amount: 120.51, currencyCode: 'EUR' }, 400, 'INSUFFICIENT_FUNDS'],
    ['wallets of different currencies', DEMO_WALLET_IDS.companyEur, DEMO_WALLET_IDS.companyGbp, { amount: 1, currencyCode: 'EUR' }, 400, 'CURRENCY_MISMATCH'],
    ['a negative amount', DEMO_WALLET_IDS.companyEur, DEMO_WALLET_IDS.aliceEur, { amount: -1, currencyCode: 'EUR' }, 400, 'INVALID_AMOUNT'],
    ['an unknown wallet', 'no-such-wallet', DEMO_WALLET_IDS.aliceEur, { amount: 1, currencyCode: 'EUR' }, 404, 'NOT_FOUND'],
  ])('refuses %s, leaving balances alone', async (_, from, to, body, status, code) => {
    expect(await transfer(from, to, body)).toMatchObject({ status, body: { error_code: code } });
    expect(await balance(DEMO_WALLET_IDS.aliceEur)).toBe(350);
  });
});

describe('Soldo request_timestamp', () => {
  const addWallet = (timestamp?: number) =>
    signed('POST', '/business/v2/wallets', {
      body: JSON.stringify({ ...(timestamp === undefined ? {} : { request_timestamp: timestamp }), owner_type: 'company', currency: 'EUR', name: 'Travel' }),
    });

  it('accepts a fresh timestamp: the wallet is ordered, and listed from then on', async () => {
    const res = await addWallet(clock - 4_000);
    expect(res.status).toBe(200);
    const walletId = (res.body?.items as { id: string }[])[0]?.id ?? '';
    expect(res.body).toEqual({
      id: expect.any(String),
      status: 'COMPLETED',
      creation_time: '2024-03-01T12:00:00Z',
      last_update_time: '2024-03-01T12:00:00Z',
      total_paid_amount: 0,
      total_paid_currency: 'EUR',
      items: [{ id: walletId, item_type: 'WALLET', category: 'WALLET_OPENING' }],
      is_valid: true,
    });
    expect((await get(`/business/v2/wallets/${walletId}`)).body).toMatchObject({ id: walletId, name: 'Travel', currency_code: 'EUR', available_amount: 0 });
    expect((await get('/business/v2/wallets')).body).toMatchObject({ total: 5 });
  });

  it.each([
    ['older than 5 s', -5_001],
    ['more than 5 s ahead', 5_001],
  ])('refuses a timestamp %s', async (_, offset) => {
    expect(await addWallet(clock + offset)).toMatchObject({ status: 400, body: { error_code: 'INVALID_REQUEST_TIMESTAMP' } });
  });

  it('refuses a missing timestamp where the order names it', async () => {
    expect(await addWallet()).toMatchObject({ status: 400, body: { error_code: 'INVALID_REQUEST_TIMESTAMP' } });
  });
});

describe('every operation of the fingerprint-order table', () => {
  it.each(soldoOrders.map((order) => [order.operationId, order] as const))('%s checks the fingerprint before anything else', async (_operationId, order) => {
    const path = order.path.replace(/\{[^}]+\}/g, 'id-1');
    expect((await send(order.method, path, { Authorization: `Bearer ${token}` })).body?.error_code).toBe('INVALID_FINGERPRINT');
    const res = await signed(order.method, path, { body: order.order.includes('request_timestamp') ? JSON.stringify({ request_timestamp: clock }) : undefined });
    expect(String(res.body?.error_code)).not.toMatch(/^INVALID_/);
  });
});
