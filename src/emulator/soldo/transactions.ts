import type { EmuRequest, EmuResponse } from '../types.js';
import type { Resource, SoldoCard, SoldoData, SoldoTransaction } from './demo-data.js';
import { bodyFields, NO_CONTENT, ok, paginate } from './http.js';
import { badRequest, byId, cents, collection, param, pick, type OperationHandlers, type SoldoContext } from './store.js';

/** The reimbursement per kilometre where the request names none (the emulator's own figure). */
const DEFAULT_RATE_PER_KM = 0.3;

type Handler = (req: EmuRequest) => EmuResponse;

/** Card transactions and their fuel details, and the transactions a company records itself (mileage, out of platform). */
export function transactionHandlers(ctx: SoldoContext): OperationHandlers {
  const { data } = ctx;
  const transaction = (id: string) => byId(data.transactions, 'Transaction', id);
  const refuelingById = (id: string) => byId(data.refuelings, 'Refueling', id, 'public_id');
  /** Self-recorded transactions of one kind, by `transaction_id`. */
  const recorded = (kind: string, prefix: string, build: (body: Record<string, unknown>) => Resource): Record<'create' | 'get' | 'update' | 'delete', Handler> => {
    const items = collection(data, kind);
    const find = (id: string) => byId(items, 'Transaction', id, 'transaction_id');
    return {
      create: (req) => {
        const body = bodyFields(req);
        byId(data.users, 'User', String(body.owner_id));
        const created = { transaction_id: `${prefix}-${String(items.length + 1).padStart(6, '0')}`, owner_id: body.owner_id, ...build(body) };
        items.push(created);
        return ok(created);
      },
      get: (req) => ok(find(param(req, 'transactionId'))),
      update: (req) => ok(Object.assign(find(param(req, 'transactionId')), build(bodyFields(req)))),
      delete: (req) => {
        items.splice(items.indexOf(find(param(req, 'transactionId'))), 1);
        return NO_CONTENT;
      },
    };
  };
  const mileage = recorded('mileage-reimbursements', 'MIL', (body) => {
    const details = (body.mileage ?? {}) as Resource;
    const rate = typeof details.reimbursement_rate === 'number' ? details.reimbursement_rate : DEFAULT_RATE_PER_KM;
    const kilometres = Number(details.distance) * (details.round_trip === true ? 2 : 1);
    return { date: body.date, amount: cents(kilometres * rate) / 100, amount_currency: 'EUR', mileage: { ...details, reimbursement_rate: rate } };
  });
  const outOfPlatform = recorded('out-of-platform-transactions', 'OOP', (body) => {
    const rate = typeof body.exchange_rate === 'number' ? body.exchange_rate : 1;
    return {
      ...pick(body, ['date', 'merchant_name', 'tx_amount', 'tx_amount_currency', 'payment_method']),
      exchange_rate: rate,
      amount: cents(Number(body.tx_amount) * rate) / 100,
      amount_currency: 'EUR',
    };
  });
  return {
    'transaction-search': (req) => ok(paginate(searchTransactions(data, req.query), req.query)),
    'transaction-get': (req) => ok(transaction(param(req, 'transactionId'))),
    'transaction-update': (req) => {
      const body = bodyFields(req);
      if (typeof body.trx_owner_id === 'string') byId(data.users, 'User', body.trx_owner_id);
      return ok(Object.assign(transaction(param(req, 'transactionId')), pick(body, ['trx_owner_id', 'user_notes', 'invoice']), { update_time: ctx.now() }));
    },
    'mileage-reimbursement-transaction-create': mileage.create,
    'mileage-reimbursement-transaction-get': mileage.get,
    'mileage-reimbursement-transaction-update': mileage.update,
    'mileage-reimbursement-transaction-delete': mileage.delete,
    'out-of-platform-transaction-create': outOfPlatform.create,
    'out-of-platform-transaction-get': outOfPlatform.get,
    'out-of-platform-transaction-update': outOfPlatform.update,
    'out-of-platform-transaction-delete': outOfPlatform.delete,
    'refueling-search': (req) => ok(paginate(searchRefuelings(data, req.query), req.query)),
    'refueling-get': (req) => ok(refuelingById(param(req, 'refuelingId'))),
    'refueling-update': (req) =>
      ok(Object.assign(refuelingById(param(req, 'refuelingId')), pick(bodyFields(req), ['mileage', 'unit_price', 'tx_fuel_type', 'quantity']), { update_time: ctx.now() })),
  };
}

/** Which transactions a search `type` with its `publicId` names. */
function ownedBy(data: SoldoData, type: string, publicId: string): (t: SoldoTransaction) => boolean {
  const paidFor = { subscription: 'SUBSCRIPTION', onlineAd: 'ONLINE_ADS', purchase: 'PURCHASE' }[type];
  const cardIds = (keep: (c: SoldoCard) => boolean) => new Set(data.cards.filter(keep).map((c) => c.id));
  switch (type) {
    case 'company':
      return (t) => t.owner_type === 'company';
    case 'employee':
      return (t) => t.owner_id === publicId;
    case 'wallet':
      return (t) => t.wallet_id === publicId;
    case 'card':
      return (t) => t.card_id === publicId;
    default: {
      const cards = cardIds((c) => c.payment_method === paidFor && collection(data, resourceOf(type)).some((r) => r.id === publicId && r.card_id === c.id));
      return (t) => cards.has(t.card_id);
    }
  }
}

function resourceOf(type: string): string {
  return type === 'onlineAd' ? 'online-ads' : `${type}s`;
}

/** transaction-search: `type`+`publicId`, `fromDate`/`toDate` (by `dateType`), `category`, `status` (each may repeat), `text`. */
function searchTransactions(data: SoldoData, query: URLSearchParams): SoldoTransaction[] {
  const type = query.get('type') || undefined;
  const publicId = query.get('publicId') || undefined;
  if (type !== undefined && type !== 'company' && publicId === undefined) throw badRequest(`type ${type} needs a publicId`);
  if (type === undefined && publicId !== undefined) throw badRequest('publicId needs a type');
  const owned = type === undefined ? () => true : ownedBy(data, type, publicId ?? '');
  const text = query.get('text')?.toLowerCase();
  const dateOf = dateField(query.get('dateType'), { SETTLEMENT: 'settlement_date', UPDATE: 'update_time' }, 'date');
  return data.transactions.filter(
    (t) =>
      owned(t) &&
      inRange(t[dateOf] as string | undefined, query) &&
      oneOf(query, 'category', t.category) &&
      oneOf(query, 'status', t.status) &&
      (!text || t.merchant.name.toLowerCase().includes(text)),
  );
}

/** refueling-search: `type` (`transaction`, `card`, `vehicle`) with `publicId`, dates by `dateType`, `txStatus`, `txFuelType`, `txCountry`. */
function searchRefuelings(data: SoldoData, query: URLSearchParams): Resource[] {
  const type = query.get('type');
  const publicId = query.get('publicId');
  const key = type === 'transaction' ? 'transaction_id' : type === 'card' ? 'card_id' : 'vehicle_id';
  const dateOf = dateField(query.get('dateType'), { SETTLEMENT: 'tx_settlement_date', UPDATE: 'update_time' }, 'tx_date');
  return data.refuelings.filter(
    (r) =>
      (!type || !publicId || r[key] === publicId) &&
      inRange(r[dateOf] as string | undefined, query) &&
      oneOf(query, 'txStatus', r.tx_status) &&
      oneOf(query, 'txFuelType', r.tx_fuel_type) &&
      oneOf(query, 'txCountry', r.tx_country),
  );
}

function dateField(dateType: string | null, fields: Record<string, string>, otherwise: string): string {
  return fields[dateType ?? ''] ?? otherwise;
}

/** `fromDate` ≤ date ≤ `toDate`; ISO strings compare as text, and a bare date bound covers its whole day. */
function inRange(date: string | undefined, query: URLSearchParams): boolean {
  const from = query.get('fromDate') || undefined;
  const to = query.get('toDate') || undefined;
  if (from === undefined && to === undefined) return true;
  return date !== undefined && (from === undefined || date.slice(0, from.length) >= from) && (to === undefined || date.slice(0, to.length) <= to);
}

/** No filter, or the value among the query's (case-insensitive; `name` may repeat, also as `name[]`). */
function oneOf(query: URLSearchParams, name: string, value: unknown): boolean {
  const wanted = [...query.getAll(name), ...query.getAll(`${name}[]`)].filter(Boolean).map((v) => v.toLowerCase());
  return wanted.length === 0 || wanted.includes(String(value).toLowerCase());
}
