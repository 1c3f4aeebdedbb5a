import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerTimeoutMs, DEFAULT_RETRY_INTERVAL_MS, MAX_RETRIES, notificationHeaders, outcomeOf, retryDelayMs } from './notifications.js';

describe('outcomeOf', () => {
  it.each([
    [{ status: 200 }, 1, 'delivered'],
    [{ status: 204 }, 21, 'delivered'],
    [{ status: 410 }, 1, 'cancelled'],
    [{ status: 422 }, 1, 'rejected'],
    [{ status: 500 }, 1, 'retry'],
    [{ status: 301 }, 1, 'retry'],
    [{ status: 404 }, 17, 'retry'],
    [{ status: 503 }, 18, 'expired'],
    [{ error: 'ECONNREFUSED' }, 1, 'retry'],
    [{ error: 'no answer within 30000 ms' }, 18, 'expired'],
  ] as const)('%o on attempt %i is %s', (answer, attempt, outcome) => {
    expect(outcomeOf(answer, attempt)).toBe(outcome);
  });
});

describe('the retry schedule', () => {
  it('doubles from the base and ends within the 5 days Solaris documents, after 17 retries by default', () => {
    expect([1, 2, 3, 12, 13, 17].map((retry) => retryDelayMs(retry, 10))).toEqual([10, 20, 40, 20_480, 20_480, 20_480]);
    expect(MAX_RETRIES).toBe(17);
    let total = 0;
    for (let retry = 1; retry <= MAX_RETRIES; retry += 1) total += retryDelayMs(retry, DEFAULT_RETRY_INTERVAL_MS);
    // 30 s × (1 + 2 + … + 2048) + 5 × 30 s × 2048 = 430 050 s: one more retry would pass 5 days (432 000 s).
    expect(total / 1000).toBe(430_050);
    expect((total + retryDelayMs(MAX_RETRIES + 1, DEFAULT_RETRY_INTERVAL_MS)) / 1000).toBeGreaterThan(5 * 86_400);
  });

  it('waits 30 s for an answer, less with a shorter interval, but at least 1 s', () => {
    expect([DEFAULT_RETRY_INTERVAL_MS, 60_000, 5_000, 10, 0].map(answerTimeoutMs)).toEqual([30_000, 30_000, 5_000, 1_000, 1_000]);
  });
});

describe('notificationHeaders', () => {
  it('signs the exact body with the subscription secret', () => {
    const body = Buffer.from('{"id":"x"}');
    const headers = notificationHeaders({ notificationId: 'n1', subscriptionId: 's1', eventType: 'BOOKING', entityId: 'x', secret: 'sec', attempt: 2, body });
    expect(headers).toEqual({
      'Content-Type': 'application/json',
      'Solaris-Webhook-Signature': `sha256=${createHmac('sha256', 'sec').update(body).digest('hex')}`,
      'Solaris-Webhook-Attempt': '2',
      'Solaris-Webhook-Event-Type': 'BOOKING',
      'Solaris-Webhook-Id': 'n1',
      'Solaris-Webhook-Subscription-Id': 's1',
      'Solaris-Entity-Id': 'x',
    });
  });
});
