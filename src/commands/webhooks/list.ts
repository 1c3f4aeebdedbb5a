import { renderTable } from '../../output/table.js';
import { listWebhooks, MAX_PAGE_SIZE } from '../../providers/solaris/webhooks-api.js';
import { defineCommand } from '../spec.js';
import { integerOption } from './integer-option.js';

export default defineCommand({
  path: ['webhooks', 'list'],
  summary: 'List the webhook subscriptions (every page)',
  description: 'List every webhook subscription, following all pages. A table on a terminal, tab-separated when piped, JSON with --json. Secrets are not shown: Solaris shows them only at creation.',
  options: [{ flags: '--page-size <n>', description: `subscriptions per request, 1 to ${MAX_PAGE_SIZE}`, defaultValue: '100' }],
  examples: ['fintech-cli webhooks list', 'fintech-cli webhooks list | cut -f1', 'fintech-cli webhooks list --json | jq -r ".[].url"'],
  async run({ opts }, cx) {
    const webhooks = await listWebhooks(cx.provider('solaris'), { pageSize: integerOption(opts.pageSize, '--page-size', 1, MAX_PAGE_SIZE) });
    if (cx.globals.json) {
      cx.io.json(webhooks);
      return;
    }
    if (webhooks.length === 0) {
      cx.io.info('No webhook subscriptions.');
      return;
    }
    renderTable(cx.io, ['ID', 'EVENT TYPE', 'URL'], webhooks.map((w) => [w.id, w.event_type, w.url]));
  },
});
