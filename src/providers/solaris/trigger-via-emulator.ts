import { setTimeout as delay } from 'node:timers/promises';
import { ApiError } from '../../errors.js';
import type { HttpClient, HttpResponse } from '../../http/client.js';
import { describeErrorBody } from '../api-errors.js';
import type { AttemptRecord, DeliveryReport } from './send-notification.js';
import type { DeliveryRecord, TriggerAnswer, TriggerRequest } from './trigger-wire.js';

/**
 * `webhooks trigger` in the emulator environment without `--to`: the emulator delivers the event to its own
 * subscription of that type (`POST /_admin/solaris/events`) on its own retry schedule; we follow the attempts
 * through `GET /_admin/deliveries` until each notification has a final outcome or `maxAttempts` attempts.
 */

export async function triggerInEmulator(http: Pick<HttpClient, 'send'>, emulatorUrl: string, event: TriggerRequest): Promise<TriggerAnswer> {
  const res = await http.send({
    method: 'POST',
    url: `${emulatorUrl}/_admin/solaris/events`,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(event),
    idempotent: false,
  });
  return ok(res, 'the event').json<TriggerAnswer>();
}

export interface FollowOptions {
  maxAttempts: number;
  signal: AbortSignal;
  onAttempt(record: AttemptRecord): void;
}

const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 500;

export async function followDeliveries(
  http: Pick<HttpClient, 'send'>,
  emulatorUrl: string,
  triggered: TriggerAnswer,
  options: FollowOptions,
): Promise<DeliveryReport[]> {
  const reports: DeliveryReport[] = triggered.notifications.map((n) => ({ ...n, outcome: 'still_retrying', attempts: [] }));
  const open = () => reports.filter((r) => r.outcome === 'still_retrying' && r.attempts.length < options.maxAttempts);
  for (let pollMs = FIRST_POLL_MS; open().length > 0; ) {
    // Polling lasts as long as the emulator's retries: each poll gets the whole --timeout.
    const res = await http.send({ method: 'GET', url: `${emulatorUrl}/_admin/deliveries`, headers: { Accept: 'application/json' }, ownDeadline: true });
    const records = ok(res, 'the list of deliveries').json<DeliveryRecord[]>();
    let progressed = false;
    for (const report of open()) {
      for (const record of records) {
        if (report.outcome !== 'still_retrying' || report.attempts.length >= options.maxAttempts) break;
        if (record.notification_id !== report.notification_id || record.attempt <= report.attempts.length) continue;
        const attempt = attemptFrom(record);
        report.attempts.push(attempt);
        options.onAttempt(attempt);
        if (record.outcome !== 'retry') report.outcome = record.outcome;
        progressed = true;
      }
    }
    if (open().length === 0) break;
    pollMs = progressed ? FIRST_POLL_MS : Math.min(MAX_POLL_MS, pollMs * 2);
    await delay(pollMs, undefined, { signal: options.signal });
  }
  return reports;
}

function attemptFrom(record: DeliveryRecord): AttemptRecord {
  const { notification_id, attempt, status, error, outcome, at } = record;
  return { notification_id, attempt, ...(status === undefined ? {} : { status }), ...(error === undefined ? {} : { error }), outcome, at };
}

function ok(res: HttpResponse, what: string): HttpResponse {
  if (res.status >= 200 && res.status <= 299) return res;
  throw new ApiError(`The emulator answered ${res.status} to ${what}: ${describeErrorBody(res.body).text}`, {
    code: 'emulator_error',
    status: res.status,
    hint: 'Is the emulator at FINTECH_CLI_EMULATOR_URL the one you meant? Run with --verbose to see the exchange.',
  });
}
