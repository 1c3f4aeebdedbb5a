import { randomUUID } from 'node:crypto';
import { answerTimeoutMs, notificationHeaders, outcomeOf, retryDelayMs, type DeliveryOutcome } from '../../providers/solaris/notifications.js';
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

/** A notification as the inspector shows it: where it goes, its signature, and when it is tried next. */
export interface NotificationState {
  notification_id: string;
  subscription_id: string;
  event_type: string;
  entity_id: string;
  url: string;
  /** `Solaris-Webhook-Signature`, the same on every attempt (same body, same secret). */
  signature: string;
  attempts: number;
  /** The outcome of the last attempt; undefined while the first is on its way. */
  outcome?: DeliveryOutcome;
  /** ISO time of the scheduled retry, while one is. */
  next_retry_at?: string;
}

export interface DeliveryEngine {
  deliver(notification: Notification, subscription: Subscription): string;
  /** Tries a known notification again now (a scheduled retry is brought forward); false when it is not known. */
  redeliver(notificationId: string): boolean;
  /** The most recent notifications, oldest first. */
  notifications(): NotificationState[];
}

/** Notifications remembered for the inspector and re-delivery; older ones are forgotten. */
const KEPT_NOTIFICATIONS = 200;

interface Tracked {
  readonly notification: Notification;
  readonly target: Subscription;
  readonly state: NotificationState;
  timer?: NodeJS.Timeout;
}

/** Delivers notifications the way Solaris does: signed POSTs, retried on a growing schedule until an outcome is final. */
export function createDeliveryEngine(options: DeliveryEngineOptions): DeliveryEngine {
  const tracked = new Map<string, Tracked>();
  options.signal.addEventListener('abort', () => {
    for (const entry of tracked.values()) clearTimeout(entry.timer);
  });

  const record = (base: Omit<DeliveryRecord, 'at'>) => options.onRecord({ ...base, at: new Date(options.now()).toISOString() });

  /** Subscriptions cannot be changed, only deleted, so `target` stays right for every retry. */
  async function attempt(entry: Tracked): Promise<void> {
    const { notification, target, state } = entry;
    clearTimeout(entry.timer);
    delete state.next_retry_at;
    const attemptNo = ++state.attempts;
    const notificationId = state.notification_id;
    const subscriptionId = target.id;
    const base = { notification_id: notificationId, subscription_id: subscriptionId, event_type: notification.eventType, url: target.url, attempt: attemptNo };
    if (!options.subscriptions.has(subscriptionId)) {
      state.outcome = 'dropped';
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
    state.outcome = outcome;
    // Set before the record, so whoever the record wakes sees the retry scheduled.
    if (outcome === 'retry') {
      const delay = retryDelayMs(attemptNo, options.retryIntervalMs);
      state.next_retry_at = new Date(options.now() + delay).toISOString();
      entry.timer = setTimeout(() => void attempt(entry), delay);
    }
    record({ ...base, ...answer, outcome });
    if (outcome === 'cancelled') options.subscriptions.remove(subscriptionId);
  }

  return {
    deliver(notification, subscription) {
      const notificationId = randomUUID();
      const headers = notificationHeaders({ ...notification, notificationId, subscriptionId: subscription.id, secret: subscription.secret, attempt: 1 });
      const state: NotificationState = {
        notification_id: notificationId,
        subscription_id: subscription.id,
        event_type: notification.eventType,
        entity_id: notification.entityId,
        url: subscription.url,
        signature: headers['Solaris-Webhook-Signature'] ?? '',
        attempts: 0,
      };
      // The oldest are forgotten first, except those with a retry still to come.
      for (const [id, entry] of tracked) {
        if (tracked.size < KEPT_NOTIFICATIONS) break;
        if (entry.state.next_retry_at === undefined) tracked.delete(id);
      }
      const entry: Tracked = { notification, target: subscription, state };
      tracked.set(notificationId, entry);
      void attempt(entry);
      return notificationId;
    },
    redeliver(notificationId) {
      const entry = tracked.get(notificationId);
      if (entry === undefined) return false;
      void attempt(entry);
      return true;
    },
    notifications: () => [...tracked.values()].map((entry) => ({ ...entry.state })),
  };
}
