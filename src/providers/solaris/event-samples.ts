import { entityIdOf, isKnownEventType, type KnownEventType } from './events.js';

/**
 * A sample notification body for every event type Solaris documents, built from the example on the type's page of
 * Solaris' API reference (Onboarding → Webhooks → Webhook events, see `eventPage`), with the ids of one consistent
 * customer: one person, their business, account, IBAN and card, so that samples of related events agree.
 *
 * `basis` says how much of a sample is Solaris' own: `example` follows the documented example, `fields` is built
 * from the documented field list (the page shows no complete example), `inferred` from a documented neighbour (the
 * person variant of a business event, the resource a notification announces) where the page itself was not read.
 */
export interface EventDefinition {
  basis: 'example' | 'fields' | 'inferred';
  /** The page's path segment, where it is not the event type in lower case. */
  page?: string;
  /** Solaris marks the event as legacy, replaced by another. */
  deprecated?: true;
  entity: EntityRule;
  body: Record<string, unknown>;
}

/**
 * What the `Solaris-Entity-Id` header carries. `documented`: the type's page names the header and its value, which
 * need not appear in the body (a person, a tax identification). `key`: the page says nothing, so the CLI sends the
 * body's own id under that key, and an entity id given to `trigger` replaces it there too.
 */
export type EntityRule = { documented: string; about: string } | { key: string };

const PAGES = 'https://docs.solarisgroup.com/api-reference/onboarding/webhooks/webhook-events/paths';

// One customer for every sample.
const PERSON = 'dc1a6812a14f6cc338cd084208535bcdcper';
const BUSINESS = '880bbac68a34add190786b9c74f4c82fcbiz';
const ACCOUNT = 'adc123a45d6d7cf8fbfeed537ba919d5cacc';
const IBAN = 'DE53110101013323159108';
const BIC = 'SOBKDEB2XXX';
const CARD = 'f459e5de647e2909c94a7120c4d03557mcrd';
const RESERVATION = 'b814e2213c5c45149945ed53422db0c4cres';
const IDENTIFICATION = '9dfe2f4edaa67138be0c0c1cd3a7d849cidt';
const SEIZURE = '211c5c2f34ac442ff6f93d09fc8fb3edseiz';
const OVERDRAFT = '00556cd181f2409aaa6c2a033cce3a8fcovd';
const POSTBOX_ITEM = 'c072c6e43f4d486cb553e9cd9fc1bae7pbxi';
const PAYEE = { name: 'Max Mustermann', iban: 'DE92370601930002130041' };
const CREDITOR_IBAN = 'DE32110101001000000029';

const eur = (value: number) => ({ value, unit: 'cents', currency: 'EUR' });

const merchant = { name: 'REWE MARKT BERLIN', category_code: '5411', country_code: 'DE', town: 'Berlin' };

const declinedCardTransaction = {
  card_id: CARD,
  type: 'PURCHASE',
  status: 'DECLINED',
  attempted_at: '2026-11-25T11:58:42+00:00',
  pos_entry_mode: 'CHIP',
  merchant,
  amount: eur(2450),
  original_amount: eur(2450),
};

const cardMetaInfo = {
  cards: {
    card_id: CARD,
    merchant: { id: '123456789101112', ...merchant },
    original_amount: { currency: 'EUR', value: 2450, fx_rate: 1, fx_markup: 0, issuer_fee: 0 },
    pos_entry_mode: 'CONTACTLESS',
    trace_id: '382621b66280020528d9433d135c2ae418fa53d0',
    transaction_id: 'c158f11c-d6b2-4f8f-9391-ac20c2167f89',
    transaction_date: '2026-11-25',
    transaction_time: '2026-11-25T11:58:42+00:00',
    auth_code: '053630',
    acquirer_id: '123456',
    terminal_id: '12345678',
    transaction_type: 'PURCHASE',
  },
};

const cardReservation = (status: 'OPEN' | 'RESOLVED') => ({
  id: RESERVATION,
  amount: eur(2450),
  reservation_type: 'CARD_AUTHORIZATION',
  reference: '0e30e961-9abd-41a2-bbd6-4730a22f17fd',
  status,
  expires_at: '2026-12-02T11:58:42Z',
  expired_at: null,
  resolved_at: status === 'RESOLVED' ? '2026-11-26T08:10:00Z' : null,
  description: 'REWE MARKT BERLIN, 35314369001',
});

const address = (name: string, street: string) => ({ name, address: street, postal_code: '10409', city: 'Berlin', country: 'DE', state: 'BE' });

const seizure = (status: string, customer: { id: string; type: 'Person' | 'Business' }) => ({
  id: SEIZURE,
  enactment_date: '2026-10-31',
  delivery_date: '2026-11-03',
  authority_name: 'Amtsgericht Berlin-Mitte',
  resolution_case_number: '42 M 2121/26',
  seizure_type: 'COURT_SEIZURE',
  status,
  amount: eur(150_000),
  additional_cost: eur(4_500),
  debtor: address('Erika Mustermann', 'Prenzlauer Allee 12'),
  creditor: { ...address('Betflix LLC', 'Bethousestrasse 43'), iban: 'DE72110101001000014344' },
  creditor_representative: { ...address('Lawyer LLC', 'Gunsterstrasse 22'), case_number: '42ABC-2', iban: 'DE89370400440532013000' },
  automatic_payout_date: '2026-12-29',
  insolvency: false,
  social_benefits: false,
  seizure_protected: false,
  automated: true,
  country: 'DE',
  multiple_drittschuldner: false,
  customer_id: customer.id,
  customer_type: customer.type,
});

const closureRequest = {
  id: 'f8d7fbbd587047a0aa449ce69d2d6c08acrq',
  closure_reason: 'CUSTOMER_WISH',
  status: 'CONFIRMED',
  account_id: ACCOUNT,
  technical_closure_date: '2026-12-31',
  legal_closure_date: '2026-12-31',
  failure_reason: null,
  payout_allowed: true,
  updated_at: '2026-11-25T12:00:00.000Z',
};

const instantTransfer = (status: 'CLEARED' | 'FAILED') => ({
  id: 'e8308bd66d3472a987d262d05fb5098siot',
  amount: { value: 3000, currency: 'EUR' },
  creditor_iban: PAYEE.iban,
  creditor_name: PAYEE.name,
  description: 'Geschenk',
  end_to_end_id: 'e2178fc8b9ad4a479e269a47f90b4a43',
  initiator_reference: '2603037c-e264-46c4-82e8-0d3ebc23a30f',
  idempotency_key: '7352a11b-011d-47a4-a449-17371078e98c',
  status,
  valuta_date: '2026-11-25',
  account_id: ACCOUNT,
  account_iban: IBAN,
  ...(status === 'FAILED' ? { rejection_reason: 'IBAN not reachable' } : {}),
  schedule_id: 'f874b3102718a4d757a6b6e4d599607csctr',
  batch_id: 'f874b3102718a4d757a6b6e4d5996078sctb',
});

const topUp = (status: string) => ({
  id: 'b76cdcc321d345618084feedc47bbb1d',
  account_id: ACCOUNT,
  amount: { value: 10000, currency: 'EUR' },
  client_secret: 'pi_1DrPlP2eZvKYlo2CSBQ7uqFH_secret_o1A7UsYFLWeGISUD1QYNkT8IU',
  status,
});

const referencePayout = (status: 'EXECUTED' | 'DECLINED') => ({
  id: '4b157d71def54b5c9dac28ef1d04432c',
  reference: '9d2b59c2-c68f-413c-b2a9-a2f5bfd3f669',
  status,
  end_to_end_id: 'end_to_end_ref',
  description: 'Payout description',
  reference_account_id: '78f354e508314bb8ac982a3d7f969dde',
  ...(status === 'DECLINED' ? { decline_reason: 'insufficient_funds', decline_reason_details: 'The available balance does not cover the payout.' } : {}),
  amount: eur(5000),
  instant: true,
});

const seizureReservation = (status: 'OPEN' | 'RESOLVED') => ({
  id: RESERVATION,
  amount: eur(800),
  reservation_type: 'SEIZURE',
  reference: SEIZURE,
  status,
  description: 'Seizure 42 M 2121/26',
  iban: IBAN,
  account_id: ACCOUNT,
  created_at: '2026-11-25T12:00:00Z',
  resolved_at: status === 'RESOLVED' ? '2026-11-26T12:00:00Z' : null,
  meta_info: null,
});

const scaChallenge = {
  amount: eur(1000),
  merchant: { name: 'MCDONALDS 1435', country: 'DE', url: 'https://mcdonalds.de' },
  challenged_at: '2026-11-25T11:58:42+00:00',
  expires_at: '2026-11-25T12:03:42+00:00',
  person_id: PERSON,
  card_id: CARD,
  authenticate_change_request_id: 'bbcafe6e9cc66a4aebaa907cea325435csc',
  decline_change_request_id: '6fbb54aebc42e2c5d4dc881d5cf566d6csc',
  channel: 'browser',
};

const fraudCase = (resolution: 'PENDING' | 'TIMEOUT') => ({
  id: '154dca58bb1b5c8701039fa6514ffc66frdcs',
  resolution,
  respond_until: '2026-11-25T12:28:42Z',
  whitelisted_until: null,
  card_transaction: declinedCardTransaction,
});

const lendingEvent = (eventType: string, entity: string, payload: Record<string, unknown>) => ({ entity_uuid: entity, event_type: eventType, payload });

const directDebitProfile = { id: '3cab044cedf84443841d489547177469', status: 'BLOCKED', status_reasons: 'scheduled block', collection_limit: eur(5000) };

const personOnly = (about: string): EntityRule => ({ documented: PERSON, about });

/** Every documented event type: the type makes the keys exactly `knownEventTypes`. */
export const eventDefinitions: Record<KnownEventType, EventDefinition> = {
  ACCOUNT_BLOCK: {
    basis: 'example',
    entity: { key: 'account_id' },
    body: { account_id: ACCOUNT, person_id: PERSON, business_id: null, iban: IBAN, locking_status: 'DEBIT_BLOCK', updated_at: '2026-11-25T12:00:00.000Z' },
  },
  ACCOUNT_CLOSURE: { basis: 'example', entity: { key: 'account_id' }, body: { account_id: ACCOUNT, person_id: PERSON, business_id: null, iban: IBAN } },
  ACCOUNT_CLOSURE_REQUEST: { basis: 'example', entity: { key: 'id' }, body: closureRequest },
  ACCOUNT_CLOSURE_REQUEST_UPDATE: { basis: 'example', entity: { key: 'id' }, body: { ...closureRequest, status: 'COMPLETED' } },
  ACCOUNT_LIMIT_CHANGE: { basis: 'example', entity: { key: 'account_id' }, body: { account_id: ACCOUNT } },
  ACCOUNT_OPENING_REQUEST: {
    basis: 'example',
    entity: { key: 'account_opening_request_id' },
    body: {
      account_opening_request_id: 'f8d7fbbd587047a0aa449ce69d2d6c08aorq',
      customer_id: PERSON,
      status: 'COMPLETED',
      account_id: ACCOUNT,
      updated_at: '2026-11-25T12:00:00.000+00:00',
      error: null,
    },
  },
  ACCOUNT_SNAPSHOT: {
    basis: 'example',
    entity: { key: 'entity_uuid' },
    body: lendingEvent('ACCOUNT_SNAPSHOT', 'bc9eee989fb84f3aa8089e244bb8dfc1snap', {
      id: 'bc9eee989fb84f3aa8089e244bb8dfc1snap',
      status: 'available',
      status_description: 'The account snapshot is available.',
      provider: 'FINREACH',
      wizard_session_key: 'wiz04852083740',
      location: 'https://ui.example-snapshot-provider.test?token=abc123',
      iban: IBAN,
      account_id: ACCOUNT,
    }),
  },
  ACQUIRER_TOPUP_DECLINED: { basis: 'example', entity: { key: 'id' }, body: { ...topUp('DECLINED'), decline_reason: 'Person has blocked account(s)' } },
  ACQUIRER_TOPUP_EXECUTED: { basis: 'example', entity: { key: 'id' }, body: topUp('EXECUTED') },
  ACQUIRER_TOPUP_PAYMENT_FAILED: {
    basis: 'fields',
    entity: { key: 'id' },
    body: { ...topUp('PAYMENT_FAILED'), error_code: 'card_declined', error_message: 'The payment method was declined.' },
  },
  ACTIVATION_CHALLENGE_CREATION: {
    basis: 'example',
    page: 'activation_challenge_created',
    entity: { key: 'challenge_id' },
    body: {
      person_id: PERSON,
      challenge_id: 'a5f454e3f96447d6b3f7ecda46328040',
      created_at: '2026-11-25T12:00:00Z',
      expires_at: '2026-12-25T12:00:00Z',
      requested_by: 'MOBILE_APP',
      purpose: 'DEVICE_BINDING',
    },
  },
  BATCH_TRANSFER_STATUS_CHANGED: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: 'f874b3102718a4d757a6b6e4d5996078sctb',
      account_id: ACCOUNT,
      status: 'FINISHED',
      transfer_type: 'SCT_INSTANT',
      reference: '12f7ec0b-6762-4578-b49f-c0b1647d0e2d',
      description: 'Monthly Salary Payments',
      total_amount: 1000,
      transfers_summary: { executed: 9, failed: 1 },
      created_at: '2026-11-25T11:59:52+00:00',
      started_at: '2026-11-25T12:01:00+00:00',
      finished_at: '2026-11-25T12:10:30+00:00',
      updated_at: '2026-11-25T12:10:30+00:00',
    },
  },
  BENEFICIAL_OWNER: {
    basis: 'example',
    entity: { key: 'id' },
    body: { id: 'a5f454e3f96447d6b3f7ecda46328041', beneficial_owner_id: PERSON, person_id: PERSON, valid_until: '2027-12-31', voting_share: 75, business_id: BUSINESS },
  },
  BOOKING: {
    basis: 'fields',
    entity: { key: 'id' },
    body: {
      id: 'fe6561bdb526ed8866e9dac00bd1848ecboo',
      creation_date: '2026-11-25',
      valuta_date: '2026-11-25',
      booking_date: '2026-11-25',
      booking_type: 'SEPA_CREDIT_TRANSFER',
      amount: eur(-2500),
      description: 'Rent November',
      purpose_code: null,
      recipient_bic: 'COBADEFFXXX',
      recipient_iban: PAYEE.iban,
      recipient_name: PAYEE.name,
      receiver_iban_virtual: null,
      sender_bic: BIC,
      sender_iban: IBAN,
      sender_name: 'Erika Mustermann',
      end_to_end_id: 'END2END-2026-11-25-0001',
      creditor_identifier: null,
      mandate_reference: null,
      account_id: ACCOUNT,
    },
  },
  BUSINESS_CHANGED: { basis: 'inferred', entity: { documented: BUSINESS, about: 'the business whose data changed' }, body: {} },
  BUSINESS_DELETED: { basis: 'inferred', entity: { documented: BUSINESS, about: 'the business whose data you must delete' }, body: {} },
  BUSINESS_DIRECT_DEBIT_PROFILE_BLOCK_CANCELLED: { basis: 'example', deprecated: true, entity: { key: 'id' }, body: { ...directDebitProfile, status: 'ACTIVE', status_reasons: '' } },
  BUSINESS_DIRECT_DEBIT_PROFILE_BLOCK_SCHEDULED: { basis: 'example', deprecated: true, entity: { key: 'id' }, body: directDebitProfile },
  BUSINESS_FRONTING_APPLICATION: {
    basis: 'inferred',
    entity: { key: 'id' },
    body: { id: '504f3c3659e14079a6941fe5b7a75eaabfla', business_id: BUSINESS, status: 'offered', amount: eur(1_000_000), duration: 12, created_at: '2026-11-25T12:00:00Z' },
  },
  BUSINESS_FRONTING_LOAN_PAYOUT: {
    basis: 'inferred',
    entity: { key: 'id' },
    body: { id: '29e1a05906954ce082ec779d81de8c1ebflo', business_id: BUSINESS, status: 'payout_issued', amount: eur(1_000_000), recipient_iban: PAYEE.iban, recipient_name: PAYEE.name },
  },
  BUSINESS_FRONTING_PAYOUT_UPDATE: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: '963347398e47416c9df216a63ef035c2bflp',
      loan_id: '29e1a05906954ce082ec779d81de8c1ebflo',
      recipient_iban: PAYEE.iban,
      recipient_name: PAYEE.name,
      tag: 'INITIAL_PAYOUT',
      status: 'transfers_complete',
      amount: eur(1000),
      transaction_description: 'Initial payout',
      transaction_end_to_end_id: 'DDHHDHG333243',
    },
  },
  BUSINESS_FRONTING_RELATIONSHIP_STATUS_CHANGED: { basis: 'example', entity: { key: 'id' }, body: { id: BUSINESS, status: 'active' } },
  BUSINESS_IDENTIFICATION: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: '4c74c804eaea5d2a2d64ef400a27a4d3bid',
      method: 'idnow',
      reference: null,
      url: 'https://go.test.idnow.de/solaris/identifications/4c74c804eaea5d2a2d64ef400a27a4d3bid',
      status: 'pending',
      completed_at: null,
      business_id: BUSINESS,
    },
  },
  BUSINESS_SEIZURE_CREATED: { basis: 'inferred', entity: { key: 'id' }, body: seizure('ACTIVE', { id: BUSINESS, type: 'Business' }) },
  BUSINESS_SEIZURE_DELETED: { basis: 'inferred', entity: { key: 'id' }, body: seizure('ACTIVE', { id: BUSINESS, type: 'Business' }) },
  BUSINESS_SEIZURE_FULFILLED: { basis: 'example', entity: { key: 'id' }, body: seizure('FULFILLED', { id: BUSINESS, type: 'Business' }) },
  BUSINESS_SEIZURE_UPDATED: { basis: 'example', entity: { key: 'id' }, body: { ...seizure('ACTIVE', { id: BUSINESS, type: 'Business' }), automated: false } },
  BUSINESS_TAX_IDENTIFICATION_CHANGED: {
    basis: 'example',
    entity: { documented: 'cba4289c773b7450482ee88a6e5126e9ctin', about: 'the business tax identification that changed' },
    body: { id: BUSINESS },
  },
  CARD_AUTHORIZATION: { basis: 'example', entity: { key: 'id' }, body: { ...cardReservation('OPEN'), meta_info: JSON.stringify(cardMetaInfo) } },
  CARD_AUTHORIZATION_DECLINE: {
    basis: 'example',
    deprecated: true,
    entity: { key: 'card_transaction.card_id' },
    body: { reason: 'INSUFFICIENT_FUNDS', card_transaction: declinedCardTransaction },
  },
  CARD_AUTHORIZATION_DECLINE_V2: {
    basis: 'fields',
    entity: { key: 'card_transaction.card_id' },
    body: {
      reasons: [{ type: 'INSUFFICIENT_FUNDS', id: null, message: 'The available balance does not cover the amount.' }],
      card_transaction: {
        card_id: CARD,
        type: 'PURCHASE',
        status: 'DECLINED',
        attempted_at: '2026-11-25T11:58:42+00:00',
        pos_entry_mode: 'CHIP',
        terminal_id: '678656789765',
        merchant,
        amount: eur(2450),
        original_amount: eur(2450),
      },
    },
  },
  CARD_AUTHORIZATION_RESOLUTION: { basis: 'example', entity: { key: 'id' }, body: { ...cardReservation('RESOLVED'), meta_info: cardMetaInfo } },
  CARD_DELIVERY_TRACKING: {
    basis: 'example',
    entity: { key: 'card_id' },
    body: {
      id: '2ba86442-a9a1-4634-9eb8-fef3500322b3',
      card_id: CARD,
      shipping_provider: 'DHL Express',
      date_of_shipment: '2026-11-24',
      shipping_tracking_information: 'JD014600009536663804',
      country_code: 'DE',
      has_picture: false,
    },
  },
  CARD_FRAUD_CASE_PENDING: { basis: 'example', entity: { key: 'id' }, body: fraudCase('PENDING') },
  CARD_FRAUD_CASE_TIMEOUT: { basis: 'example', entity: { key: 'id' }, body: fraudCase('TIMEOUT') },
  CARD_LIFECYCLE_EVENT: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      event_type: 'CARD_ACTIVATED',
      id: CARD,
      status: 'ACTIVE',
      reference: '87285d83-ab15-4906-af87-5763801d9e43',
      type: 'MASTERCARD_DEBIT',
      expiration_date: '2029-11-30',
      person_id: PERSON,
      account_id: ACCOUNT,
      business_id: null,
      representation: { line_1: 'ERIKA MUSTERMANN', line_2: null, masked_pan: '537458******4567', formatted_expiration_date: '11/29' },
    },
  },
  CARD_TOKEN_LIFECYCLE: {
    basis: 'fields',
    entity: { key: 'card_id' },
    body: {
      card_id: CARD,
      token_reference_id: 'DNITHE302123456789012345',
      client_wallet_account_id: 'W123456789012345678901234',
      pan_reference_id: 'FPANID302123456789012345',
      token_status: 'ACTIVE',
      event_type: 'TOKEN_CREATED',
      reason: 'TOKEN_CREATED',
    },
  },
  CASH_OPERATION_STATUS_CHANGED: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: '7f2b8c1d9e0a4b3c8d7e6f5a4b3c2d1ecop',
      barcode_ean_13: '4012345678901',
      expires_at: '2026-11-27T12:00:00Z',
      status: 'PAID_IN',
      reference_id: 'cash-2026-11-25-0001',
      person_id: PERSON,
    },
  },
  CONSUMER_FRONTING_APPLICATION: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      agio: 0,
      amount: eur(100_000),
      application_id: '504f3c3659e14079a6941fe5b7a75eaacfla',
      collateral_account_iban: 'DE85110101014480677574',
      collection_account_iban: IBAN,
      duration: 12,
      id: '620b95f7987243d398c2621c889a2039cflo',
      recipient_iban: PAYEE.iban,
      recipient_name: PAYEE.name,
      requested_interest_rate: 0.04,
      settlement_account_iban: 'DE07110101014503906016',
      status: 'payout_issued',
    },
  },
  CONSUMER_LOAN_APPLICATION: {
    basis: 'example',
    entity: { key: 'entity_uuid' },
    body: lendingEvent('CONSUMER_LOAN_APPLICATION', 'c5fe9ff6a90f47708e2d865d553c24f2clap', {
      id: 'c5fe9ff6a90f47708e2d865d553c24f2clap',
      status: 'esign_pending',
      status_description: 'Waiting for the customer to sign the loan contract.',
      skip_account_snapshot: true,
      signing_id: '7c63600ddddec4f2668893af39c1b814csig',
      seller: 'Fahrradladen Berlin GmbH',
      payout_description: 'E-Bike order 2026-117',
      loan_id: null,
      financed_good: 'E-Bike',
      delayed_payout_strategy: 'none',
      cash_price: eur(250_000),
      approximate_total_loan_expenses: eur(12_500),
    }),
  },
  CONSUMER_OVERDRAFT: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: OVERDRAFT,
      person_id: PERSON,
      consumer_application_id: 'b83a264de98741018419b53648e20ca9coap',
      account_iban: IBAN,
      status: 'created',
      interest_accrual_rate: 3,
      overdraft_rate: 9,
      limit: eur(100_000),
      interest_accrued: eur(0),
      negative_since: null,
      created_at: '2026-11-25T12:00:00.000Z',
    },
  },
  CONSUMER_OVERDRAFT_APPLICATION: {
    basis: 'fields',
    entity: { key: 'id' },
    body: {
      id: 'b83a264de98741018419b53648e20ca9coap',
      partner_id: 'f2b0c9e8d7a64b5c9e8d7a6b5c4d3e2fcpar',
      person_id: PERSON,
      identification_id: IDENTIFICATION,
      status: 'offered',
      status_description: 'The overdraft is offered.',
      overdraft_id: OVERDRAFT,
      employment_status: 'EMPLOYED',
      partner_contact_number: '+491565904345',
      partner_contact_name: 'Peter Mustermann',
      limit: eur(100_000),
      created_at: '2026-11-25T12:00:00.000Z',
    },
  },
  CREDIT_CARD_APPLICATION: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: '6e6fefdcd553468fb04555499f060b18ccla',
      external_customer_id: 'member-2026-0042',
      customer_id: PERSON,
      account_id: ACCOUNT,
      account_iban: IBAN,
      reference_account_id: 'd1ed02309ca52b5e636e215ff82b2d52sddm',
      status: 'PRE_APPROVED',
      product_type: 'CONSUMER_CREDIT_CARD',
      billing_start_date: '2026-11-01',
      billing_end_date: '2026-11-28',
      approved_limit: eur(200_000),
      requested_limit: eur(500_000),
      current_limit: eur(150_000),
      decline_reasons: [],
      in_dunning: false,
      created_at: '2026-11-25T12:00:00Z',
    },
  },
  CREDIT_CARD_APPLICATION_TERMINATION: {
    basis: 'fields',
    entity: { key: 'id' },
    body: {
      id: '6e6fefdcd553468fb04555499f060b18ccla',
      customer_id: PERSON,
      account_id: ACCOUNT,
      account_iban: IBAN,
      status: 'TERMINATED',
      product_type: 'CONSUMER_CREDIT_CARD',
      termination_id: '1c9a8b7d6e5f4a3b2c1d0e9f8a7b6c5dcctr',
      created_at: '2026-11-25T12:00:00Z',
    },
  },
  CREDIT_CARD_BILL: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: 'aa21dac9d713a066597474a4568fa015bill',
      application_id: '6e6fefdcd553468fb04555499f060b18ccla',
      status: 'PAID',
      start_date: '2026-10-01',
      end_date: '2026-10-31',
      statement_date: '2026-11-01',
      due_date: '2026-11-15',
      sdd_collection_date: '2026-11-16',
      previous_bill_amount: eur(5000),
      total_outstanding_amount: eur(7500),
      minimum_due_amount: eur(2250),
      outstanding_sddr_amount: eur(0),
      outstanding_amount: eur(0),
      current_bill_amount: eur(7500),
      dunning_fees: eur(0),
      other_fees: eur(0),
      repayment_type: 'FULL',
      grace_period_in_days: 15,
      minimum_amount: eur(2000),
      minimum_percentage: 3,
      accumulated_interest_amount: eur(0),
      postbox_item_id: POSTBOX_ITEM,
    },
  },
  CREDIT_LINE: {
    basis: 'example',
    entity: { key: 'data.entity_uuid' },
    body: { data: { event_type: 'CREDIT_LINE', entity_uuid: '2d685ca48fab499a841d19fd8bcfe314ccln', payload: { id: '2d685ca48fab499a841d19fd8bcfe314ccln', status: 'active', limit: eur(300_000) } } },
  },
  CREDIT_LINE_APPLICATION: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: '35eee37033c5436f9cbff6df1f88e097ccla',
      status: 'account_snapshot_pending',
      status_description: 'Waiting for the account snapshot.',
      signing_id: '7c63600ddddec4f2668893af39c1b814csig',
      scoring_workflow: { required_actions: ['ACCOUNT_SNAPSHOT'] },
      recipient_iban: IBAN,
      person_id: PERSON,
      partner_reference_number: 'ABHP244919',
      offered_limit: eur(300_000),
      offered_interest_rate: 2.5,
      net_disposable_income: eur(150_000),
      marriage_status: 'UNMARRIED',
      identification_id: IDENTIFICATION,
      employment_status: 'EMPLOYED',
      decision: 'OFFERED',
      credit_line_id: '1908331fb8384edcbfe63067366c4b6accln',
    },
  },
  DELEGATE_SCA_CANCEL: { basis: 'example', entity: { key: 'card_id' }, body: scaChallenge },
  DEPOSIT_ACCOUNT_UPDATED: {
    basis: 'example',
    page: 'deposit_account_update',
    entity: { key: 'id' },
    body: {
      id: '13bc0b9d-3321-4bac-84ce-1b300a137d88',
      status: 'OPENED',
      deposit_type: 'SAVINGS_ACCOUNT',
      deposit_account_id: 'e48c29b85992b8772eb7ddd518490920cacc',
      main_account_id: ACCOUNT,
      main_account_iban: IBAN,
      secondary_mappings: [],
      updated_at: '2026-11-25T12:00:00.000+00:00',
    },
  },
  DISPUTE_CHANGED: {
    basis: 'example',
    entity: { key: 'card_id' },
    body: {
      merchant_name: 'REWE MARKT BERLIN',
      amount: 2450,
      created_at: '2026-11-25T12:00:00Z',
      original_transaction_date: '2026-11-20T09:12:00Z',
      card_id: CARD,
      person_id: PERSON,
      external_refund_transaction_count: 0,
      external_refund_transaction_total: 0,
      status: 'INVESTIGATING',
    },
  },
  FREELANCER_CREDIT_LINE_APPLICATION: {
    basis: 'example',
    page: 'freelancer_credit_line',
    entity: { key: 'id' },
    body: {
      id: '7d903b7483294e3b902b89097d699dbdccla',
      credit_line_id: 'c5f22b00baa845869ceb3a7d90d59bffccln',
      decision: 'OFFERED',
      identification_id: IDENTIFICATION,
      mandate_reference_number: 'LXD3RGLRTP6HHM',
      net_disposable_income: eur(250_000),
      offered_interest_rate: 7.9,
      offered_limit: eur(500_000),
      person_id: PERSON,
      recipient_iban: IBAN,
      status: 'offered',
    },
  },
  IDENTIFICATION: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: IDENTIFICATION,
      reference: 'TST-ELCCJ',
      url: 'https://go.test.idnow.de/solaris/identifications/TST-ELCCJ',
      status: 'successful',
      completed_at: '2026-11-25T12:00:00.000Z',
      method: 'idnow',
      metadata: null,
    },
  },
  IDENTIFICATION_ORIGINATION: {
    basis: 'example',
    entity: { key: 'identification_origination_id' },
    body: {
      identification_origination_id: '589e12da53154010ad180894acbe07ebio',
      status: 'esign_pending',
      status_description: 'Waiting for signing process to finish',
      identification_id: IDENTIFICATION,
      esigning_id: '5ade4e499b299c299be2987ad597c42ecsig',
    },
  },
  IDENTIFICATION_REFERENCE_TRANSFER_ATTEMPT: {
    basis: 'example',
    entity: { key: 'id' },
    body: { id: IDENTIFICATION, method: 'bank_plus', person_id: PERSON, remaining_attempts: 2, Reason: 'name_not_matched' },
  },
  IDENTIFICATION_SESSION: {
    basis: 'inferred',
    entity: { key: 'id' },
    body: { id: '5d1c9e7a3b2f4c6d8e0f1a2b3c4d5e6fisess', person_id: PERSON, identification_id: IDENTIFICATION, status: 'completed' },
  },
  INCOMING_REJECTED_TRANSACTION: {
    basis: 'inferred',
    entity: { key: 'id' },
    body: {
      id: '95d06bc4e448af0d78259549964e4b4bsddm',
      sender_name: 'John Mustermann',
      sender_iban: CREDITOR_IBAN,
      amount: eur(10_000),
      rejection_reason: 'Transaction sender name and account debtor name do not match.',
      rejected_at: '2026-11-25T12:00:00Z',
      account_id: ACCOUNT,
    },
  },
  INSTANT_SEPA_CREDIT_TRANSFER_EXECUTED: { basis: 'example', entity: { key: 'id' }, body: instantTransfer('CLEARED') },
  INSTANT_SEPA_CREDIT_TRANSFER_FAILED: { basis: 'example', entity: { key: 'id' }, body: instantTransfer('FAILED') },
  LEGAL_REPRESENTATIVE: {
    basis: 'example',
    entity: { key: 'id' },
    body: { id: 'a46578f4049f42aba9fe88a2a80fed53', legal_representative_id: PERSON, legal_representative_type: 'Person', valid_until: '2027-12-31', business_id: BUSINESS },
  },
  LOAN: {
    basis: 'example',
    entity: { key: 'entity_uuid' },
    body: {
      payload: {
        id: '82d78c39956645ffbd59c51cdb63f7b0cloa',
        status: 'payout_issued',
        status_reason: null,
        term: 24,
        amount: eur(1_000_000),
        monthly_payment: eur(43_900),
        overdue_amount: eur(0),
        total_loan_expenses: eur(53_600),
        interest_rate: 0.0499,
        effective_interest_rate: 0.0511,
        annual_percentage_rate: 0.0511,
        purpose: 'Buying a car.',
        person_id: PERSON,
        recipient_iban: PAYEE.iban,
        loan_account_id: 'bd1e0a2b3c4d5e6f7a8b9c0d1e2f3a4bcacc',
        loan_account_iban: 'DE72110101014351836685',
        billing_account_id: ACCOUNT,
        billing_account_iban: IBAN,
        payout_date: '2026-11-25',
        repayment_begin_date: '2026-12-25',
        interest_start_date: '2026-11-25',
        maturity_date: '2028-11-25',
        reference: 'loan-2026-0042',
        created_at: '2026-11-20T10:22:38',
        repayment_plan_created_at: '2026-11-25T12:00:00Z',
        repayment_plan_updated_at: '2026-11-25T12:00:00Z',
      },
      event_type: 'LOAN',
      entity_uuid: '82d78c39956645ffbd59c51cdb63f7b0cloa',
    },
  },
  MESSAGE: {
    basis: 'example',
    entity: { key: 'person_id' },
    body: { account_id: ACCOUNT, channel: 'email', person_id: PERSON, title: 'Ihre Samsung Pay Bezahlung', text: 'Ihre Zahlung über 24,50 EUR bei REWE MARKT BERLIN wurde autorisiert.', business_id: null },
  },
  OVERDRAFT: {
    basis: 'inferred',
    entity: { key: 'id' },
    body: {
      id: '00556cd181f2409aaa6c2a033cce3a8ffovd',
      person_id: PERSON,
      account_iban: IBAN,
      status: 'created',
      interest_accrual_rate: 3,
      overdraft_rate: 9,
      limit: eur(100_000),
      interest_accrued: eur(0),
      negative_since: null,
      created_at: '2026-11-25T12:00:00.000Z',
    },
  },
  OVERDRAFT_APPLICATION: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: 'b83a264de98741018419b53648e20ca9fovap',
      status: 'offered',
      rejection_reasons: [],
      person_id: PERSON,
      partner_risk_class: 'd',
      partner_reference_number: 'a123456',
      partner_contact_number: '+491565904345',
      partner_contact_name: 'Peter Mustermann',
      overdraft_rate: 9,
      overdraft_id: '00556cd181f2409aaa6c2a033cce3a8ffovd',
      limit: eur(100_000),
      interest_conditions_enabled: true,
      interest_accrual_rate: 3,
      decision: 'OFFERED',
      credit_record_id: 'fbb7d15fa4c54ba0b077592665ef04a4ccrd',
      created_at: '2026-11-25T12:00:00.000Z',
      account_snapshot_id: 'bc9eee989fb84f3aa8089e244bb8dfc1snap',
    },
  },
  OVERDRAFT_LIMIT_CHANGE: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: 'e26cd100ba0e4ddea88f6e34f0a911aeovlc',
      overdraft_id: OVERDRAFT,
      limit_at_creation_time: eur(100_000),
      requested_limit: eur(150_000),
      status: 'completed',
    },
  },
  PERSON_CHANGED: { basis: 'example', entity: personOnly('the person whose data changed'), body: {} },
  PERSON_DELETED: { basis: 'example', entity: personOnly('the person whose data you must delete'), body: {} },
  PERSON_MOBILE_NUMBER_CREATED: { basis: 'example', entity: personOnly('the person who got the (not yet verified) mobile number'), body: {} },
  PERSON_MOBILE_NUMBER_DELETED: { basis: 'example', entity: { key: 'id' }, body: { id: '244de401cf4ddbbbafbbc657312a7ce7cmno' } },
  PERSON_SEIZURE_CREATED: { basis: 'example', entity: { key: 'id' }, body: seizure('ACTIVE', { id: PERSON, type: 'Person' }) },
  PERSON_SEIZURE_DELETED: { basis: 'example', entity: { key: 'id' }, body: seizure('ACTIVE', { id: PERSON, type: 'Person' }) },
  PERSON_SEIZURE_FULFILLED: { basis: 'inferred', entity: { key: 'id' }, body: seizure('FULFILLED', { id: PERSON, type: 'Person' }) },
  PERSON_SEIZURE_UPDATED: { basis: 'example', entity: { key: 'id' }, body: { ...seizure('ACTIVE', { id: PERSON, type: 'Person' }), automated: false } },
  PERSON_TAX_IDENTIFICATION_CHANGED: {
    basis: 'example',
    entity: { documented: 'cba4289c773b7450482ee88a6e5126e9ctin', about: 'the person tax identification that changed' },
    body: { id: PERSON },
  },
  POSTBOX_ITEM_CREATED: {
    basis: 'fields',
    entity: { key: 'id' },
    body: {
      id: POSTBOX_ITEM,
      belongs_to: PERSON,
      owner_type: 'Person',
      created_at: '2026-11-25T12:00:00.000Z',
      document_date: '2026-11-25',
      document_type: 'ACCOUNT_STATEMENT',
      name: 'Kontoauszug November 2026',
      description: 'Account statement for November 2026',
      customer_notification: true,
      customer_confirmation: false,
      document_size: 48213,
      document_content_type: 'application/pdf',
      document_id: 'e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6cdoc',
      has_been_read: false,
      has_been_confirmed: false,
      reference_id: null,
    },
  },
  POTENTIAL_ACCOUNT_BLOCKING: { basis: 'example', entity: { key: 'blocking_date' }, body: { blocking_date: '2026-12-24', reason: 'IDENTIFICATION_DOCUMENT_EXPIRED' } },
  QUESTIONS_REQUIRE_RESPONSE: {
    basis: 'example',
    entity: { key: 'question_set_id' },
    body: {
      question_set_id: 'cf860f53574c1ca743232feaf1c81e71cqst',
      entity_id: PERSON,
      context_id: IDENTIFICATION,
      deadline: '2026-12-09T12:00:00.000000Z',
      recipient: { recipient_id: PERSON, recipient_type: 'CUSTOMER' },
      questions: [
        {
          id: '1f0130f81d84ed3c75b32c428d5d7d93cqst',
          question: 'Provide your current address.',
          answer_type: 'TEXT_AND_FILES',
          deadline: '2026-12-09T12:00:00.000000Z',
          allowed_document_types: ['PROOF_OF_ADDRESS'],
          attached_documents: [],
          response: null,
        },
      ],
    },
  },
  REFERENCE_ACCOUNT_CREATED: {
    basis: 'example',
    entity: { key: 'id' },
    body: { id: '9876827fc63a639ee829a1b2c3d4e5f6racc', status: 'ACTIVE', iban: PAYEE.iban, account_id: ACCOUNT },
  },
  REFERENCE_ACCOUNT_INSTANT_PAYOUT_DECLINED: { basis: 'example', entity: { key: 'id' }, body: referencePayout('DECLINED') },
  REFERENCE_ACCOUNT_INSTANT_PAYOUT_EXECUTED: { basis: 'example', entity: { key: 'id' }, body: referencePayout('EXECUTED') },
  RESERVATION_CREATED: { basis: 'example', entity: { key: 'id' }, body: seizureReservation('OPEN') },
  RESERVATION_RESOLVED: { basis: 'example', entity: { key: 'id' }, body: seizureReservation('RESOLVED') },
  SCA_CHALLENGE: { basis: 'example', entity: { key: 'challenge_id' }, body: { ...scaChallenge, challenge_id: '8bc7c682cf2b47fbb0da40146a2fscachal' } },
  SCHEDULED_TRANSFER_STATUS_CHANGED: { basis: 'example', entity: { key: 'id' }, body: { id: 'b814e2213c5c45149945ed53422db0c4sctr', status: 'CONCLUDED', account_id: ACCOUNT } },
  SDD_COLLECTION_APPLICATION: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: 'dec2961f594045159195ca66e55fd6ea',
      person_id: PERSON,
      credit_record_id: '84f468eacc7a4784ba0d4b0b577a9265',
      sdd_collection_id: 'c06fbfcc98b04376a9f220c4578932e4',
      account_snapshot_id: 'bc9eee989fb84f3aa8089e244bb8dfc1snap',
      status: 'pending',
      decision: 'OFFERED',
      rejection_reasons: [],
      created_at: '2026-11-25T12:00:00Z',
      limit: eur(10_000),
    },
  },
  SEPA_CREDIT_TRANSACTION_DECLINED: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: '45bd0881-a79a-4054-9286-f11060d5511f',
      status: 'declined',
      reference: '8880a72c-2675-482d-8d88-70a02c608592',
      amount: eur(1000),
      description: 'Rent November',
      recipient_iban: PAYEE.iban,
      recipient_name: PAYEE.name,
      recipient_bic: 'COBADEFFXXX',
      end_to_end_id: 'END2ENDREJ',
      schedule_id: 'f874b3102718a4d757a6b6e4d599607csctr',
      batch_id: 'd6c778822b2d7bd3b778935bcfd0d1d3csc',
      created_at: '2026-11-25T12:00:00Z',
      rejection_reason: 'insufficient_funds',
    },
  },
  SEPA_DIRECT_DEBIT_RETURN: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: '257eb92c4656691fd02d3de1fa88b9f5csdr',
      creditor_iban: CREDITOR_IBAN,
      creditor_name: 'Stadtwerke Musterstadt GmbH',
      creditor_identifier: 'DE98ZZZ09999999999',
      mandate_reference: 'SWM-2026-000417',
      amount: eur(4900),
      end_to_end_id: 'DD-12-25.11.2026',
      sepa_return_code: 'AM04',
      description: 'Abschlag Strom November',
      recorded_at: '2026-11-25T12:00:00.000Z',
      customer_id: PERSON,
      customer_type: 'Person',
      account_id: ACCOUNT,
    },
  },
  SEPA_SCHEDULED_TRANSACTION: {
    basis: 'example',
    entity: { key: 'id' },
    body: {
      id: 'c14ed45ced80f17a1ecc62214db2738ccsto',
      account_id: ACCOUNT,
      processed_at: '2026-11-25T12:00:00.000Z',
      reference: 'Reference-56eb879fae8faa2f6d14f87161cst',
      source: 'standing_order',
      source_id: 'c14ed45ced80f17a1ecc62214db2738ccsto',
      status: 'EXECUTED',
      decline_reason: [],
      transaction_id: '49a57d88276df2e440cdd2e7eec291ctrx',
    },
  },
  SEPA_STANDING_ORDER: {
    basis: 'example',
    entity: { key: 'id' },
    body: { id: 'c14ed45ced80f17a1ecc62214db2738ccsto', reference: 'Reference-56eb879fae8faa2f6d14f87161cst', status: 'CANCELED', account_id: ACCOUNT },
  },
  SEPA_TIMED_ORDER: {
    basis: 'example',
    entity: { key: 'id' },
    body: { id: '472730af12864d458b2f04b58404fe43ctor', reference: 'ref00514262', status: 'EXECUTED', account_id: ACCOUNT, processed_at: '2026-11-25T12:00:00.000Z' },
  },
};

/** The reference page of a documented event type: the source of its sample. */
export function eventPage(eventType: KnownEventType): string {
  return `${PAGES}/${eventDefinitions[eventType].page ?? eventType.toLowerCase()}/post`;
}

/** Top-level timestamps of the moment the event happened, set to the time of sending; dates and deadlines keep their sample values. */
const STAMPED = ['created_at', 'updated_at', 'processed_at', 'recorded_at'];

export interface SampleNotification {
  body: Record<string, unknown>;
  /** The `Solaris-Entity-Id` header. */
  entityId: string;
}

/**
 * The sample notification of a documented event type, or undefined for any other. `entityId` replaces the entity the
 * header names: in the body too where the header repeats a body id, which keeps the two consistent.
 */
export function sampleNotification(eventType: string, { now, entityId }: { now: number; entityId?: string }): SampleNotification | undefined {
  if (!isKnownEventType(eventType)) return undefined;
  const { entity, body } = eventDefinitions[eventType];
  const copy = structuredClone(body);
  const at = new Date(now).toISOString();
  for (const key of STAMPED) if (typeof copy[key] === 'string') copy[key] = at;
  if ('documented' in entity) return { body: copy, entityId: entityId ?? entity.documented };
  if (entityId !== undefined) setPath(copy, entity.key, entityId);
  return { body: copy, entityId: entityId ?? String(getPath(copy, entity.key)) };
}

function getPath(record: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], record);
}

function setPath(record: Record<string, unknown>, path: string, value: string): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce<Record<string, unknown>>((value, key) => value[key] as Record<string, unknown>, record);
  parent[last] = value;
}

export interface NotificationContent {
  body: unknown;
  entityId: string;
  /** Whether the body is the type's documented sample (not the caller's payload, nor `{id}` for a type without one). */
  sampled: boolean;
}

/**
 * What a triggered notification carries: the caller's payload as given (its own id names the entity unless one is
 * given), else the type's documented sample, else `{id}` for a type Solaris does not document.
 */
export function notificationFor(eventType: string, o: { payload?: unknown; entityId?: string; now: number; newId(): string }): NotificationContent {
  if (o.payload !== undefined) return { body: o.payload, entityId: o.entityId ?? entityIdOf(o.payload, o.newId()), sampled: false };
  const sample = sampleNotification(eventType, o);
  if (sample !== undefined) return { ...sample, sampled: true };
  const id = o.entityId ?? o.newId();
  return { body: { id }, entityId: id, sampled: false };
}
