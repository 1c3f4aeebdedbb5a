import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JavaScript script (npm run gen:soldo), without type declarations
import { generateFromRepository, generateSoldoOrders, splitOrder, tableText } from '../../../scripts/gen-soldo-orders.mjs';

const shipped = readFileSync(new URL('./fingerprint-orders.json', import.meta.url), 'utf8');
const spec = JSON.parse(readFileSync(new URL('../../../spec/soldo-business-api-5.56.0.json', import.meta.url), 'utf8'));

interface Entry {
  operationId: string;
  path: string;
  order: string[];
  contentType?: string;
  sources?: { guide: string[]; openapi: string[] };
}
const generate = (input: unknown): { operations: Entry[] } => generateSoldoOrders(input);

describe('the shipped fingerprint-order table', () => {
  it('is what scripts/gen-soldo-orders.mjs makes of the vendored spec (run npm run gen:soldo when this fails)', () => {
    expect(generateFromRepository()).toBe(shipped);
  });

  it("would differ from a spec whose order changed: the comparison sees the spec's orders", () => {
    const changed = structuredClone(spec);
    changed.paths['/business/v2/wallets/internalTransfer/{fromWalletId}/{toWalletId}'].put['x-soldo']['fingerprint-order'] = 'currencyCode, amount, fromWalletId, toWalletId, token';
    expect(tableText(generateSoldoOrders(changed))).not.toBe(shipped);
  });
});

describe('generateSoldoOrders', () => {
  const table = generate(spec);
  const byId = (id: string) => table.operations.find((o) => o.operationId === id);

  it('takes every operation with an x-soldo.fingerprint-order: 62', () => {
    expect(table.operations).toHaveLength(62);
  });

  it('records the content type the spec declares for the body, and none where it declares no body', () => {
    expect(byId('wallet-internal-transfer')?.contentType).toBe('application/x-www-form-urlencoded');
    expect(byId('wallet-add')?.contentType).toBe('application/json');
    expect(byId('card-wallet-switch')).not.toHaveProperty('contentType');
  });

  it("names a path parameter as the order's identifier for it", () => {
    expect(byId('online-ads-update')?.path).toBe('/business/v2/online-ads/{id}');
    expect(byId('resource-set-update')?.path).toBe('/business/v2/resource-sets/{resourceSetId}');
    expect(byId('out-of-office-update')?.path).toBe('/business/v2/employees/out-of-office/{id}');
    // The order names neither userId nor another identifier: the spec's name stays.
    expect(byId('user-update')?.path).toBe('/business/v2/employees/{userId}');
  });

  it("keeps the guide's relative order where it disagrees with the export, with the export's extra field, and records both", () => {
    const search = byId('transaction-search');
    expect(search?.order.slice(11)).toEqual(['expenseType', 'expenseStatus', 'text', 'requiredInformation', 'token']);
    expect(search?.sources?.openapi.slice(11)).toEqual(['text', 'expenseType', 'expenseStatus', 'requiredInformation', 'token']);
    expect(search?.sources?.guide.slice(11)).toEqual(['expenseType', 'expenseStatus', 'text', 'token']);
    expect(table.operations.filter((o) => o.sources !== undefined).map((o) => o.operationId)).toEqual(['transaction-search']);
  });

  it('records no disagreement when the export says what the guide says', () => {
    const agreeing = structuredClone(spec);
    agreeing.paths['/business/v2/transactions'].get['x-soldo']['fingerprint-order'] =
      'type, publicId, customReferenceId, groupId, fromDate, toDate, dateType, category, status, tagId, metadataId, expenseType, expenseStatus, text, token';
    const search = generate(agreeing).operations.find((o) => o.operationId === 'transaction-search');
    expect(search).not.toHaveProperty('sources');
    expect(search?.order.at(-2)).toBe('text');
  });
});

describe('splitOrder', () => {
  it.each([
    ['id, name,wallet_id, token', ['id', 'name', 'wallet_id', 'token']],
    ['webhook_url, enabled_events(joined), active', ['webhook_url', 'join(enabled_events)', 'active']],
    ['webhookSubscriptionId, enabled_events (joined)', ['webhookSubscriptionId', 'join(enabled_events)']],
    ['type, join(concat(a.type, a.identification)),userId, token', ['type', 'join(concat(a.type, a.identification))', 'userId', 'token']],
  ])('%s', (text, fields) => {
    expect(splitOrder(text)).toEqual(fields);
  });
});
