import { getWebhook } from '../../providers/solaris/webhooks-api.js';
import { defineCommand } from '../spec.js';
import { renderWebhook } from './render-webhook.js';

export default defineCommand({
  path: ['webhooks', 'get'],
  summary: 'Show one webhook subscription',
  args: [{ name: 'id', description: 'the subscription id' }],
  examples: ['fintech-cli webhooks get 3f2a…', 'fintech-cli webhooks get "$ID" --json'],
  async run({ args }, cx) {
    const webhook = await getWebhook(cx.provider('solaris'), args[0]!);
    if (cx.globals.json) cx.io.json(webhook);
    else renderWebhook(cx.io, webhook);
  },
});
