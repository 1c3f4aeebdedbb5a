import { storedWebhookSecrets } from '../../../config/webhook-secrets.js';
import { maskSecret } from '../../../core/credentials.js';
import { renderTable } from '../../../output/table.js';
import { defineCommand } from '../../spec.js';

export default defineCommand({
  path: ['webhooks', 'secret', 'list'],
  summary: 'List the webhook signing secrets stored in the selected profile and environment, masked',
  description:
    'List the subscriptions whose signing secret is stored (by "webhooks create" or "webhooks secret set") in the selected ' +
    'profile and environment. Secrets are masked unless --show-secrets; references (env:NAME, file:PATH) are shown as written.',
  options: [{ flags: '--show-secrets', description: 'print secrets in full' }],
  examples: ['fintech-cli webhooks secret list', 'fintech-cli webhooks secret list --production --json'],
  async run({ opts }, cx) {
    const { showSecrets } = opts;
    const { profile, environment } = cx.globals;
    const rows = Object.entries(await storedWebhookSecrets(cx)).map(([id, secret]) => ({
      subscription_id: id,
      profile,
      environment,
      secret: showSecrets ? secret : maskSecret(secret),
    }));
    if (cx.globals.json) {
      cx.io.json(rows);
      return;
    }
    if (rows.length === 0) {
      cx.io.info(`No webhook secrets stored (profile ${profile}, ${environment}). Store one: fintech-cli webhooks secret set <subscription-id> --secret-stdin`);
      return;
    }
    renderTable(
      cx.io,
      ['SUBSCRIPTION', 'SECRET'],
      rows.map((row) => [row.subscription_id, row.secret]),
    );
  },
});
