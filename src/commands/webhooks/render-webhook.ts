import type { Io } from '../../io/io.js';
import type { Webhook } from '../../providers/solaris/webhooks-api.js';
import { renderFields } from '../../output/fields.js';

/** One subscription as fields; the secret only when Solaris shows it (at creation). */
export function renderWebhook(io: Io, webhook: Webhook): void {
  const fields: [string, string][] = [
    ['id', webhook.id],
    ['event_type', webhook.event_type],
    ['url', webhook.url],
  ];
  if (webhook.secret !== null) fields.push(['secret', webhook.secret]);
  renderFields(io, fields);
}
