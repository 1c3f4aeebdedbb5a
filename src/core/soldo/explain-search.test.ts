import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { explainMismatch, type ExplainInput } from './explain.js';

/**
 * Every catalogue entry and a table of two-mistake combinations, on four real Soldo operations. Each buggy string is
 * written out by hand here and hashed with node:crypto: the code under test never computes an expected value.
 */
const hash = (text: string, algorithm = 'sha512', encoding: 'hex' | 'base64' = 'hex') => createHash(algorithm).update(text, 'utf8').digest(encoding);

/** GET transaction-search: query fields in an order of their own, one the order does not name (p), and every other token. */
const search: ExplainInput = {
  order: {
    order: [
      'type', 'publicId', 'customReferenceId', 'groupId', 'fromDate', 'toDate', 'dateType', 'category', 'status', 'tagId',
      'metadataId', 'text', 'expenseType', 'expenseStatus', 'requiredInformation', 'token',
    ],
  },
  otherOrders: [
    {
      source: "Soldo's advanced-authentication guide",
      order: [
        'type', 'publicId', 'customReferenceId', 'groupId', 'fromDate', 'toDate', 'dateType', 'category', 'status', 'tagId',
        'metadataId', 'expenseType', 'expenseStatus', 'text', 'token',
      ],
    },
  ],
  query: 'status=Settled&fromDate=2024-01-01&toDate=2024-02-01&expenseType=Travel&text=Caf%C3%A9+Central&p=2',
  token: 'TOK',
  accessToken: 'ACC',
  clientId: 'CID',
  clientSecret: 'CSEC',
};
// The values by hand, in the operation's order: fromDate, toDate, status, text, expenseType, token.
const S = { from: '2024-01-01', to: '2024-02-01', status: 'Settled', text: 'Café Central', type: 'Travel' };
const searchOurs = `${S.from}${S.to}${S.status}${S.text}${S.type}TOK`;

/** PUT wallet-internal-transfer: a form body (keys in another order, one not in the order) and two path parameters. */
const transfer: ExplainInput = {
  order: { order: ['amount', 'currencyCode', 'fromWalletId', 'toWalletId', 'token'] },
  pathParams: { fromWalletId: 'W-1', toWalletId: 'W-2' },
  body: 'currencyCode=EUR&amount=25.00&reference=Team+lunch',
  contentType: 'application/x-www-form-urlencoded',
  token: 'TOK',
};
const transferOurs = '25.00EURW-1W-2TOK';

/** POST out-of-platform-transaction-create: a JSON body whose keys are not in the fingerprint's order. */
const purchase: ExplainInput = {
  order: { order: ['request_timestamp', 'date', 'owner_id', 'merchant_name', 'tx_amount', 'tx_amount_currency', 'exchange_rate', 'payment_method', 'token'] },
  body: '{"merchant_name":"Café Central","tx_amount":25.00,"tx_amount_currency":"EUR","date":"2024-03-01","owner_id":"U1","request_timestamp":1700000000000,"exchange_rate":1,"payment_method":"CARD "}',
  contentType: 'application/json',
  token: 'TOK',
};
const purchaseOurs = '17000000000002024-03-01U1Café Central25.00EUR1CARD TOK';

/** PUT user-update: booleans in a JSON body, a path parameter the order does not name. */
const user: ExplainInput = {
  order: { order: ['custom_reference_id', 'job_title', 'mobile_number', 'mobile_prefix', 'email', 'enable_mobile_credential', 'enable_web_credential', 'token'] },
  pathParams: { userId: 'U1' },
  body: '{"job_title":"CFO","enable_mobile_credential":true,"enable_web_credential":false}',
  token: 'TOK',
};
const userOurs = 'CFOtruefalseTOK';

const explain = (input: ExplainInput, expected: string) => explainMismatch(input, expected);

describe('explainMismatch: every single mistake', () => {
  it.each([
    ['transaction-search', search, searchOurs],
    ['wallet-internal-transfer', transfer, transferOurs],
    ['out-of-platform-transaction-create', purchase, purchaseOurs],
    ['user-update', user, userOurs],
  ])('starts from our own string for %s', (_, input, ours) => {
    const result = explain(input, hash('unrelated'));
    expect(result.ourConcatenated).toBe(ours);
    expect(result.ourFingerprint).toBe(hash(ours));
  });

  it.each<[string, ExplainInput, string, string]>([
    // hash and print
    ['uppercase-hex', search, searchOurs, hash(searchOurs).toUpperCase()],
    ['sha256', search, searchOurs, hash(searchOurs, 'sha256')],
    ['sha1', search, searchOurs, hash(searchOurs, 'sha1')],
    ['sha512-base64', search, searchOurs, hash(searchOurs, 'sha512', 'base64')],
    ['trailing-newline', search, `${searchOurs}\n`, hash(`${searchOurs}\n`)],
    // token
    ['token-missing', search, `${S.from}${S.to}${S.status}${S.text}${S.type}`, ''],
    ['access-token', search, `${S.from}${S.to}${S.status}${S.text}${S.type}ACC`, ''],
    ['client-secret', search, `${S.from}${S.to}${S.status}${S.text}${S.type}CSEC`, ''],
    ['client-id', search, `${S.from}${S.to}${S.status}${S.text}${S.type}CID`, ''],
    // order
    ['token-first', search, `TOK${S.from}${S.to}${S.status}${S.text}${S.type}`, ''],
    ['order-source', search, `${S.from}${S.to}${S.status}${S.type}${S.text}TOK`, ''],
    ['alphabetical-order', search, `${S.type}${S.from}${S.status}${S.text}${S.to}TOK`, ''],
    ['reversed-order', search, `${S.type}${S.text}${S.status}${S.to}${S.from}TOK`, ''],
    ['request-order', search, `${S.status}${S.from}${S.to}${S.type}${S.text}TOK`, ''],
    ['path-first', transfer, 'W-1W-225.00EURTOK', ''],
    // values
    ['extra-field:p', search, `${S.from}${S.to}${S.status}${S.text}2${S.type}TOK`, ''],
    ['extra-field-at-end:p', search, `${S.from}${S.to}${S.status}${S.text}${S.type}2TOK`, ''],
    ['every-request-value', search, `${S.status}${S.from}${S.to}${S.type}${S.text}2TOK`, ''],
    ['extra-field:reference', transfer, '25.00Team lunchEURW-1W-2TOK', ''],
    // rendering
    ['percent-encoded', search, `${S.from}${S.to}${S.status}Caf%C3%A9%20Central${S.type}TOK`, ''],
    ['plus-encoded', search, `${S.from}${S.to}${S.status}Caf%C3%A9+Central${S.type}TOK`, ''],
    ['json-stringified', search, `"${S.from}""${S.to}""${S.status}""${S.text}""${S.type}"TOK`, ''],
    ['unicode-nfd', search, `${S.from}${S.to}${S.status}Cafe\u0301 Central${S.type}TOK`, ''],
    ['unicode-nfc', { ...search, query: 'text=Cafe%CC%81' }, 'CaféTOK', ''],
    ['trimmed', purchase, '17000000000002024-03-01U1Café Central25.00EUR1CARDTOK', ''],
    ['number-reformatted', purchase, '17000000000002024-03-01U1Café Central25EUR1CARD TOK', ''],
    ['number-two-decimals', purchase, '1700000000000.002024-03-01U1Café Central25.00EUR1.00CARD TOK', ''],
    ['number-one-decimal', purchase, '1700000000000.02024-03-01U1Café Central25.0EUR1.0CARD TOK', ''],
    ['boolean-digits', user, 'CFO10TOK', ''],
    ['boolean-capitalised', user, 'CFOTrueFalseTOK', ''],
    ['boolean-php', user, 'CFO1TOK', ''],
    // join
    ['separator:","', search, [S.from, S.to, S.status, S.text, S.type, 'TOK'].join(','), ''],
    ['name-value-pairs', search, `fromDate=${S.from}&toDate=${S.to}&status=${S.status}&text=${S.text}&expenseType=${S.type}&token=TOK`, ''],
    ['name-value-concatenated', transfer, 'amount=25.00currencyCode=EURfromWalletId=W-1toWalletId=W-2token=TOK', ''],
    ['whole-body', transfer, 'currencyCode=EUR&amount=25.00&reference=Team+lunchTOK', ''],
    ['whole-body', search, 'status=Settled&fromDate=2024-01-01&toDate=2024-02-01&expenseType=Travel&text=Caf%C3%A9+Central&p=2TOK', ''],
  ])('names %s', (name, input, hashed, given) => {
    const expected = given === '' ? hash(hashed) : given;
    const { matches } = explain(input, expected);
    expect(matches.map((m) => m.name)).toEqual([name]);
    expect(matches[0]?.hashed).toBe(hashed);
    expect(matches[0]?.explanation).toMatch(/^Your code .+\.$/);
  });

  it("names Python's re-formatting of 25.00 as 25.0 number-reformatted too", () => {
    const { matches } = explain(purchase, hash('17000000000002024-03-01U1Café Central25.0EUR1CARD TOK'));
    expect(matches).toMatchObject([{ name: 'number-reformatted', explanation: expect.stringMatching(/Python/) }]);
  });

  it('finds a fingerprint of the access tokens given in a list (the cached ones)', () => {
    const cached = { ...search, accessToken: undefined, accessTokens: ['OLD', 'NEW'] };
    expect(explain(cached, hash(`${S.from}${S.to}${S.status}${S.text}${S.type}NEW`)).matches.map((m) => m.name)).toEqual(['access-token']);
  });
});

describe('explainMismatch: two mistakes at once', () => {
  it.each<[string, ExplainInput, string, (text: string) => string]>([
    ['token-missing+uppercase-hex', search, `${S.from}${S.to}${S.status}${S.text}${S.type}`, (t) => hash(t).toUpperCase()],
    ['percent-encoded+token-first', search, `TOK${S.from}${S.to}${S.status}Caf%C3%A9%20Central${S.type}`, (t) => hash(t)],
    ['order-source+access-token', search, `${S.from}${S.to}${S.status}${S.type}${S.text}ACC`, (t) => hash(t)],
    ['alphabetical-order+sha256', search, `${S.type}${S.from}${S.status}${S.text}${S.to}TOK`, (t) => hash(t, 'sha256')],
    ['plus-encoded+separator:"|"', search, [S.from, S.to, S.status, 'Caf%C3%A9+Central', S.type, 'TOK'].join('|'), (t) => hash(t)],
    ['empty-fields-included+separator:","', search, `,,,,${S.from},${S.to},,,${S.status},,,${S.text},${S.type},,,TOK`, (t) => hash(t)],
    ['sha256+uppercase-hex', search, searchOurs, (t) => hash(t, 'sha256').toUpperCase()],
    ['path-first+token-missing', transfer, 'W-1W-225.00EUR', (t) => hash(t)],
    // The same transfer sent as JSON (as the issue reported it): path parameters first and 25.00 printed as 25.
    ['number-reformatted+path-first', { ...transfer, body: '{"currencyCode":"EUR","amount":25.00}', contentType: 'application/json' }, 'W-1W-225EURTOK', (t) => hash(t)],
    ['extra-field-at-end:reference+plus-encoded', transfer, '25.00EURW-1W-2Team+lunchTOK', (t) => hash(t)],
    ['token-missing+whole-body', transfer, 'currencyCode=EUR&amount=25.00&reference=Team+lunch', (t) => hash(t)],
    ['name-value-pairs+trailing-newline', transfer, 'amount=25.00&currencyCode=EUR&fromWalletId=W-1&toWalletId=W-2&token=TOK\n', (t) => hash(t)],
    ['number-reformatted+request-order', purchase, 'Café Central25EUR2024-03-01U117000000000001CARD TOK', (t) => hash(t)],
    ['number-reformatted+uppercase-hex', purchase, '17000000000002024-03-01U1Café Central25.0EUR1CARD TOK', (t) => hash(t).toUpperCase()],
    ['number-reformatted+token-first', purchase, 'TOK17000000000002024-03-01U1Café Central25EUR1CARD ', (t) => hash(t)],
    ['client-secret+sha512-base64', purchase, '17000000000002024-03-01U1Café Central25.00EUR1CARD CSEC', (t) => hash(t, 'sha512', 'base64')],
    ['boolean-capitalised+token-missing', user, 'CFOTrueFalse', (t) => hash(t)],
    ['boolean-php+alphabetical-order', user, '1CFOTOK', (t) => hash(t)],
  ])('names %s', (name, input, hashed, digest) => {
    const withSecret = { ...input, clientSecret: 'CSEC' };
    const { matches, triedPairs } = explain(withSecret, digest(hashed));
    expect(matches.map((m) => m.name)).toEqual([name]);
    expect(matches[0]?.hashed).toBe(hashed);
    // Both mistakes are explained: the second one as "It also …".
    expect(matches[0]?.explanation).toMatch(/^Your code .+\. It also .+\.$/);
    expect(triedPairs).toBeGreaterThan(0);
  });

  it('prefers one mistake to two: a single match stops the search before the pairs', () => {
    const result = explain(search, hash(`${S.from}${S.to}${S.status}${S.text}${S.type}`));
    expect(result.matches.map((m) => m.name)).toEqual(['token-missing']);
    expect(result.triedPairs).toBe(0);
  });

  it('tries every pair when nothing explains the value, and says so', () => {
    const result = explain(search, hash('nothing like it'));
    expect(result.matches).toEqual([]);
    expect(result.triedPairs).toBeGreaterThan(200);
    expect(result.triedNames).toEqual(expect.arrayContaining(['uppercase-hex', 'percent-encoded', 'order-source', 'client-id', 'whole-body']));
    expect(result.ourConcatenated).toBe(searchOurs);
    expect(result.ourFingerprint).toBe(hash(searchOurs));
  });
});
