import { maskSecret } from '../core/credentials.js';
import { storeWebhookSecret } from '../config/webhook-secrets.js';
import { ApiError, VerificationError } from '../errors.js';
import { type ListenerEvent, type NotificationEvent, startListener } from '../providers/solaris/listener.js';
import { followDeliveries, triggerInEmulator } from '../providers/solaris/trigger-via-emulator.js';
import { createWebhook } from '../providers/solaris/webhooks-api.js';
import type { DemoStep } from './step.js';
import { waitFor } from './wait-for.js';

const EVENT_TYPE = 'IDENTIFICATION';
/** Where the commands shown send notifications: `webhooks listen` on its default port. */
const SHOWN_URL = 'http://127.0.0.1:4242/solaris';
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A webhook's whole round trip, as `webhooks listen`, `webhooks create` and `webhooks trigger` do it: a local listener,
 * a subscription the emulator checks by calling it, and an event the emulator delivers, signed with the
 * subscription's secret, which the listener checks with the secret `create` stored.
 */
export function solarisSteps(): DemoStep[] {
  const heard: ListenerEvent[] = [];
  // Set by the first step for the next: steps run in order, and the demo stops at the first failure.
  let listenerUrl = '';
  return [
    {
      name: 'Webhook listener',
      command: 'fintech-cli webhooks listen --emulator --port 4242',
      async run({ cx, onClose }) {
        const listener = await startListener({
          host: '127.0.0.1',
          port: 0,
          maxBodyBytes: MAX_BODY_BYTES,
          // As `webhooks listen` without a secret option: the secret `webhooks create` stored for the notification's subscription.
          secretFor: async (id) => (id === undefined ? undefined : cx.provider('solaris').webhookSecret(id)),
          now: cx.now,
          onEvent: (event) => heard.push(event),
        });
        onClose(() => listener.close());
        listenerUrl = listener.url;
        return { detail: [`listening on ${listener.url}, checking signatures with the secret stored for each subscription`] };
      },
    },
    {
      name: 'Webhook subscription',
      command: `fintech-cli webhooks create --emulator --event-type ${EVENT_TYPE} --url ${SHOWN_URL}`,
      async run({ cx }) {
        const url = `${listenerUrl}/solaris`;
        const webhook = await createWebhook(cx.provider('solaris'), EVENT_TYPE, url);
        if (webhook.secret === null) throw new ApiError('The emulator answered the subscription without its secret.', { code: 'invalid_response', provider: 'solaris' });
        await storeWebhookSecret(cx, webhook.id, webhook.secret);
        const check = heard.find((event) => event.type === 'subscription_check');
        return {
          detail: [
            `subscription ${webhook.id}: ${EVENT_TYPE} → ${url}`,
            `the emulator called the URL first (the WEBHOOK-SUBSCRIPTION check) and the listener answered ${check?.status ?? 'nothing'}`,
            `its signing secret ${maskSecret(webhook.secret)}, shown only once, is now stored in the config for --webhook-id`,
          ],
        };
      },
    },
    {
      name: 'Signed notification delivered and verified',
      command: `fintech-cli webhooks trigger ${EVENT_TYPE} --emulator`,
      async run({ cx, emulatorUrl }) {
        const http = await cx.http();
        const triggered = await triggerInEmulator(http, emulatorUrl, { event_type: EVENT_TYPE });
        const [report] = await followDeliveries(http, emulatorUrl, triggered, { maxAttempts: 3, signal: cx.signal, onAttempt: () => {} });
        if (report?.outcome !== 'delivered') {
          throw new ApiError(`The emulator did not deliver the ${EVENT_TYPE} notification (${report?.outcome ?? 'no subscription'}).`, { code: 'webhook_not_delivered' });
        }
        const isOurs = (e: ListenerEvent): e is NotificationEvent => e.type === 'notification' && e.notification_id === report.notification_id;
        const notification = await waitFor(heard, isOurs, cx.signal);
        if (notification?.signature !== 'valid') {
          throw new VerificationError(`The listener found the notification's signature ${notification?.signature ?? 'never arrived'}.`, {
            code: 'webhook_signature_mismatch',
            hint: 'See "Troubleshooting signature mismatches" in docs/solaris.md.',
          });
        }
        const last = report.attempts.at(-1);
        return {
          detail: [
            `the emulator delivered notification ${report.notification_id}: attempt ${last?.attempt ?? 1} → ${last?.status ?? notification.status}`,
            `Solaris-Webhook-Signature: ${notification.headers['solaris-webhook-signature'] ?? ''}`,
            `the listener recomputed the HMAC-SHA256 of the exact body with the stored secret: signature ${notification.signature}`,
          ],
        };
      },
    },
  ];
}
