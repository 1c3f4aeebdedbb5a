import { setTimeout as delay } from 'node:timers/promises';
import { NetworkError } from '../../errors.js';
import type { HttpClient } from '../../http/client.js';
import { type DeliveryOutcome, notificationHeaders, type NotificationAttempt, outcomeOf, retryDelayMs } from './notifications.js';

/**
 * `webhooks trigger --to URL`: sends one notification the way Solaris does (signed, with all its headers) and
 * follows its delivery rules: 2xx delivered, 410 cancelled, 422 rejected, anything else tried again after a
 * doubling interval with the attempt header counting up, here for at most `maxAttempts` attempts.
 */

export interface AttemptRecord {
  notification_id: string;
  attempt: number;
  /** The receiver's status, or `error` when there was no answer. */
  status?: number;
  error?: string;
  outcome: DeliveryOutcome;
  at: string;
  /** When the next attempt follows. */
  retry_in_ms?: number;
}

/** How a delivery ended: `gave_up` after the last allowed attempt; `still_retrying` when the emulator goes on alone. */
export type TriggerOutcome = Exclude<DeliveryOutcome, 'retry'> | 'gave_up' | 'still_retrying';

export interface DeliveryReport {
  notification_id: string;
  subscription_id: string;
  url: string;
  outcome: TriggerOutcome;
  attempts: AttemptRecord[];
}

export interface SendOptions {
  http: Pick<HttpClient, 'send'>;
  url: string;
  notification: Omit<NotificationAttempt, 'attempt'>;
  maxAttempts: number;
  retryIntervalMs: number;
  now(): number;
  signal: AbortSignal;
  onAttempt(record: AttemptRecord): void;
}

export async function sendNotification(options: SendOptions): Promise<DeliveryReport> {
  const { notification } = options;
  const attempts: AttemptRecord[] = [];
  for (let attempt = 1; ; attempt++) {
    const answer = await post(options, attempt);
    const outcome = outcomeOf(answer, attempt);
    const last = outcome !== 'retry' || attempt >= options.maxAttempts;
    const retryInMs = last ? undefined : retryDelayMs(attempt, options.retryIntervalMs);
    const record: AttemptRecord = {
      notification_id: notification.notificationId,
      attempt,
      ...answer,
      outcome,
      at: new Date(options.now()).toISOString(),
      ...(retryInMs === undefined ? {} : { retry_in_ms: retryInMs }),
    };
    attempts.push(record);
    options.onAttempt(record);
    if (last) {
      return {
        notification_id: notification.notificationId,
        subscription_id: notification.subscriptionId,
        url: options.url,
        outcome: outcome === 'retry' ? 'gave_up' : outcome,
        attempts,
      };
    }
    await delay(retryInMs, undefined, { signal: options.signal });
  }
}

/**
 * One POST; no answer (refused, timed out) is an outcome like any other, as it is for Solaris. The error is the
 * failure's kind: the client's message counts its own connection retries, which are not delivery attempts.
 */
async function post(options: SendOptions, attempt: number): Promise<{ status: number } | { error: string }> {
  try {
    const res = await options.http.send({
      method: 'POST',
      url: options.url,
      headers: notificationHeaders({ ...options.notification, attempt }),
      body: options.notification.body,
      idempotent: false,
      // The delivery loop runs as long as its attempts take: each POST gets the whole --timeout.
      ownDeadline: true,
    });
    return { status: res.status };
  } catch (error) {
    if (error instanceof NetworkError) return { error: error.code.replaceAll('_', ' ') };
    throw error;
  }
}
