import { describe, expect, it } from 'vitest';
import { DEFAULT_ORDER_SOURCE, findOrderById, matchOperation, orderUnder, orderVariants, searchOrders, soldoOrders, type SoldoOrder } from './orders.js';

describe('soldoOrders', () => {
  it('ships the 62 operations of the OpenAPI 5.56.0 spec, each once, under /business/v2', () => {
    expect(soldoOrders).toHaveLength(62);
    expect(new Set(soldoOrders.map((o) => o.operationId)).size).toBe(62);
    for (const order of soldoOrders) {
      expect(order.path).toMatch(/^\/business\/v2\//);
      expect(order.order.length).toBeGreaterThan(0);
    }
  });

  it('writes every list field as join(...)', () => {
    expect(findOrderById('webhook-subscription-update')?.order).toEqual(['webhookSubscriptionId', 'webhook_url', 'join(enabled_events)', 'active', 'token']);
  });

  it('names path parameters as the order does where the spec differs', () => {
    expect(findOrderById('online-ads-activate')?.path).toBe('/business/v2/online-ads/{id}');
    expect(findOrderById('resource-set-update')?.path).toBe('/business/v2/resource-sets/{resourceSetId}');
  });
});

describe('findOrderById', () => {
  it('finds an operation by id, or nothing', () => {
    expect(findOrderById('transaction-search')?.order.at(-1)).toBe('token');
    expect(findOrderById('no-such-operation')).toBeUndefined();
  });
});

describe('matchOperation', () => {
  const transfer = (url: string) => matchOperation('PUT', url);

  it.each([
    ['a full URL', 'https://api.soldo.com/business/v2/wallets/internalTransfer/W1/W2'],
    ['a path with the prefix', '/business/v2/wallets/internalTransfer/W1/W2'],
    ['a path without the prefix', '/wallets/internalTransfer/W1/W2'],
    ["the emulator's base path", 'http://127.0.0.1:4010/soldo/business/v2/wallets/internalTransfer/W1/W2'],
    ['a base path without the prefix', 'http://127.0.0.1:4010/soldo/wallets/internalTransfer/W1/W2'],
    ['a query, fragment and trailing slash', '/business/v2/wallets/internalTransfer/W1/W2/?x=1#top'],
  ])('matches %s', (_, url) => {
    const match = transfer(url);
    expect(match?.order.operationId).toBe('wallet-internal-transfer');
    expect(match?.pathParams).toEqual({ fromWalletId: 'W1', toWalletId: 'W2' });
  });

  it('decodes percent-encoded parameters', () => {
    expect(transfer('/business/v2/wallets/internalTransfer/a%2Fb/c%20d%C3%A9')?.pathParams).toEqual({ fromWalletId: 'a/b', toWalletId: 'c dé' });
    expect(transfer('/business/v2/wallets/internalTransfer/100%/W2')?.pathParams.fromWalletId).toBe('100%');
  });

  it('prefers literal segments over templated ones', () => {
    expect(matchOperation('GET', '/business/v2/transactions/mileage-reimbursements/T1')?.order.operationId).toBe('mileage-reimbursement-transaction-get');
    expect(matchOperation('GET', '/business/v2/transactions/T1')?.order.operationId).toBe('transaction-get');
    // Both templates have three segments; the literal "out-of-office" comes first.
    expect(matchOperation('PUT', '/business/v2/employees/out-of-office/access-modes')?.order.operationId).toBe('out-of-office-update');
  });

  it('needs the whole path after /business/v2 to match', () => {
    expect(matchOperation('GET', '/business/v2/transactions')?.order.operationId).toBe('transaction-search');
    expect(matchOperation('GET', '/business/v2/extra/transactions')).toBeUndefined();
  });

  it('matches the method case-insensitively and nothing else', () => {
    expect(matchOperation('put', '/online-ads/AD1')).toEqual({ order: findOrderById('online-ads-update'), pathParams: { id: 'AD1' } });
    expect(matchOperation('PATCH', '/online-ads/AD1')).toBeUndefined();
    expect(matchOperation('GET', '/business/v2/wallets')).toBeUndefined();
  });
});

describe('searchOrders', () => {
  it('searches ids, methods, paths and fields case-insensitively', () => {
    expect(searchOrders('internalTRANSFER').map((o) => o.operationId)).toEqual(['wallet-internal-transfer']);
    expect(searchOrders('get mileage').map((o) => o.operationId)).toEqual(['mileage-reimbursement-transaction-get']);
    expect(searchOrders('Expense_Allocation').map((o) => o.operationId)).toEqual(['business-trip-add', 'business-trip-update-expenses']);
  });

  it('returns all for an empty query and none for an unknown word', () => {
    expect(searchOrders('  ')).toHaveLength(62);
    expect(searchOrders('no-such-thing')).toEqual([]);
  });
});

describe('order sources', () => {
  const search = findOrderById('transaction-search')!;
  const tail = (order: SoldoOrder) => order.order.slice(11);

  it("gives the guide's order by default, the export's under openapi, and back", () => {
    expect(tail(search)).toEqual(['expenseType', 'expenseStatus', 'text', 'requiredInformation', 'token']);
    const exported = orderUnder(search, 'openapi');
    expect(tail(exported)).toEqual(['text', 'expenseType', 'expenseStatus', 'requiredInformation', 'token']);
    expect(orderUnder(exported, 'guide')).toBe(search);
    expect(DEFAULT_ORDER_SOURCE).toBe('guide');
  });

  it('lists both variants where the sources disagree and one elsewhere', () => {
    expect(orderVariants(search).map((v) => [v.source, v.order.slice(11, 13)])).toEqual([
      ['guide', ['expenseType', 'expenseStatus']],
      ['openapi', ['text', 'expenseType']],
    ]);
    const transfer = findOrderById('wallet-internal-transfer')!;
    expect(orderVariants(transfer)).toEqual([{ source: 'guide', order: transfer.order }]);
    expect(orderUnder(transfer, 'openapi')).toBe(transfer);
  });
});
