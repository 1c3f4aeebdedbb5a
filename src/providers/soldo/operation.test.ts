import { describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { resolveRequest } from './operation.js';

const summary = (target: Parameters<typeof resolveRequest>[0]) => {
  const { order, pathParams, query, missingPathParams } = resolveRequest(target);
  return { operation: order.operationId, pathParams, query: query.toString(), missingPathParams };
};

describe('resolveRequest', () => {
  it('splits --operation parameters into path parameters and query fields', () => {
    expect(summary({ operationId: 'wallet-internal-transfer', params: [['fromWalletId', 'W1'], ['currencyCode', 'EUR']] })).toEqual({
      operation: 'wallet-internal-transfer',
      pathParams: { fromWalletId: 'W1' },
      query: 'currencyCode=EUR',
      missingPathParams: ['toWalletId'],
    });
  });

  it("takes a URL's path parameters and query, and adds parameters to the query", () => {
    expect(summary({ url: 'https://api.soldo.com/business/v2/transactions/T1?x=1', method: 'get', params: [['y', '2']] })).toEqual({
      operation: 'transaction-get',
      pathParams: { transactionId: 'T1' },
      query: 'x=1&y=2',
      missingPathParams: [],
    });
  });

  it('finds the method when only one operation has the path', () => {
    expect(summary({ url: '/wallets/internalTransfer/W1/W2' }).operation).toBe('wallet-internal-transfer');
  });

  it.each([
    ['nothing', {}],
    ['an unknown operation', { operationId: 'nope' }],
    ['a path of several operations without a method', { url: '/business/v2/online-ads/AD1' }],
    ['a path without an order', { url: '/business/v2/wallets', method: 'GET' }],
    ['a URL that does not parse', { url: 'http://[::1' }],
  ])('refuses %s as a usage error', (_, target) => {
    expect(() => resolveRequest(target)).toThrow(UsageError);
  });
});
