import { suggestedWord } from '../../io/terminal-safe.js';
import { storeWebhookSecret } from '../../config/webhook-secrets.js';
import { UsageError } from '../../errors.js';
import { isKnownEventType } from '../../providers/solaris/events.js';
import { createWebhook } from '../../providers/solaris/webhooks-api.js';
import { defineCommand } from '../spec.js';
import { renderWebhook } from './render-webhook.js';
import { credentialsFirst } from '../shared/credentials-first.js';

export default defineCommand({
  path: ['webhooks', 'create'],
  summary: 'Subscribe a URL to a Solaris event type; shows the signing secret once and stores it',
  description:
    'Create a webhook subscription. Solaris first POSTs an empty check call (Solaris-Webhook-Event-Type: WEBHOOK-SUBSCRIPTION) ' +
    'to the URL and accepts it only if that is answered 2xx; the URL must be https:// (the emulator also accepts http:// to ' +
    'loopback). The answer carries the signing secret, shown only this once: it is printed and stored in the config under ' +
    'the subscription id, for --webhook-id. One subscription per event type; subscriptions cannot be changed, only deleted.',
  options: [
    { flags: '--event-type <type>', description: 'the event type, e.g. IDENTIFICATION, BOOKING, ACCOUNT_BLOCK', required: true },
    { flags: '--url <url>', description: 'the https:// URL Solaris delivers to', required: true },
  ],
  examples: [
    'fintech-cli webhooks create --event-type IDENTIFICATION --url https://hooks.example.com/solaris',
    'fintech-cli webhooks create --emulator --event-type BOOKING --url http://127.0.0.1:4242/',
    'fintech-cli webhooks create --event-type BOOKING --url "$TUNNEL_URL" --json | jq -r .id',
  ],
  async run({ opts }, cx) {
    const { eventType, url } = opts;
    if (!URL.canParse(url)) throw new UsageError(`--url is not a URL: ${url}`, { hint: 'Give an absolute URL, e.g. https://hooks.example.com/solaris.' });
    if (!isKnownEventType(eventType)) {
      cx.io.info(`note: ${eventType} is not among the event types Solaris documents (as this version of the CLI knows them); it is sent as given.`);
    }
    const solaris = cx.provider('solaris');
    await credentialsFirst(solaris, [solaris.descriptor.token.service, 'api_url']);
    const spinner = await cx.io.spinner(`Creating the subscription (Solaris calls ${url} first)…`);
    const webhook = await createWebhook(solaris, eventType, url).finally(() => spinner.stop());
    // Shown before it is stored: if storing fails, the one chance to see the secret is not lost.
    if (cx.globals.json) cx.io.json(webhook);
    else renderWebhook(cx.io, webhook);
    if (webhook.secret === null) {
      cx.io.warn('The answer carried no signing secret, so none was stored.');
      cx.io.info(
        `If the server signs with a secret you know (a mock, another tool), store it for the listener and --webhook-id: ` +
          `fintech-cli webhooks secret set ${suggestedWord(cx.io.streams.stderr, webhook.id)} --secret-stdin`,
      );
      return;
    }
    const file = await storeWebhookSecret(cx, webhook.id, webhook.secret);
    cx.io.info(`The secret is shown only this once; it is stored in ${file} for --webhook-id ${suggestedWord(cx.io.streams.stderr, webhook.id)}.`);
  },
});
