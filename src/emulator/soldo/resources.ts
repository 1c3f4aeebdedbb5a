import type { EmuRequest, EmuResponse, EmulatorEnv } from '../types.js';
import type { SoldoData, SoldoTransaction } from './demo-data.js';
import { notFound, ok, paginate, SoldoFailure } from './http.js';
import type { VerifiedRequest } from './request-verification.js';

/** The Soldo operations that answer with the demo company's data rather than with the echo of a verified request. */

export interface UnsignedResource {
  readonly method: string;
  readonly path: string;
  readonly handler: (req: EmuRequest) => EmuResponse;
}

export type SignedHandler = (req: EmuRequest, verified: VerifiedRequest) => EmuResponse;

/** Operations Soldo serves without a signature (no fingerprint order). */
export function unsignedResources(data: SoldoData): UnsignedResource[] {
  return [
    { method: 'GET', path: '/business/v2/ping/whoami', handler: () => ok(data.whoami) },
    { method: 'GET', path: '/business/v2/wallets', handler: (req) => ok(paginate(data.wallets, req.query)) },
    { method: 'GET', path: '/business/v2/wallets/:walletId', handler: (req) => ok(byId(data.wallets, 'Wallet', req.params.walletId)) },
    { method: 'GET', path: '/business/v2/cards', handler: (req) => ok(paginate(data.cards, req.query)) },
    { method: 'GET', path: '/business/v2/cards/:cardId', handler: (req) => ok(byId(data.cards, 'Card', req.params.cardId)) },
  ];
}

/** Signed operations with data, by operation id; the others echo what was verified. */
export function signedResources(env: EmulatorEnv, data: SoldoData): Record<string, SignedHandler> {
  return {
    'wallet-internal-transfer': (_req, verified) => ok(internalTransfer(env, data, verified)),
    'transaction-search': (req) => ok(paginate(searchTransactions(data.transactions, req.query), req.query)),
    'transaction-get': (_req, { pathParams }) => ok(byId(data.transactions, 'Transaction', pathParams.transactionId)),
  };
}

const AMOUNT = /^\d+(\.\d{1,2})?$/;

/** Moves `amount` between two wallets of the same currency; the values are those the fingerprint covered. */
function internalTransfer(env: EmulatorEnv, data: SoldoData, verified: VerifiedRequest) {
  const field = (name: string) => verified.rows.find((row) => row.field === name)?.value;
  const from = byId(data.wallets, 'Wallet', field('fromWalletId'));
  const to = byId(data.wallets, 'Wallet', field('toWalletId'));
  const amount = field('amount') ?? '';
  const currency = field('currencyCode');
  if (!AMOUNT.test(amount) || Number(amount) <= 0) throw new SoldoFailure(400, 'INVALID_AMOUNT', 'amount must be a positive number with at most two decimals');
  if (from === to) throw new SoldoFailure(400, 'BAD_REQUEST', 'fromWalletId and toWalletId must differ');
  if (currency !== from.currency_code || currency !== to.currency_code) {
    throw new SoldoFailure(400, 'CURRENCY_MISMATCH', `currencyCode must be the currency of both wallets (${from.currency_code}, ${to.currency_code})`);
  }
  // Whole cents, so that balances never pick up binary fractions.
  const cents = Math.round(Number(amount) * 100);
  const fromCents = Math.round(from.available_amount * 100);
  if (cents > fromCents) throw new SoldoFailure(400, 'INSUFFICIENT_FUNDS', `wallet ${from.id} has ${from.available_amount} ${currency} available`);
  from.available_amount = (fromCents - cents) / 100;
  to.available_amount = (Math.round(to.available_amount * 100) + cents) / 100;
  return { amount: cents / 100, currency, datetime: new Date(env.now()).toISOString(), from_wallet: from, to_wallet: to };
}

function byId<T extends { id: string }>(items: readonly T[], what: string, id: string | undefined): T {
  const item = items.find((candidate) => candidate.id === id);
  if (item === undefined) throw notFound(what, id ?? '');
  return item;
}

/** Which id `publicId` names, by `type`. */
const OWNER_FIELDS = { wallet: 'wallet_id', card: 'card_id', employee: 'owner_id' } as const;

/** The transaction-search filters: `type`+`publicId`, `fromDate`/`toDate` (by `dateType`), `category`, `status`, `text`. */
function searchTransactions(transactions: readonly SoldoTransaction[], query: URLSearchParams): SoldoTransaction[] {
  const type = query.get('type') || undefined;
  const publicId = query.get('publicId') || undefined;
  if ((type === undefined) !== (publicId === undefined)) throw new SoldoFailure(400, 'BAD_REQUEST', 'type and publicId go together');
  if (type !== undefined && !(type in OWNER_FIELDS)) {
    throw new SoldoFailure(400, 'BAD_REQUEST', `type must be one of ${Object.keys(OWNER_FIELDS).join(', ')}`);
  }
  const ownerField = type === undefined ? undefined : OWNER_FIELDS[type as keyof typeof OWNER_FIELDS];
  const dateType = query.get('dateType') || 'TRANSACTION';
  if (dateType !== 'TRANSACTION' && dateType !== 'SETTLEMENT') throw new SoldoFailure(400, 'BAD_REQUEST', 'dateType must be TRANSACTION or SETTLEMENT');
  const fromDate = query.get('fromDate') || undefined;
  const toDate = query.get('toDate') || undefined;
  const text = query.get('text')?.toLowerCase();
  return transactions.filter((t) => {
    const date = dateType === 'SETTLEMENT' ? t.settlement_date : t.date;
    // ISO strings compare as text; a bare date bound covers its whole day.
    const inRange =
      (fromDate === undefined || (date !== null && date.slice(0, fromDate.length) >= fromDate)) &&
      (toDate === undefined || (date !== null && date.slice(0, toDate.length) <= toDate));
    return (
      inRange &&
      (ownerField === undefined || t[ownerField] === publicId) &&
      matches(query.get('category'), t.category) &&
      matches(query.get('status'), t.status) &&
      (!text || t.merchant.name.toLowerCase().includes(text))
    );
  });
}

function matches(filter: string | null, value: string): boolean {
  return !filter || filter.toLowerCase() === value.toLowerCase();
}
