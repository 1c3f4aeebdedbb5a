import { guardedName, isProductionLike } from '../../config/custom-environments.js';
import { forgetWebhookSecret } from '../../config/webhook-secrets.js';
import { UsageError } from '../../errors.js';
import { deleteWebhook } from '../../providers/solaris/webhooks-api.js';
import { defineCommand } from '../spec.js';

export default defineCommand({
  path: ['webhooks', 'delete'],
  summary: 'Delete a webhook subscription (and forget its stored secret)',
  description:
    'Delete a webhook subscription. Notifications still queued for it are lost. In production it asks first; ' +
    'give --yes to skip the question (required when no terminal is attached).',
  args: [{ name: 'id', description: 'the subscription id' }],
  options: [{ flags: '-y, --yes', description: 'do not ask for confirmation in production' }],
  examples: ['fintech-cli webhooks delete "$ID"', 'fintech-cli webhooks delete "$ID" --production --yes'],
  async run({ args, opts }, cx) {
    const id = args[0]!;
    if (!opts.yes && (await isProductionLike(cx))) {
      const where = guardedName(cx.globals.environment);
      const prompter = await cx.prompterOr(`To delete a ${where} subscription without a question, add --yes.`);
      const confirmed = await prompter.confirm({ message: `Delete the ${where} webhook ${id}? Notifications queued for it are lost.`, default: false });
      if (!confirmed) throw new UsageError('Not deleted.', { code: 'cancelled' });
    }
    await deleteWebhook(cx.provider('solaris'), id);
    await forgetWebhookSecret(cx, id);
    if (cx.globals.json) cx.io.json({ id, deleted: true });
    else cx.io.info(`${cx.io.errStyle.green('✓')} Deleted webhook ${id}.`);
  },
});
