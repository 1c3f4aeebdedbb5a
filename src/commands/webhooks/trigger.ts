import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_EMULATOR_URL } from '../../environments.js';
import { parseBaseUrl } from '../../core/urls.js';
import { ApiError, UsageError } from '../../errors.js';
import { isKnownEventType } from '../../providers/solaris/events.js';
import { MAX_RETRIES } from '../../providers/solaris/notifications.js';
import { type AttemptRecord, type DeliveryReport, sendNotification, type TriggerOutcome } from '../../providers/solaris/send-notification.js';
import { followDeliveries, triggerInEmulator } from '../../providers/solaris/trigger-via-emulator.js';
import type { RunContext } from '../../run-context.js';
import { readFileInput, readInput } from '../shared/input.js';
import { defineCommand, type OptionValues } from '../spec.js';
import { integerOption } from './integer-option.js';
import { givenSecretOption, requireWebhookSecret, secretOptions } from './secret-options.js';

export default defineCommand({
  path: ['webhooks', 'trigger'],
  summary: 'Send a signed sample notification to a URL, retrying as Solaris does (or let the emulator deliver it)',
  description:
    'With --to, send a notification of the event type straight to the URL, signed with the secret and carrying all Solaris ' +
    'headers, and follow Solaris\' delivery rules: 2xx delivered; 410 means Solaris would cancel the subscription; 422 ' +
    'rejected, not retried; anything else (or no answer) retried after --retry-interval, doubling each time, with ' +
    'Solaris-Webhook-Attempt counting up, for at most --max-attempts attempts. Known event types have a sample body; ' +
    '--data sends your own bytes. In the emulator environment without --to, the emulator delivers the event to its ' +
    'subscription of that type, on its own retry schedule, and each attempt is reported. Exit 1 unless it was delivered.',
  args: [{ name: 'event-type', description: 'e.g. IDENTIFICATION, BOOKING, ACCOUNT_BLOCK' }],
  options: [
    { flags: '--to <url>', description: 'send it to this URL (without it: the emulator delivers to its subscription)' },
    ...secretOptions,
    { flags: '-d, --data <json|@file|->', description: 'the JSON body to send, byte for byte: the text, a file with @, standard input with - (default: a sample for the event type)' },
    { flags: '--payload-file <path>', description: 'the JSON body file', deprecated: '--data @<path>' },
    { flags: '--entity-id <id>', description: 'the Solaris-Entity-Id header (default: the id in the body)' },
    { flags: '--max-attempts <n>', description: `stop after this many attempts, 1 to ${MAX_RETRIES + 1} (the emulator follows its own schedule)`, defaultValue: '3' },
    { flags: '--retry-interval <ms>', description: 'with --to: wait before the first retry, doubled for each next one', defaultValue: '1000' },
  ],
  examples: [
    'fintech-cli webhooks trigger IDENTIFICATION --to http://localhost:3000/webhooks/solaris --webhook-id "$ID"',
    'fintech-cli webhooks trigger BOOKING --to http://localhost:3000/hooks --data @booking.json --secret-stdin < secret.txt',
    'fintech-cli webhooks trigger ACCOUNT_BLOCK --emulator',
  ],
  async run({ args, opts }, cx) {
    const eventType = args[0]!;
    const maxAttempts = integerOption(opts.maxAttempts, '--max-attempts', 1, MAX_RETRIES + 1);
    const retryIntervalMs = integerOption(opts.retryInterval, '--retry-interval', 1, 24 * 60 * 60 * 1000);
    const { entityId, to } = opts;
    const payload = await readPayload(cx, opts);
    if (payload === undefined && !isKnownEventType(eventType)) {
      cx.io.info(`note: ${eventType} is not among the event types Solaris documents, so it has no sample; the body is {"id": …}. Give --data for a body of your own.`);
    }
    const onAttempt = (record: AttemptRecord) => {
      if (!cx.globals.json) cx.io.out(`  attempt ${record.attempt} → ${attemptWords(record)}\n`);
    };

    let reports: DeliveryReport[];
    let entity: string;
    if (to === undefined) {
      ({ reports, entity } = await viaEmulator(cx, opts, { event_type: eventType, payload: payload?.parsed, entity_id: entityId }, maxAttempts, onAttempt));
    } else {
      const secret = await requireWebhookSecret(opts, cx, { stdinCarriesBody: opts.data === '-' || opts.payloadFile === '-' });
      // The samples of ~90 event types: read only by a trigger that sends one, not by every command.
      const { notificationFor } = await import('../../providers/solaris/event-samples.js');
      const content = notificationFor(eventType, { payload: payload?.parsed, entityId, now: cx.now(), newId: () => randomBytes(16).toString('hex') });
      entity = content.entityId;
      // A payload file is sent byte for byte: the signature covers exactly what the user wrote.
      const body = payload?.bytes ?? Buffer.from(JSON.stringify(content.body), 'utf8');
      const notificationId = randomUUID();
      if (!cx.globals.json) cx.io.out(`${eventType} → ${to}  (notification ${notificationId})\n`);
      const notification = { notificationId, subscriptionId: secret.webhookId ?? randomBytes(16).toString('hex'), eventType, entityId: entity, secret: secret.value, body };
      reports = [await sendNotification({ http: await cx.http(), url: to, notification, maxAttempts, retryIntervalMs, now: cx.now, signal: cx.signal, onAttempt })];
    }
    if (cx.globals.json) cx.io.json({ event_type: eventType, entity_id: entity, deliveries: reports });
    const failed = reports.find((r) => r.outcome !== 'delivered');
    if (failed !== undefined) throw notDelivered(failed);
  },
});

/** The body of --data (or the deprecated --payload-file, a path); undefined for the event type's sample. */
async function readPayload(cx: RunContext, { data, payloadFile }: { data: string | undefined; payloadFile: string | undefined }): Promise<{ bytes: Buffer; parsed: unknown } | undefined> {
  if (data !== undefined && payloadFile !== undefined) throw new UsageError('--data and --payload-file both give the body.', { hint: 'Use --data alone.' });
  let bytes: Buffer;
  if (payloadFile !== undefined) bytes = await readFileInput(cx, payloadFile);
  else if (data !== undefined) {
    const read = await readInput(cx, data, { code: 'data_file_unreadable', what: 'the body file' });
    bytes = typeof read === 'string' ? Buffer.from(read, 'utf8') : read;
  } else return undefined;
  try {
    return { bytes, parsed: JSON.parse(bytes.toString('utf8')) };
  } catch (error) {
    const given = payloadFile === undefined ? `--data ${data!.length > 40 ? `${data!.slice(0, 40)}…` : data}` : `--payload-file ${payloadFile}`;
    throw new UsageError(`${given} is not JSON: ${(error as Error).message}`, { code: 'bad_json', hint: 'Solaris sends JSON bodies; give one.' });
  }
}

async function viaEmulator(
  cx: RunContext,
  opts: OptionValues<typeof secretOptions>,
  event: { event_type: string; payload?: unknown; entity_id?: string },
  maxAttempts: number,
  onAttempt: (record: AttemptRecord) => void,
): Promise<{ reports: DeliveryReport[]; entity: string }> {
  if (cx.globals.environment !== 'emulator') {
    throw new UsageError('--to is required outside the emulator environment.', { hint: 'Give --to <url>, or add --emulator to let the emulator deliver to its subscription.' });
  }
  if (givenSecretOption(opts) !== undefined) {
    throw new UsageError('The emulator signs with its subscription\'s own secret.', { hint: 'The secret options apply with --to; drop them, or add --to <url>.' });
  }
  const emulatorUrl = parseBaseUrl(cx.env.FINTECH_CLI_EMULATOR_URL || DEFAULT_EMULATOR_URL, 'URL in FINTECH_CLI_EMULATOR_URL');
  const http = await cx.http();
  const triggered = await triggerInEmulator(http, emulatorUrl, event);
  if (triggered.notifications.length === 0) {
    throw new ApiError(`The emulator has no subscription for ${event.event_type}, so nothing was sent.`, {
      code: 'no_subscription',
      hint: `Create one: fintech-cli webhooks create --emulator --event-type ${event.event_type} --url <url>`,
    });
  }
  if (!cx.globals.json) {
    for (const n of triggered.notifications) cx.io.out(`${event.event_type} → ${n.url}  (notification ${n.notification_id}, delivered by the emulator)\n`);
  }
  const reports = await followDeliveries(http, emulatorUrl, triggered, { maxAttempts, signal: cx.signal, onAttempt });
  return { reports, entity: triggered.entity_id };
}

function attemptWords(record: AttemptRecord): string {
  const answer = record.status === undefined ? `no answer (${record.error ?? 'unknown'})` : String(record.status);
  switch (record.outcome) {
    case 'delivered':
      return `${answer}: delivered`;
    case 'retry':
      return record.retry_in_ms === undefined ? `${answer}: not accepted` : `${answer}: retrying in ${record.retry_in_ms} ms`;
    case 'cancelled':
      return `${answer}: Solaris would cancel the subscription`;
    case 'rejected':
      return `${answer}: rejected, Solaris does not retry it`;
    case 'expired':
      return `${answer}: expired after ${MAX_RETRIES} retries`;
    case 'dropped':
      return 'the subscription was deleted: the notification is lost';
  }
}

/** Why a notification was not delivered, with the code of its error. */
const failures: Record<Exclude<TriggerOutcome, 'delivered'>, { code: string; message: (r: DeliveryReport) => string }> = {
  cancelled: { code: 'webhook_cancelled', message: (r) => `${r.url} answered 410: Solaris would cancel the subscription and send it nothing more.` },
  rejected: { code: 'webhook_rejected', message: (r) => `${r.url} answered 422: Solaris treats the notification as rejected and does not retry it.` },
  expired: { code: 'webhook_expired', message: (r) => `${r.url} never accepted the notification; Solaris gives up after ${MAX_RETRIES} retries.` },
  dropped: { code: 'webhook_dropped', message: () => 'The subscription was deleted before the notification was delivered; it is lost.' },
  gave_up: { code: 'webhook_gave_up', message: (r) => `${r.url} did not accept the notification in ${r.attempts.length} attempt${r.attempts.length === 1 ? '' : 's'}.` },
  still_retrying: {
    code: 'webhook_still_retrying',
    message: (r) => `${r.url} has not accepted the notification after ${r.attempts.length} attempt${r.attempts.length === 1 ? '' : 's'}; the emulator keeps retrying.`,
  },
};

function notDelivered(report: DeliveryReport): ApiError {
  const outcome = report.outcome as Exclude<TriggerOutcome, 'delivered'>;
  const { code, message } = failures[outcome];
  return new ApiError(message(report), {
    code,
    hint: outcome === 'gave_up' || outcome === 'still_retrying' ? 'Solaris would keep retrying with growing intervals; fix the endpoint and trigger again.' : undefined,
  });
}
