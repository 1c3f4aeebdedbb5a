import { signWebhookBody } from '../../core/webhook-signature.js';

/**
 * How Solaris sends a webhook notification and what it makes of the answer (providers.md §1): the headers of an
 * attempt, the receiver's answer as an outcome, and the retry schedule. Shared by the emulator's delivery engine
 * and by anything else that sends notifications the way Solaris does.
 */
export interface NotificationAttempt {
  /** Unique per notification, the same on every retry. */
  notificationId: string;
  subscriptionId: string;
  eventType: string;
  entityId: string;
  secret: string;
  /** 1 for the first try. */
  attempt: number;
  /** The exact bytes sent; the signature covers them. */
  body: Buffer;
}

export function notificationHeaders(n: NotificationAttempt): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'Solaris-Webhook-Signature': signWebhookBody(n.secret, n.body),
    'Solaris-Webhook-Attempt': String(n.attempt),
    'Solaris-Webhook-Event-Type': n.eventType,
    'Solaris-Webhook-Id': n.notificationId,
    'Solaris-Webhook-Subscription-Id': n.subscriptionId,
    'Solaris-Entity-Id': n.entityId,
  };
}

/** `dropped`: the subscription was deleted before this attempt, so the notification is lost (as on Solaris). */
export type DeliveryOutcome = 'delivered' | 'retry' | 'cancelled' | 'rejected' | 'expired' | 'dropped';

/**
 * Solaris' webhooks guide: failed deliveries are retried "with exponential backoff for up to 5 days". The count is
 * not published (the older integration guide said 20 retries over 7 days); with the default schedule below, 17
 * retries end just inside 5 days, so a notification expires after the 17th failed retry.
 */
export const MAX_RETRIES = 17;

/** 2xx delivered; 410 cancels the subscription; 422 rejected for good; anything else (or no answer) is tried again. */
export function outcomeOf(answer: { status: number } | { error: string }, attempt: number): Exclude<DeliveryOutcome, 'dropped'> {
  if ('status' in answer) {
    if (answer.status >= 200 && answer.status <= 299) return 'delivered';
    if (answer.status === 410) return 'cancelled';
    if (answer.status === 422) return 'rejected';
  }
  return attempt > MAX_RETRIES ? 'expired' : 'retry';
}

/** The default base interval (the CLI's choice): the 17 retries then span 4.98 days. */
export const DEFAULT_RETRY_INTERVAL_MS = 30_000;

/** Wait before retry `retry` (1-based): the base doubling each time, capped at 2048 × base. */
export function retryDelayMs(retry: number, baseMs: number): number {
  return baseMs * 2 ** Math.min(retry - 1, 11);
}

/** Solaris waits 30 s for an answer; a shorter retry interval compresses that too, down to 1 s. */
export function answerTimeoutMs(baseMs: number): number {
  return Math.min(30_000, Math.max(1_000, baseMs));
}
