import { renderTable } from '../../output/table.js';
import { searchOrders } from '../../providers/soldo/orders.js';
import { defineCommand } from '../spec.js';

export default defineCommand({
  path: ['soldo', 'orders'],
  summary: 'List and search the operations that need a signature, with their fingerprint order',
  description:
    'List the Soldo operations that need advanced authentication (X-Soldo-Fingerprint and its signature) and the order ' +
    'of the fields in their fingerprint. Every word of the query must appear in the operation id, method, path or fields. ' +
    'No match is not an error: nothing is printed and the exit code is 0 (like gh, a note goes to stderr on a terminal).',
  args: [{ name: 'query...', description: 'words to search for, e.g. "transfer" or "get mileage"', required: false }],
  examples: ['fintech-cli soldo orders', 'fintech-cli soldo orders transfer', 'fintech-cli soldo orders request_timestamp --json'],
  async run({ args }, cx) {
    const query = args.join(' ');
    const found = searchOrders(query);
    if (cx.globals.json) {
      // The same names as `soldo fingerprint --json`.
      cx.io.json(
        found.map((o) => ({
          operation: o.operationId,
          method: o.method,
          path: o.path,
          content_type: o.contentType ?? null,
          order: o.order,
          ...(o.sources === undefined ? {} : { sources: o.sources }),
        })),
      );
      return;
    }
    if (found.length === 0) {
      if (cx.io.stdoutIsTTY) cx.io.info(`No operation matches "${query}". Run fintech-cli soldo orders to list all of them.`);
      return;
    }
    renderTable(
      cx.io,
      ['OPERATION', 'METHOD', 'PATH', 'FIELDS'],
      found.map((o) => [o.operationId, o.method, o.path, o.order.join(', ')]),
    );
  },
});
