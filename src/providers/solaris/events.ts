/**
 * Solaris webhook event types and sample notification bodies (providers.md §1). Solaris accepts any event type
 * string; these are the known ones, offered for completion and by `webhooks trigger` and the emulator.
 */
export const knownEventTypes = [
  'ACCOUNT_BLOCK',
  'ACCOUNT_CLOSURE',
  'ACCOUNT_CLOSURE_REQUEST',
  'ACCOUNT_CLOSURE_REQUEST_UPDATE',
  'ACCOUNT_LIMIT_CHANGE',
  'ACCOUNT_OPENING_REQUEST',
  'ACCOUNT_SNAPSHOT',
  'ACQUIRER_TOPUP_DECLINED',
  'BATCH_TRANSFER_STATUS_CHANGED',
  'BOOKING',
  'BENEFICIAL_OWNER',
  'IDENTIFICATION',
  'PERSON_CHANGED',
  'PERSON_DELETED',
  'PERSON_MOBILE_NUMBER_CREATED',
  'PERSON_MOBILE_NUMBER_DELETED',
  'PERSON_TAX_IDENTIFICATION_CHANGED',
  'POSTBOX_ITEM_CREATED',
  // Seen in third-party code only.
  'BUSINESS_IDENTIFICATION',
  'LEGAL_REPRESENTATIVE',
  'BUSINESS_CHANGED',
  'SEPA_SCHEDULED_TRANSACTION',
  'SEPA_TIMED_ORDER',
  'SEPA_DIRECT_DEBIT_RETURN',
  'PERSON_SEIZURE_CREATED',
  'PERSON_SEIZURE_DELETED',
  'PERSON_SEIZURE_UPDATED',
  'PERSON_SEIZURE_FULFILLED',
  'CARD_AUTHORIZATION',
  'CARD_AUTHORIZATION_DECLINE',
  'CARD_LIFECYCLE_EVENT',
  'SCA_CHALLENGE',
  'OVERDRAFT_APPLICATION',
  'QUESTIONS_REQUIRE_RESPONSE',
] as const;

/** The event type of the check call Solaris makes to a URL before it accepts a subscription. */
export const SUBSCRIPTION_CHECK_EVENT = 'WEBHOOK-SUBSCRIPTION';

/** Events whose body is `{}`: the changed entity is named only by the `Solaris-Entity-Id` header. */
export const entityOnlyEventTypes: ReadonlySet<string> = new Set(['PERSON_CHANGED', 'PERSON_DELETED', 'PERSON_MOBILE_NUMBER_CREATED']);

export interface SampleIds {
  /** The entity the event is about (an account, a person, a closure request…). */
  entityId: string;
  /** Epoch ms, for timestamps in the body. */
  now: number;
}

/**
 * A sample body for `eventType`. The three account samples follow the documented fields; any other event gets
 * `{id}`, since its body is not documented publicly (pass a payload of your own for realistic data).
 */
export function samplePayload(eventType: string, { entityId, now }: SampleIds): Record<string, unknown> {
  if (entityOnlyEventTypes.has(eventType)) return {};
  const account = { account_id: entityId, person_id: 'demo-person-0001cper', business_id: null, iban: 'DE89370400440532013000' };
  switch (eventType) {
    case 'ACCOUNT_BLOCK':
      return { ...account, locking_status: 'BLOCK', updated_at: new Date(now).toISOString() };
    case 'ACCOUNT_CLOSURE':
      return account;
    case 'ACCOUNT_CLOSURE_REQUEST': {
      const date = new Date(now).toISOString().slice(0, 10);
      return {
        id: entityId,
        closure_reason: 'CUSTOMER_WISH',
        status: 'NEW',
        account_id: 'demo-account-0001cacc',
        technical_closure_date: date,
        legal_closure_date: date,
      };
    }
    default:
      return { id: entityId };
  }
}

/** The `Solaris-Entity-Id` of a notification whose sender named none: the body's own id, else `fallback`. */
export function entityIdOf(payload: unknown, fallback: string): string {
  if (typeof payload === 'object' && payload !== null) {
    for (const key of ['id', 'account_id', 'person_id']) {
      const value = (payload as Record<string, unknown>)[key];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  return fallback;
}
