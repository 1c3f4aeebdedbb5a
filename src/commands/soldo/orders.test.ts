import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';

const orders = (argv: string[], tty = false) => runCli(['soldo', 'orders', ...argv], { env: { FINTECH_CLI_CONFIG_DIR: '/nonexistent' }, tty });

describe('soldo orders', () => {
  it('lists all 62 operations as TSV when piped', async () => {
    const result = await orders([]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(62);
    expect(lines).toContain(
      'wallet-internal-transfer\tPUT\t/business/v2/wallets/internalTransfer/{fromWalletId}/{toWalletId}\tamount, currencyCode, fromWalletId, toWalletId, token',
    );
  });

  it('searches with every word of the query', async () => {
    const result = await orders(['get', 'mileage']);
    expect(result.stdout).toBe('mileage-reimbursement-transaction-get\tGET\t/business/v2/transactions/mileage-reimbursements/{transactionId}\ttransactionId, token\n');
  });

  it('draws a table with a header on a terminal', async () => {
    const result = await orders(['transfer', '--no-color'], true);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^OPERATION +METHOD +PATH +FIELDS$/);
    expect(rows).toHaveLength(3);
  });

  it('prints a JSON array', async () => {
    const doc = JSON.parse((await orders(['internalTransfer', '--json'])).stdout);
    expect(doc).toEqual([
      {
        operation: 'wallet-internal-transfer',
        method: 'PUT',
        path: '/business/v2/wallets/internalTransfer/{fromWalletId}/{toWalletId}',
        content_type: 'application/x-www-form-urlencoded',
        order: ['amount', 'currencyCode', 'fromWalletId', 'toWalletId', 'token'],
      },
    ]);
  });

  it("shows the guide's order where Soldo's sources disagree, and both sources' own", async () => {
    const [search] = JSON.parse((await orders(['transaction-search', '--json'])).stdout);
    const guide = ['type', 'publicId', 'customReferenceId', 'groupId', 'fromDate', 'toDate', 'dateType', 'category', 'status', 'tagId', 'metadataId', 'expenseType', 'expenseStatus', 'text'];
    const exported = ['type', 'publicId', 'customReferenceId', 'groupId', 'fromDate', 'toDate', 'dateType', 'category', 'status', 'tagId', 'metadataId', 'text', 'expenseType', 'expenseStatus', 'requiredInformation'];
    expect(search.order).toEqual([...guide, 'requiredInformation', 'token']);
    expect(search.sources).toEqual({ guide: [...guide, 'token'], openapi: [...exported, 'token'] });
  });

  it('finds nothing without failing, like gh: a note on a terminal, silence in a pipe, [] in JSON', async () => {
    expect(await orders(['no-such-thing'])).toEqual({ code: 0, stdout: '', stderr: '' });
    const tty = await orders(['no-such-thing'], true);
    expect(tty).toMatchObject({ code: 0, stdout: '' });
    expect(tty.stderr).toContain('No operation matches "no-such-thing".');
    expect(await orders(['no-such-thing', '--json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });
});
