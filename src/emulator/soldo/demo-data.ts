/**
 * The emulator's demo Soldo company: wallets, cards and 60 card transactions from January 2024 on, in the shapes
 * of Soldo's Business API v2. Every emulator starts from a fresh copy, so transfers in one run never leak into another.
 */

export interface SoldoWallet {
  id: string;
  name: string;
  currency_code: string;
  available_amount: number;
  blocked_amount: number;
  primary_user_type: 'company' | 'employee';
  primary_user_public_id: string | null;
  visible: boolean;
}

export interface SoldoCard {
  id: string;
  name: string;
  masked_pan: string;
  creation_time: string;
  expiration_date: string;
  type: 'PLASTIC' | 'VIRTUAL';
  status: 'Normal';
  owner_type: 'company' | 'employee';
  owner_public_id: string | null;
  wallet_id: string;
  currency_code: string;
  emboss_line4: string | null;
  active: boolean;
}

export interface SoldoTransaction {
  id: string;
  wallet_id: string;
  card_id: string;
  masked_pan: string;
  owner_id: string | null;
  owner_type: 'company' | 'employee';
  status: 'Settled' | 'Authorised';
  category: 'Payment' | 'Refund';
  transaction_sign: 'Negative' | 'Positive';
  amount: number;
  amount_currency: string;
  tx_amount: number;
  tx_amount_currency: string;
  fee_amount: number;
  fee_currency: string;
  date: string;
  settlement_date: string | null;
  merchant: { name: string; raw_name: string };
  merchant_category: { mcc: string; description: string };
}

export interface SoldoData {
  readonly whoami: { company_name: string; scopes: string[] };
  readonly wallets: SoldoWallet[];
  readonly cards: SoldoCard[];
  readonly transactions: SoldoTransaction[];
}

const ALICE = 'DEMO1234-000001';
const BOB = 'DEMO1234-000002';

export const DEMO_WALLET_IDS = {
  companyEur: '8a1f2c3e-4b5d-4e6f-9a01-000000000001',
  companyGbp: '8a1f2c3e-4b5d-4e6f-9a01-000000000002',
  aliceEur: '8a1f2c3e-4b5d-4e6f-9a01-000000000003',
  bobEur: '8a1f2c3e-4b5d-4e6f-9a01-000000000004',
} as const;

const MERCHANTS = [
  { name: 'Deutsche Bahn', mcc: '4112', description: 'Passenger Railways' },
  { name: 'Lufthansa', mcc: '3008', description: 'Airlines' },
  { name: 'Hotel Adlon', mcc: '7011', description: 'Hotels and Motels' },
  { name: 'Shell', mcc: '5541', description: 'Service Stations' },
  { name: 'Amazon Web Services', mcc: '4816', description: 'Computer Network Services' },
  { name: 'Staples', mcc: '5111', description: 'Stationery and Office Supplies' },
  { name: 'Uber', mcc: '4121', description: 'Taxicabs and Limousines' },
  { name: 'Cafe Einstein', mcc: '5812', description: 'Restaurants' },
];

export function createSoldoData(): SoldoData {
  const wallets: SoldoWallet[] = [
    wallet(DEMO_WALLET_IDS.companyEur, 'Company EUR', 'EUR', 25_000, 'company', null),
    wallet(DEMO_WALLET_IDS.companyGbp, 'Company GBP', 'GBP', 8_000, 'company', null),
    wallet(DEMO_WALLET_IDS.aliceEur, 'Alice Schmidt EUR', 'EUR', 350, 'employee', ALICE),
    wallet(DEMO_WALLET_IDS.bobEur, 'Bob Meyer EUR', 'EUR', 120.5, 'employee', BOB),
  ];
  const cards: SoldoCard[] = [
    card('5e7d9c1b-2a3f-4d5e-8b01-000000000001', 'Alice travel card', '5171******0423', 'PLASTIC', ALICE, DEMO_WALLET_IDS.aliceEur, 'ALICE SCHMIDT'),
    card('5e7d9c1b-2a3f-4d5e-8b01-000000000002', 'Bob virtual card', '5171******1187', 'VIRTUAL', BOB, DEMO_WALLET_IDS.bobEur, null),
    card('5e7d9c1b-2a3f-4d5e-8b01-000000000003', 'Online subscriptions', '5171******7730', 'VIRTUAL', null, DEMO_WALLET_IDS.companyEur, null),
  ];
  return {
    whoami: {
      company_name: 'Demo Company Ltd (emulator)',
      scopes: ['company_read', 'wallet_read', 'wallet_write', 'card_read', 'card_write', 'transaction_read', 'transaction_write', 'employee_read'],
    },
    wallets,
    cards,
    transactions: Array.from({ length: 60 }, (_, i) => transaction(i, cards[i % cards.length] as SoldoCard)),
  };
}

function wallet(
  id: string,
  name: string,
  currency: string,
  available: number,
  userType: SoldoWallet['primary_user_type'],
  userId: string | null,
): SoldoWallet {
  return { id, name, currency_code: currency, available_amount: available, blocked_amount: 0, primary_user_type: userType, primary_user_public_id: userId, visible: true };
}

function card(id: string, name: string, pan: string, type: SoldoCard['type'], owner: string | null, walletId: string, emboss: string | null): SoldoCard {
  return {
    id,
    name,
    masked_pan: pan,
    creation_time: '2023-11-02T10:15:00Z',
    expiration_date: '2027-11-30T23:59:59Z',
    type,
    status: 'Normal',
    owner_type: owner === null ? 'company' : 'employee',
    owner_public_id: owner,
    wallet_id: walletId,
    currency_code: 'EUR',
    emboss_line4: emboss,
    active: true,
  };
}

/** The i-th transaction, one a day from 2 January 2024; every 10th a refund, the last five not yet settled. */
function transaction(i: number, paidWith: SoldoCard): SoldoTransaction {
  const merchant = MERCHANTS[i % MERCHANTS.length] as (typeof MERCHANTS)[number];
  const day = new Date(Date.UTC(2024, 0, 2 + i, 9, i % 60));
  const settled = i < 55;
  const refund = i % 10 === 9;
  const amount = (500 + ((i * 3779) % 24_000)) / 100; // One division, so the amount prints with two decimals.
  return {
    id: `TRX-2024-${String(i + 1).padStart(6, '0')}`,
    wallet_id: paidWith.wallet_id,
    card_id: paidWith.id,
    masked_pan: paidWith.masked_pan,
    owner_id: paidWith.owner_public_id,
    owner_type: paidWith.owner_type,
    status: settled ? 'Settled' : 'Authorised',
    category: refund ? 'Refund' : 'Payment',
    transaction_sign: refund ? 'Positive' : 'Negative',
    amount,
    amount_currency: 'EUR',
    tx_amount: amount,
    tx_amount_currency: 'EUR',
    fee_amount: 0,
    fee_currency: 'EUR',
    date: day.toISOString(),
    settlement_date: settled ? new Date(day.getTime() + 2 * 86_400_000).toISOString() : null,
    merchant: { name: merchant.name, raw_name: `${merchant.name.toUpperCase()} BERLIN DE` },
    merchant_category: { mcc: merchant.mcc, description: merchant.description },
  };
}
