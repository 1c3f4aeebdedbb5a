import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { eventDefinitions, eventPage, notificationFor, sampleNotification } from './event-samples.js';
import { isKnownEventType, knownEventTypes } from './events.js';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

/** Every string in a JSON value, with the key it sits under. */
function strings(value: unknown, key = ''): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((item) => strings(item, key));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

/** ISO 13616 check digits, computed here independently of the samples. */
function validIban(iban: string): boolean {
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return [...digits].reduce((rest, d) => (rest * 10 + Number(d)) % 97, 0) === 1;
}

describe('the documented event types', () => {
  it('lists every type of the reference, the card events of issue 14 among them', () => {
    expect(knownEventTypes.length).toBeGreaterThanOrEqual(80);
    expect(new Set(knownEventTypes).size).toBe(knownEventTypes.length);
    for (const type of ['CARD_AUTHORIZATION_DECLINE_V2', 'CARD_FRAUD_CASE_PENDING', 'CARD_AUTHORIZATION_RESOLUTION', 'ACCOUNT_CLOSURE_REQUEST']) {
      expect(isKnownEventType(type)).toBe(true);
    }
    expect(isKnownEventType('CARD_SOMETHING_NEW')).toBe(false);
    expect(Object.keys(eventDefinitions).sort()).toEqual([...knownEventTypes].sort());
  });

  it('names the reference page each sample comes from', () => {
    expect(eventPage('CARD_FRAUD_CASE_PENDING')).toBe(
      'https://docs.solarisgroup.com/api-reference/onboarding/webhooks/webhook-events/paths/card_fraud_case_pending/post',
    );
    expect(eventPage('DEPOSIT_ACCOUNT_UPDATED')).toMatch(/\/paths\/deposit_account_update\/post$/);
    for (const type of knownEventTypes) expect(eventPage(type)).toMatch(/^https:\/\/docs\.solarisgroup\.com\/api-reference\/onboarding\/webhooks\/webhook-events\/paths\/[a-z0-9_]+\/post$/);
  });

  it('lists every type in docs/solaris.md, with its Solaris-Entity-Id rule', async () => {
    const doc = await readFile(new URL('../../../docs/solaris.md', import.meta.url), 'utf8');
    for (const type of knownEventTypes) {
      const { entity, basis } = eventDefinitions[type];
      const header = 'documented' in entity ? `${entity.about} (documented)` : `\`${entity.key}\``;
      expect(doc).toMatch(new RegExp(`^\\| \`${type}\`( \\(legacy\\))? \\| ${header.replace(/[()]/g, '\\$&')} \\| ${basis}\\b`, 'm'));
    }
  });

  it('builds every sample around one customer: one person, one card, valid IBANs', () => {
    const all = knownEventTypes.flatMap((type) => strings(eventDefinitions[type].body));
    expect(new Set(all.filter(([, v]) => v.endsWith('cper')).map(([, v]) => v))).toEqual(new Set(['dc1a6812a14f6cc338cd084208535bcdcper']));
    expect(new Set(all.filter(([, v]) => v.endsWith('mcrd')).map(([, v]) => v))).toEqual(new Set(['f459e5de647e2909c94a7120c4d03557mcrd']));
    expect(new Set(all.filter(([k]) => k === 'account_id').map(([, v]) => v))).toEqual(new Set(['adc123a45d6d7cf8fbfeed537ba919d5cacc']));
    const ibans = all.filter(([k]) => k.endsWith('iban')).map(([, v]) => v);
    expect(ibans.length).toBeGreaterThan(20);
    for (const iban of ibans) expect([iban, validIban(iban)]).toEqual([iban, true]);
  });
});

describe('sampleNotification', () => {
  it('stamps the moment of the event with the time of sending and keeps documented dates', () => {
    const { body } = sampleNotification('ACCOUNT_CLOSURE_REQUEST', { now: NOW })!;
    expect(body).toMatchObject({ updated_at: '2026-11-25T12:00:00.000Z', technical_closure_date: '2026-12-31', status: 'CONFIRMED' });
  });

  it("puts a given entity id into the body where the header repeats a body id, and only into the header where it names another entity", () => {
    expect(sampleNotification('ACCOUNT_BLOCK', { now: NOW, entityId: 'acc-1' })).toMatchObject({ entityId: 'acc-1', body: { account_id: 'acc-1' } });
    expect(sampleNotification('CARD_AUTHORIZATION_DECLINE_V2', { now: NOW, entityId: 'card-1' })).toMatchObject({
      entityId: 'card-1',
      body: { card_transaction: { card_id: 'card-1' } },
    });
    expect(sampleNotification('PERSON_TAX_IDENTIFICATION_CHANGED', { now: NOW, entityId: 'tin-1' })).toEqual({
      entityId: 'tin-1',
      body: { id: 'dc1a6812a14f6cc338cd084208535bcdcper' },
    });
    expect(sampleNotification('PERSON_DELETED', { now: NOW })).toEqual({ entityId: 'dc1a6812a14f6cc338cd084208535bcdcper', body: {} });
  });

  it('does not let one sample change the next', () => {
    sampleNotification('ACCOUNT_BLOCK', { now: NOW, entityId: 'acc-1' });
    expect(sampleNotification('ACCOUNT_BLOCK', { now: NOW })?.body.account_id).toBe('adc123a45d6d7cf8fbfeed537ba919d5cacc');
  });
});

describe('notificationFor', () => {
  const newId = () => 'fresh-id';
  it('sends a given payload as it is, its own id naming the entity', () => {
    expect(notificationFor('BOOKING', { payload: { id: 'booking-1' }, now: NOW, newId })).toEqual({ body: { id: 'booking-1' }, entityId: 'booking-1', sampled: false });
  });
  it('gives a type without a documented sample {id}', () => {
    expect(notificationFor('CARD_SOMETHING_NEW', { now: NOW, newId })).toEqual({ body: { id: 'fresh-id' }, entityId: 'fresh-id', sampled: false });
    expect(notificationFor('QUESTIONS_REQUIRE_RESPONSE', { now: NOW, newId })).toMatchObject({ entityId: 'cf860f53574c1ca743232feaf1c81e71cqst', sampled: true });
  });
});
