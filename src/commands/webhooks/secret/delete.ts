import { forgetWebhookSecret, webhookSecretElsewhere } from '../../../config/webhook-secrets.js';
import { ApiError } from '../../../errors.js';
import { defineCommand } from '../../spec.js';

export default defineCommand({
  path: ['webhooks', 'secret', 'delete'],
  summary: 'Forget the signing secret stored for a subscription (the subscription itself stays)',
  description:
    'Remove the secret stored for a subscription id in the selected profile and environment. The subscription is not ' +
    'touched ("webhooks delete" deletes it and its secret); the listener then answers its notifications 422. Exit 1 when ' +
    'no secret is stored for the id.',
  args: [{ name: 'subscription-id', description: 'the id the secret is stored under (see "webhooks secret list")' }],
  examples: ['fintech-cli webhooks secret delete 4c6f93d4c8d427927257e2ce734a5a10', 'fintech-cli webhooks secret delete mock-subscription --emulator --json'],
  async run({ args }, cx) {
    const id = args[0]!;
    const { profile, environment } = cx.globals;
    if (!(await forgetWebhookSecret(cx, id))) {
      throw new ApiError(`No secret is stored for webhook ${id} (profile ${profile}, ${environment}).`, {
        code: 'webhook_secret_not_found',
        hint: (await webhookSecretElsewhere(cx, id)) ?? 'See the stored ones with: fintech-cli webhooks secret list',
      });
    }
    if (cx.globals.json) cx.io.json({ subscription_id: id, profile, environment, deleted: true });
    else cx.io.info(`${cx.io.errStyle.green('✓')} Forgot the secret of webhook ${id} (profile ${profile}, ${environment}).`);
  },
});
