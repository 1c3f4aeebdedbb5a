import { randomUUID } from 'node:crypto';
import { answerTimeoutMs, notificationHeaders, outcomeOf, retryDelayMs } from '../../providers/solaris/notifications.js';
import type { DeliveryRecord } from '../../providers/solaris/trigger-wire.js';
import { postOnce } from '../outbound.js';

export interface Subscription {
  id: string;
  event_type: string;
  url: string;
  secret: string;
}

export interface DeliveryEngineOptions {
  /** Base of the retry schedule (`--retry-interval`). */
  retryIntervalMs: number;
  now(): number;
  /** The current state of a subscription: deleted ones get no more attempts, a 410 cancels one. */
  subscriptions: { has(id: string): boolean; remove(id: string): void };
  onRecord(record: DeliveryRecord): void;
  /** Aborting it stops every attempt in flight and every scheduled retry. */
  signal: AbortSignal;
}

export interface Notification {
  eventType: string;
  entityId: string;
  body: Buffer;
}

/** Delivers notifications the way Solaris does: signed POSTs, retried on a growing schedule until an outcome is final. */
export function createDeliveryEngine(options: DeliveryEngineOptions): { deliver(notification: Notification, subscription: Subscription): string } {
  const timers = new Set<NodeJS.Timeout>();
  options.signal.addEventListener('abort', () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  });

  const record = (base: Omit<DeliveryRecord, 'at'>) => options.onRecord({ ...base, at: new Date(options.now()).toISOString() });

  /** Subscriptions cannot be changed, only deleted, so `target` stays right for every retry. */
  async function attempt(notification: Notification, notificationId: string, target: Subscription, attemptNo: number): Promise<void> {
    const subscriptionId = target.id;
    const base = { notification_id: notificationId, subscription_id: subscriptionId, event_type: notification.eventType, url: target.url, attempt: attemptNo };
    if (!options.subscriptions.has(subscriptionId)) {
      record({ ...base, error: 'the subscription was deleted', outcome: 'dropped' });
      return;
    }
    const headers = notificationHeaders({ ...notification, notificationId, subscriptionId, secret: target.secret, attempt: attemptNo });
    const answer = await postOnce(new URL(target.url), notification.body, headers, {
      timeoutMs: answerTimeoutMs(options.retryIntervalMs),
      signal: options.signal,
    });
    if (options.signal.aborted) return;
    const outcome = outcomeOf(answer, attemptNo);
    record({ ...base, ...answer, outcome });
    if (outcome === 'cancelled') options.subscriptions.remove(subscriptionId);
    if (outcome !== 'retry') return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(notification, notificationId, target, attemptNo + 1);
    }, retryDelayMs(attemptNo, options.retryIntervalMs));
    timers.add(timer);
  }

  return {
    deliver(notification, subscription) {
      const notificationId = randomUUID();
      void attempt(notification, notificationId, subscription, 1);
      return notificationId;
    },
  };
}
