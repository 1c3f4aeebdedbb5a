/**
 * Soldo's answers on the emulator held against Soldo's own OpenAPI export (spec/soldo-business-api-5.56.0.json) with
 * ajv: every operation the emulator serves is called the way a correct client calls it (Bearer token, and for the
 * operations of the fingerprint-order table a fingerprint signed with the demo key), in an order where what one call
 * creates the next one reads or changes; each answer must have a status the spec documents for that operation and, for
 * that status, validate against the spec's response schema (204: no body). The spec documents no error body, so
 * errors are held against Soldo's flat `{error_code, message}` (docs/emulator.md).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFingerprint } from '../../src/core/soldo/fingerprint.js';
import { loadPrivateKey, signFingerprint } from '../../src/core/soldo/signature.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import description from '../../src/emulator/soldo/contract.json' with { type: 'json' };
import { DEMO_CARD_IDS, DEMO_GROUP_IDS, DEMO_USER_IDS, DEMO_WALLET_IDS } from '../../src/emulator/soldo/demo-data.js';
import { demoCredentials } from '../../src/providers/demo-credentials.js';
import { DEMO_SOLDO_PRIVATE_KEY_PEM } from '../../src/providers/soldo/demo-key.js';
import { matchOperation, soldoOrders } from '../../src/providers/soldo/orders.js';

interface Operation {
  method: string;
  path: string;
  operationId: string;
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}

const spec = JSON.parse(readFileSync(new URL('../../spec/soldo-business-api-5.56.0.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  components: object;
};
const operations = new Map<string, Operation>();
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (typeof operation === 'object' && 'operationId' in operation) operations.set(operation.operationId, { ...operation, method: method.toUpperCase(), path });
  }
}

const ajv = new Ajv2020({ strict: false, formats: fullFormats, allErrors: true });
const compiled = new Map<object, ValidateFunction>();
/** The spec's schema as ajv checks it, its `$ref`s resolved in the spec's components. */
function validator(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) compiled.set(schema, (validate = ajv.compile({ ...schema, components: spec.components })));
  return validate;
}
const SOLDO_ERROR = ajv.compile({
  type: 'object',
  required: ['error_code', 'message'],
  additionalProperties: false,
  properties: { error_code: { type: 'string', minLength: 1 }, message: { type: 'string', minLength: 1 } },
});

const signedIds = new Set(soldoOrders.map((order) => order.operationId));
const served = Object.keys(description.operations);
const demoKey = loadPrivateKey(DEMO_SOLDO_PRIVATE_KEY_PEM);
const clock = Date.UTC(2024, 2, 1, 12);
const FORM = 'application/x-www-form-urlencoded';

let emulator: RunningEmulator;
let token: string;
/** Every answer, by operation id, for the checks below. */
const answers: { operationId: string; status: number; body: unknown; text: string; sentJson?: Record<string, unknown> }[] = [];

interface Call {
  /** Path parameters by the spec's names. */
  params?: Record<string, string>;
  query?: string;
  body?: Record<string, unknown>;
  /** A form body instead of JSON. */
  form?: Record<string, string>;
}

/** Calls an operation as a correct client does and records the answer; returns its JSON body. */
async function call(operationId: string, request: Call = {}): Promise<Record<string, unknown>> {
  const operation = operations.get(operationId);
  if (operation === undefined) throw new Error(`no operation ${operationId}`);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(request.params?.[name] ?? `missing-${name}`));
  const signedBody = request.body === undefined ? undefined : { ...request.body, ...(needsTimestamp(operationId) ? { request_timestamp: clock } : {}) };
  const body = request.form !== undefined ? new URLSearchParams(request.form).toString() : signedBody === undefined ? undefined : JSON.stringify(signedBody);
  const contentType = request.form !== undefined ? FORM : 'application/json';
  const headers: Record<string, string> = { ...(operationId === 'authorize' ? {} : { Authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'Content-Type': contentType }) };
  if (signedIds.has(operationId)) {
    const match = matchOperation(operation.method, path);
    if (match === undefined) throw new Error(`no order for ${operationId}`);
    const { fingerprint } = computeFingerprint({ order: match.order, pathParams: match.pathParams, query: request.query ?? '', body, contentType, token: demoCredentials.soldo.fingerprint_token });
    headers['X-Soldo-Fingerprint'] = fingerprint;
    headers['X-Soldo-Fingerprint-Signature'] = signFingerprint(fingerprint, demoKey);
  }
  const res = await fetch(`${emulator.url}/soldo${path}${request.query ? `?${request.query}` : ''}`, { method: operation.method, headers, body });
  const text = await res.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  answers.push({ operationId, status: res.status, body: parsed, text, ...(request.form === undefined && signedBody !== undefined ? { sentJson: signedBody } : {}) });
  return (parsed ?? {}) as Record<string, unknown>;
}

function needsTimestamp(operationId: string): boolean {
  return soldoOrders.some((order) => order.operationId === operationId && order.order.includes('request_timestamp'));
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, now: () => clock });
  const { client_id, client_secret } = demoCredentials.soldo;
  token = (await call('authorize', { form: { client_id, client_secret } })).access_token as string;
  await runEveryOperation();
});
afterAll(() => emulator.close());

const { alice, bob, clara } = DEMO_USER_IDS;
const id = (answer: Record<string, unknown>, field = 'id') => String(answer[field]);
const firstItemId = (order: Record<string, unknown>) => String((order.items as { id: string }[])[0]?.id);

/** Changes read back after they were made, checked in the tests below. */
const readBack: Record<string, Record<string, unknown>> = {};

/** Every served operation, in an order where what one creates the next one uses. */
async function runEveryOperation(): Promise<void> {
  await call('who-am-i');
  await call('wallet-search', { query: 'type=employee&s=10' });
  await call('wallet-get', { params: { walletId: DEMO_WALLET_IDS.aliceEur } });
  await call('card-search', { query: `type=wallet&id=${DEMO_WALLET_IDS.companyEur}` });
  await call('card-get', { params: { cardId: DEMO_CARD_IDS.alicePlastic } });
  await call('user-search', { query: 'status=ACTIVE' });
  await call('group-search');
  await call('transaction-search', { query: 'fromDate=2024-01-01&toDate=2024-02-01&dateType=TRANSACTION&category=Payment&status=Settled&s=5' });
  await call('transaction-get', { params: { transactionId: 'TRX-2024-000004' } });
  await call('transaction-update', { params: { transactionId: 'TRX-2024-000004' }, body: { user_notes: 'Client dinner', invoice: { number: 'INV-2024-17', date: '2024-01-05' } } });

  const wallet = firstItemId(await call('wallet-add', { body: { name: 'Travel', currency: 'EUR', owner_type: 'company' } }));
  await call('wallet-internal-transfer', { params: { fromWalletId: DEMO_WALLET_IDS.companyEur, toWalletId: wallet }, form: { amount: '250.00', currencyCode: 'EUR' } });
  readBack.wallet = await call('wallet-get', { params: { walletId: wallet } });
  await call('wallet-auto-transfer-preset-set', { params: { presetId: 'preset-travel' }, body: { walletIds: [wallet, DEMO_WALLET_IDS.aliceEur] } });

  const card = firstItemId(
    await call('card-add', { body: { owner_type: 'employee', owner_public_id: bob, type: 'PLASTIC', name: 'Bob travel card', wallet_id: DEMO_WALLET_IDS.bobEur, emboss_line4: 'BOB MEYER' } }),
  );
  await call('card-update', { params: { cardId: card }, body: { label: 'Travel', addCardAssignees: [alice] } });
  await call('card-wallet-switch', { params: { cardId: card, newWalletId: wallet } });
  await call('card-rule-preset-set', { params: { cardId: card, presetId: 'preset-standard' } });
  await call('card-rules-set', { params: { cardId: card }, body: { name: 'Online', enabled: false } });
  await call('card-rule-cashpoint-set', { params: { cardId: card, limitName: 'daily' }, body: { enabled: true, max: 200 } });
  await call('card-rule-cashpoint-unset', { params: { cardId: card, limitName: 'daily' } });
  await call('card-rule-spending-limits-set', { params: { cardId: card, limitName: 'monthly' }, body: { enabled: true, max: 1000 } });
  await call('card-rule-spending-limits-unset', { params: { cardId: card, limitName: 'monthly' } });
  await call('card-rule-countries-set', { params: { cardId: card }, body: { countries: [{ code: 'DEU', enabled: true }, { code: 'FRA', enabled: false }] } });
  await call('card-rule-merchant-categories-set', { params: { cardId: card }, body: { merchant_categories: [{ name: 'Travel_Hotels', enabled: true }] } });
  readBack.card = await call('card-get', { params: { cardId: card } });

  const dana = id(
    await call('user-create', {
      body: { name: 'Dana', surname: 'Fischer', email: 'dana.fischer@demo-company.example', mobile: '15123456004', mobile_prefix: '+49', mobile_access: true, web_access: false, job_title: 'Accountant', reports_to: clara },
    }),
  );
  await call('user-update', { params: { userId: dana }, body: { job_title: 'Senior Accountant', enable_web_credential: true } });
  await call('user-access-modes-update', { params: { userId: dana }, body: { access_modes: [{ channel: 'WEB', auth_mode: 'SOLDO' }] } });
  await call('user-role-set', { params: { userId: dana }, body: { name: 'Accountant', description: 'Reviews expenses', scope: 'COMPANY' } });
  await call('user-status-update', { params: { userId: dana }, body: { status: 'INACTIVE' } });
  readBack.user = await call('user-get', { params: { userId: dana } });
  const delegation = id(
    await call('out-of-office-add', { body: { delegator_id: alice, delegate_id: bob, from_date: '2024-02-28', to_date: '2024-03-08', features: ['EXPENSE_REVIEW'] } }),
  );
  await call('out-of-office-update', { params: { out_of_office_id: delegation }, body: { delegate_id: clara, features: ['REQUEST_MONEY', 'EXPENSE_REVIEW'] } });
  await call('group-resource-add', { params: { groupId: DEMO_GROUP_IDS.sales }, body: { id: bob, type: 'USER' } });
  readBack.group = await call('group-get', { params: { groupId: DEMO_GROUP_IDS.sales } });

  const contact = id(
    await call('contact-add', {
      body: { name: 'Office Supplies GmbH', type: 'SUPPLIER', country: 'DEU', account_type: 'BUSINESS', bic: 'COBADEFFXXX', account_info: [{ type: 'IBAN', identification: 'DE89370400440532013000' }] },
    }),
  );
  await call('contact-update', { params: { contactId: contact }, body: { name: 'Office Supplies AG' } });
  const address = id(await call('address-add', { body: { name: 'Berlin office', recipient: 'Alice Schmidt', line1: 'Friedrichstraße 1', city: 'Berlin', country: 'DEU', post_code: '10117', user_id: alice } }));
  await call('address-update', { params: { addressId: address }, body: { country: 'DEU', city: 'Hamburg', post_code: '20095' } });
  const resourceSet = id(await call('resource-set-add', { body: { name: 'Finance', description: 'Company wallets', configuration: [{ resource_type: 'COMPANY_WALLET', scope: 'ALL' }] } }));
  await call('resource-set-update', { params: { id: resourceSet }, body: { name: 'Finance team', configuration: [{ resource_type: 'USER', scope: 'LIST', resource_ids: [clara] }] } });

  const trip = id(
    await call('business-trip-add', {
      body: {
        name: 'Client visit Munich',
        description: 'Quarterly review',
        destination: 'Munich',
        traveller_user_id: alice,
        traveller_card_id: DEMO_CARD_IDS.alicePlastic,
        wallet_id: DEMO_WALLET_IDS.aliceEur,
        from_date: '2024-03-10',
        to_date: '2024-03-12',
        money_transfer_mode: 'FULL',
        post_action: { unused_funds: 'LEAVE', card_handling: 'KEEP_ACTIVE' },
        expense_allocation: [{ amount: 300, amount_currency: 'EUR', spend_period: 'DURING_TRIP' }],
      },
    }),
  );
  await call('business-trip-update-details', { params: { businessTripId: trip }, body: { destination: 'Munich and Augsburg', to_date: '2024-03-13' } });
  await call('business-trip-update-expenses', { params: { businessTripId: trip }, body: { expense_allocation: [{ amount: 450.5, amount_currency: 'EUR', spend_period: 'DURING_TRIP' }] } });
  await call('business-trip-complete-transfer', { params: { businessTripId: trip }, body: {} });
  readBack.trip = await call('business-trip-get', { params: { businessTripId: trip } });

  const purchase = id(await call('pre-approved-spend-add', { body: { title: 'Team lunch', description: 'Quarterly team lunch', assignee_id: bob, amount: 120, wallet_id: DEMO_WALLET_IDS.companyEur, max_tx_number: 1 } }));
  await call('pre-approved-spend-update', { params: { purchaseId: purchase }, body: { purchase_id: purchase, amount: 150 } });
  await call('pre-approved-spend-redeem', { params: { purchaseId: purchase } });
  const subscription = id(
    await call('subscription-add', { body: { name: 'Figma', description: 'Design seats', platform: 'FIGMA', assignees: [bob], wallet_id: DEMO_WALLET_IDS.companyEur, payment_frequency: 'MONTHLY' } }),
  );
  await call('subscription-update', { params: { subscriptionId: subscription }, body: { payment_frequency: 'YEARLY' } });
  await call('subscription-assignees-add', { params: { subscriptionId: subscription }, body: { add_assignees: [alice] } });
  await call('subscription-activate', { params: { subscriptionId: subscription } });
  const ad = id(await call('online-ads-add', { body: { name: 'Spring campaign', description: 'Search ads', platform: 'GOOGLE', assignees: [alice], wallet_id: DEMO_WALLET_IDS.companyEur } }));
  await call('online-ads-update', { params: { onlineAdId: ad }, body: { description: 'Search and display ads' } });
  await call('online-ads-assignees-add', { params: { onlineAdId: ad }, body: { add_assignees: [bob] } });
  await call('online-ads-activate', { params: { onlineAdId: ad } });
  readBack.adCards = await call('card-search', { query: 'type=onlineAd' });
  const request = id(await call('request-add', { body: { name: 'Conference ticket', requester: alice, amount: 450, currency: 'EUR', type: 'TRIP', request_process_id: 'process-trips' } }));
  await call('request-update', { params: { requestId: request }, body: { type: 'TRIP', note: 'Early-bird price' } });

  const refuelings = await call('refueling-search', { query: `type=card&publicId=${DEMO_CARD_IDS.alicePlastic}` });
  const refueling = String((refuelings.results as { public_id: string }[])[0]?.public_id);
  await call('refueling-get', { params: { refuelingId: refueling } });
  await call('refueling-update', { params: { refuelingId: refueling }, body: { mileage: 43_100, quantity: 41.5 } });
  const mileage = id(
    await call('mileage-reimbursement-transaction-create', {
      body: { date: '2024-02-20', owner_id: alice, mileage: { description: 'Client visit', starting_point: 'Berlin', arrival_point: 'Potsdam', distance: 42, round_trip: true } },
    }),
    'transaction_id',
  );
  await call('mileage-reimbursement-transaction-update', { params: { transactionId: mileage }, body: { date: '2024-02-21', mileage: { description: 'Client visit', distance: 50, round_trip: false } } });
  await call('mileage-reimbursement-transaction-get', { params: { transactionId: mileage } });
  await call('mileage-reimbursement-transaction-delete', { params: { transactionId: mileage } });
  const outOfPlatform = id(
    await call('out-of-platform-transaction-create', {
      body: { date: '2024-02-21', owner_id: bob, merchant_name: 'Taxi Berlin', tx_amount: 23.5, tx_amount_currency: 'EUR', payment_method: 'OUT_OF_PLATFORM_PERSONAL' },
    }),
    'transaction_id',
  );
  await call('out-of-platform-transaction-update', {
    params: { transactionId: outOfPlatform },
    body: { date: '2024-02-21', merchant_name: 'Taxi London', tx_amount: 20, tx_amount_currency: 'GBP', exchange_rate: 1.17, payment_method: 'OUT_OF_PLATFORM_PERSONAL' },
  });
  await call('out-of-platform-transaction-get', { params: { transactionId: outOfPlatform } });
  await call('out-of-platform-transaction-delete', { params: { transactionId: outOfPlatform } });

  const webhook = id(await call('webhook-subscription-add', { body: { webhook_url: 'https://hooks.example.com/soldo', enabled_events: ['card_creation', 'wallet_created'], description: 'Cards and wallets', active: true } }));
  await call('webhook-subscription-update', { params: { webhookSubscriptionId: webhook }, body: { active: false } });
  await call('webhook-subscription-get', { params: { webhookSubscriptionsId: webhook } });
  await call('webhook-subscription-search', { query: 'active=false' });
  await call('webhook-subscription-delete', { params: { webhookSubscriptionId: webhook } });

  // Errors the spec documents: an unknown id (404) and a request that breaks the description (400).
  await call('wallet-get', { params: { walletId: 'no-such-wallet' } });
  await call('card-update', { params: { cardId: 'no-such-card' }, body: { label: 'x' } });
  await call('wallet-internal-transfer', { params: { fromWalletId: DEMO_WALLET_IDS.bobEur, toWalletId: DEMO_WALLET_IDS.aliceEur }, form: { amount: '1' } });
  await call('user-status-update', { params: { userId: alice }, body: { status: 'ARCHIVED' } });
  await call('transaction-search', { query: 'category=Lunch' });
}

/** What the spec documents for an answer's status; `default` where it documents a success only that way (webhook-subscription-get). */
function documentedAnswer(answer: { operationId: string; status: number }) {
  const responses = operations.get(answer.operationId)?.responses ?? {};
  return responses[String(answer.status)] ?? (answer.status < 300 ? responses.default : undefined);
}

describe('Soldo answers on the emulator follow the OpenAPI export 5.56.0', () => {
  it('calls every operation the emulator serves', () => {
    expect(new Set(answers.map((a) => a.operationId))).toEqual(new Set(served));
    expect(served).toHaveLength(62 + 13);
  });

  it('answers each with a status the spec documents for it', () => {
    const undocumented = answers.filter((a) => documentedAnswer(a) === undefined);
    expect(undocumented.map((a) => `${a.operationId} ${a.status} ${a.text}`)).toEqual([]);
  });

  it('answers 2xx with the spec’s response schema, and 204 with no body', () => {
    const failures: string[] = [];
    for (const answer of answers.filter((a) => a.status < 300)) {
      const schema = documentedAnswer(answer)?.content?.['application/json']?.schema;
      if (schema === undefined) {
        if (answer.text !== '') failures.push(`${answer.operationId} ${answer.status}: a body where the spec documents none`);
        continue;
      }
      const validate = validator(schema);
      if (!validate(answer.body)) failures.push(`${answer.operationId} ${answer.status}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers errors in Soldo’s {error_code, message}', () => {
    const errors = answers.filter((a) => a.status >= 400);
    expect(errors.map((a) => `${a.operationId} ${a.status}`)).toEqual([
      'wallet-get 404',
      'card-update 404',
      'wallet-internal-transfer 400',
      'user-status-update 400',
      'transaction-search 400',
    ]);
    for (const error of errors) expect(SOLDO_ERROR(error.body), `${error.operationId}: ${error.text}`).toBe(true);
  });

  it('accepted exactly the JSON bodies ajv finds valid against the spec’s request schemas', () => {
    const disagreements = answers
      .filter((a) => a.sentJson !== undefined)
      .filter((a) => {
        const schema = operations.get(a.operationId)?.requestBody?.content['application/json']?.schema ?? operations.get(a.operationId)?.requestBody?.content['*/*']?.schema;
        return schema !== undefined && validator(schema)(a.sentJson) !== (a.status !== 400);
      });
    expect(disagreements.map((a) => `${a.operationId} ${a.status}`)).toEqual([]);
  });

  it('uses no nulls anywhere', () => {
    expect(answers.filter((a) => a.text.includes(':null')).map((a) => a.operationId)).toEqual([]);
  });
});

describe('Soldo state on the emulator', () => {
  it('moves money: the new wallet holds what was transferred into it', () => {
    expect(readBack.wallet).toMatchObject({ name: 'Travel', currency_code: 'EUR', available_amount: 250, primary_user_type: 'company' });
  });

  it('keeps what card operations changed', () => {
    expect(readBack.card).toMatchObject({ label: 'Travel', owner_public_id: bob, emboss_line4: 'BOB MEYER', preset_id: 'preset-standard', assignees: [bob, alice] });
    expect(readBack.card?.wallet_id).toBe(readBack.wallet?.id);
  });

  it('keeps what employee operations changed', () => {
    expect(readBack.user).toMatchObject({ name: 'Dana', job_title: 'Senior Accountant', web_access: true, status: 'INACTIVE', reports_to: clara, roles: [{ name: 'Accountant' }] });
    expect(readBack.group).toMatchObject({ members: [alice, bob] });
  });

  it('keeps a business trip’s details and amounts', () => {
    expect(readBack.trip).toMatchObject({ destination: 'Munich and Augsburg', date_to: '2024-03-13', total_amount: 450.5, received_amount: 450.5, scheduled_amount: 0 });
  });

  it('gives an activated online ad its own card', () => {
    expect(readBack.adCards).toMatchObject({ total: 1, results: [{ payment_method: 'ONLINE_ADS', owner_public_id: alice }] });
  });
});
