/**
 * The emulator's demo Soldo company, in the shapes of Soldo's OpenAPI export 5.56.0: employees, groups, wallets,
 * cards, 60 card transactions from January 2024 on and the refuelings among them, and the collections the signed
 * operations fill (addresses, business trips, contacts, …). A field with no value is left out, never null: the
 * published schemas allow no nulls. Every emulator starts from a fresh copy, so one run's changes never leak into another.
 */

/** A resource as Soldo answers it: an object of the operation's response schema. */
export type Resource = Record<string, unknown>;

export interface SoldoUser extends Resource {
  id: string;
  name: string;
  surname: string;
  email: string;
  mobile: string;
  mobile_prefix: string;
  custom_reference_id: string;
  job_title: string;
  status: string;
  visible: boolean;
  mobile_access: boolean;
  web_access: boolean;
  groups: string[];
  roles: Resource[];
  creation_time: string;
  last_update: string;
  work_status: 'AVAILABLE' | 'OUT_OF_OFFICE';
}

export interface SoldoGroup extends Resource {
  id: string;
  name: string;
  custom_reference_id: string;
  type: string;
  note: string;
  members: string[];
  wallets: string[];
  cards: string[];
  creation_time: string;
  last_update: string;
}

export interface SoldoWallet extends Resource {
  id: string;
  name: string;
  currency_code: string;
  available_amount: number;
  blocked_amount: number;
  primary_user_type: 'company' | 'employee';
  /** Employee wallets only. */
  primary_user_public_id?: string;
  custom_reference_id?: string;
  groups: string[];
  visible: boolean;
  creation_time: string;
  last_update: string;
}

export interface SoldoCard extends Resource {
  id: string;
  name: string;
  label: string;
  masked_pan: string;
  card_holder: string;
  creation_time: string;
  last_update: string;
  expiration_date: string;
  type: string;
  status: string;
  owner_type: 'company' | 'employee';
  /** Employee cards only. */
  owner_public_id?: string;
  wallet_id: string;
  currency_code: string;
  /** Plastic cards only: the fourth embossed line. */
  emboss_line4?: string;
  active: boolean;
  groups: string[];
  assignees: string[];
}

export interface SoldoTransaction extends Resource {
  id: string;
  wallet_id: string;
  wallet_name: string;
  card_id: string;
  masked_pan: string;
  owner_type: 'company' | 'employee';
  /** Transactions of employee cards only. */
  owner_id?: string;
  status: string;
  category: string;
  transaction_sign: 'Negative' | 'Positive';
  amount: number;
  amount_currency: string;
  tx_amount: number;
  tx_amount_currency: string;
  fee_amount: number;
  fee_currency: string;
  date: string;
  /** Settled transactions only. */
  settlement_date?: string;
  update_time: string;
  merchant: { name: string; raw_name: string };
  merchant_category: { mcc: string; description: string };
  tags: Resource[];
}

/** Card rules, kept per card. */
export interface CardRules {
  rules: { name: string; enabled: boolean }[];
  cashpoint: Record<string, { enabled: boolean; amount: number }>;
  spendingLimits: Record<string, { enabled: boolean; amount: number }>;
  countries: { code: string; enabled: boolean }[];
  merchantCategories: { name: string; enabled: boolean }[];
  presetId?: string;
}

export interface SoldoData {
  readonly whoami: { company_name: string; scopes: string[] };
  readonly users: SoldoUser[];
  readonly groups: SoldoGroup[];
  readonly wallets: SoldoWallet[];
  readonly cards: SoldoCard[];
  readonly transactions: SoldoTransaction[];
  readonly refuelings: Resource[];
  readonly cardRules: Map<string, CardRules>;
  /** Resources the signed operations create, by collection (`addresses`, `business-trips`, …). */
  readonly collections: Map<string, Resource[]>;
  /** Wallets related to each auto-transfer preset. */
  readonly presetWallets: Map<string, string[]>;
  readonly accessModes: Map<string, Resource[]>;
}

export const DEMO_USER_IDS = { alice: 'DEMO1234-000001', bob: 'DEMO1234-000002', clara: 'DEMO1234-000003' } as const;

export const DEMO_WALLET_IDS = {
  companyEur: '8a1f2c3e-4b5d-4e6f-9a01-000000000001',
  companyGbp: '8a1f2c3e-4b5d-4e6f-9a01-000000000002',
  aliceEur: '8a1f2c3e-4b5d-4e6f-9a01-000000000003',
  bobEur: '8a1f2c3e-4b5d-4e6f-9a01-000000000004',
} as const;

export const DEMO_CARD_IDS = {
  alicePlastic: '5e7d9c1b-2a3f-4d5e-8b01-000000000001',
  bobVirtual: '5e7d9c1b-2a3f-4d5e-8b01-000000000002',
  subscriptions: '5e7d9c1b-2a3f-4d5e-8b01-000000000003',
} as const;

export const DEMO_GROUP_IDS = { sales: '3c2b1a09-8f7e-4d6c-a5b4-000000000001', engineering: '3c2b1a09-8f7e-4d6c-a5b4-000000000002' } as const;

const CREATED = '2023-11-02T10:15:00Z';

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
const SERVICE_STATION = '5541';

export function createSoldoData(): SoldoData {
  const { alice, bob, clara } = DEMO_USER_IDS;
  const users = [
    user(alice, 'Alice', 'Schmidt', 'Sales Manager', 'EMP-0001', [DEMO_GROUP_IDS.sales]),
    user(bob, 'Bob', 'Meyer', 'Software Engineer', 'EMP-0002', [DEMO_GROUP_IDS.engineering]),
    user(clara, 'Clara', 'Weber', 'Finance Director', 'EMP-0003', []),
  ];
  const wallets: SoldoWallet[] = [
    wallet(DEMO_WALLET_IDS.companyEur, 'Company EUR', 'EUR', 25_000),
    wallet(DEMO_WALLET_IDS.companyGbp, 'Company GBP', 'GBP', 8_000),
    wallet(DEMO_WALLET_IDS.aliceEur, 'Alice Schmidt EUR', 'EUR', 350, users[0]),
    wallet(DEMO_WALLET_IDS.bobEur, 'Bob Meyer EUR', 'EUR', 120.5, users[1]),
  ];
  const cards: SoldoCard[] = [
    card(DEMO_CARD_IDS.alicePlastic, 'Alice travel card', '5171******0423', 'PLASTIC', wallets[2] as SoldoWallet, users[0]),
    card(DEMO_CARD_IDS.bobVirtual, 'Bob virtual card', '5171******1187', 'VIRTUAL', wallets[3] as SoldoWallet, users[1]),
    card(DEMO_CARD_IDS.subscriptions, 'Online subscriptions', '5171******7730', 'VIRTUAL', wallets[0] as SoldoWallet),
  ];
  const groups = [
    group(DEMO_GROUP_IDS.sales, 'Sales', 'DEPARTMENT', [alice], [DEMO_WALLET_IDS.aliceEur], [DEMO_CARD_IDS.alicePlastic]),
    group(DEMO_GROUP_IDS.engineering, 'Engineering', 'TEAM', [bob], [DEMO_WALLET_IDS.bobEur], [DEMO_CARD_IDS.bobVirtual]),
  ];
  const transactions = Array.from({ length: 60 }, (_, i) => transaction(i, cards[i % cards.length] as SoldoCard, wallets, users));
  return {
    whoami: {
      company_name: 'Demo Company Ltd (emulator)',
      scopes: [
        'company_read',
        'wallet_read',
        'wallet_write',
        'card_read',
        'card_write',
        'transaction_read',
        'transaction_write',
        'employee_read',
        'employee_write',
        'group_read',
        'group_write',
        'webhook_subscription_read',
        'webhook_subscription_write',
      ],
    },
    users,
    groups,
    wallets,
    cards,
    transactions,
    refuelings: transactions.filter((t) => t.merchant_category.mcc === SERVICE_STATION).map(refueling),
    cardRules: new Map(),
    collections: new Map(),
    presetWallets: new Map(),
    accessModes: new Map(),
  };
}

function user(id: string, name: string, surname: string, jobTitle: string, reference: string, groups: string[]): SoldoUser {
  return {
    id,
    name,
    surname,
    email: `${name.toLowerCase()}.${surname.toLowerCase()}@demo-company.example`,
    mobile: `15123456${id.slice(-3)}`,
    mobile_prefix: '+49',
    custom_reference_id: reference,
    job_title: jobTitle,
    status: 'ACTIVE',
    visible: true,
    mobile_access: true,
    web_access: true,
    groups,
    roles: [],
    creation_time: CREATED,
    last_update: CREATED,
    work_status: 'AVAILABLE',
  };
}

function group(id: string, name: string, type: string, members: string[], wallets: string[], cards: string[]): SoldoGroup {
  return { id, name, custom_reference_id: `GRP-${name.toUpperCase()}`, type, note: `${name} team`, members, wallets, cards, creation_time: CREATED, last_update: CREATED };
}

function wallet(id: string, name: string, currency: string, available: number, owner?: SoldoUser): SoldoWallet {
  return {
    id,
    name,
    currency_code: currency,
    available_amount: available,
    blocked_amount: 0,
    primary_user_type: owner === undefined ? 'company' : 'employee',
    ...(owner === undefined ? {} : { primary_user_public_id: owner.id, custom_reference_id: owner.custom_reference_id }),
    groups: owner?.groups ?? [],
    visible: true,
    creation_time: CREATED,
    last_update: CREATED,
  };
}

function card(id: string, name: string, pan: string, type: 'PLASTIC' | 'VIRTUAL', paidFrom: SoldoWallet, owner?: SoldoUser): SoldoCard {
  const holder = owner === undefined ? 'DEMO COMPANY LTD' : `${owner.name} ${owner.surname}`.toUpperCase();
  return {
    id,
    name,
    label: name,
    masked_pan: pan,
    card_holder: holder,
    creation_time: CREATED,
    last_update: CREATED,
    expiration_date: '2027-11-30T23:59:59Z',
    type,
    status: 'Normal',
    owner_type: owner === undefined ? 'company' : 'employee',
    ...(owner === undefined ? {} : { owner_public_id: owner.id }),
    wallet_id: paidFrom.id,
    currency_code: paidFrom.currency_code,
    ...(type === 'PLASTIC' ? { emboss_line4: holder } : {}),
    active: true,
    groups: owner?.groups ?? [],
    assignees: owner === undefined ? [] : [owner.id],
  };
}

/** The i-th transaction, one a day from 2 January 2024; every 10th a refund, the last five not yet settled. */
function transaction(i: number, paidWith: SoldoCard, wallets: readonly SoldoWallet[], users: readonly SoldoUser[]): SoldoTransaction {
  const merchant = MERCHANTS[i % MERCHANTS.length] as (typeof MERCHANTS)[number];
  const day = new Date(Date.UTC(2024, 0, 2 + i, 9, i % 60));
  const settled = i < 55;
  const refund = i % 10 === 9;
  const amount = (500 + ((i * 3779) % 24_000)) / 100; // One division, so the amount prints with two decimals.
  const owner = users.find((u) => u.id === paidWith.owner_public_id);
  const settlement = new Date(day.getTime() + 2 * 86_400_000).toISOString();
  return {
    id: `TRX-2024-${String(i + 1).padStart(6, '0')}`,
    wallet_id: paidWith.wallet_id,
    wallet_name: wallets.find((w) => w.id === paidWith.wallet_id)?.name ?? '',
    card_id: paidWith.id,
    masked_pan: paidWith.masked_pan,
    owner_type: paidWith.owner_type,
    ...(owner === undefined ? {} : { owner_id: owner.id, owner_name: owner.name, owner_surname: owner.surname }),
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
    ...(settled ? { settlement_date: settlement } : {}),
    update_time: settled ? settlement : day.toISOString(),
    merchant: { name: merchant.name, raw_name: `${merchant.name.toUpperCase()} BERLIN DE` },
    merchant_category: { mcc: merchant.mcc, description: merchant.description },
    tags: [],
  };
}

/** The fuel details of a service-station transaction. */
function refueling(t: SoldoTransaction): Resource {
  const litres = Math.round((t.tx_amount / 1.79) * 100) / 100;
  return {
    public_id: `RFL-${t.id.slice(-6)}`,
    transaction_id: t.id,
    card_id: t.card_id,
    tx_status: t.status,
    transaction_sign: t.transaction_sign,
    tx_amount: t.tx_amount,
    tx_amount_currency: t.tx_amount_currency,
    tx_date: t.date,
    ...(t.settlement_date === undefined ? {} : { tx_settlement_date: t.settlement_date }),
    update_time: t.update_time,
    tx_country: 'DEU',
    plate: 'B-SD 2024',
    vehicle_fuel_type: 'DIESEL',
    vat_deductibility_percentage: '100%',
    mileage: 42_000 + Number(t.id.slice(-3)) * 35,
    quantity: litres,
    unit_price: 1.79,
    tx_fuel_type: 'DIESEL',
    to_be_ignored: false,
  };
}
