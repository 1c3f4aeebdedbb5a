import type { EmuRequest } from '../types.js';
import type { CardRules, Resource, SoldoCard, SoldoWallet } from './demo-data.js';
import { bodyFields, NO_CONTENT, ok, paginate, SoldoFailure } from './http.js';
import { badRequest, byId, cents, matches, newId, param, type OperationHandlers, type SoldoContext } from './store.js';

/** Wallets, cards and card rules: reads without a signature, changes signed; money moves between wallets. */
export function walletAndCardHandlers(ctx: SoldoContext): OperationHandlers {
  const { data } = ctx;
  const wallet = (id: string | undefined) => byId(data.wallets, 'Wallet', id);
  const card = (req: EmuRequest) => byId(data.cards, 'Card', param(req, 'cardId'));
  const touched = <T extends Resource>(item: T, field = 'last_update'): T => Object.assign(item, { [field]: ctx.now() });
  return {
    'who-am-i': () => ok(data.whoami),
    'wallet-search': (req) => ok(paginate(searchWallets(data.wallets, req.query), req.query)),
    'wallet-get': (req) => ok(wallet(param(req, 'walletId'))),
    'card-search': (req) => ok(paginate(searchCards(data.cards, req.query), req.query)),
    'card-get': (req) => ok(card(req)),

    'wallet-add': (req) => {
      const body = bodyFields(req);
      const created: SoldoWallet = {
        id: newId(),
        name: String(body.name),
        currency_code: String(body.currency),
        available_amount: 0,
        blocked_amount: 0,
        primary_user_type: 'company',
        groups: [],
        visible: true,
        creation_time: ctx.now(),
        last_update: ctx.now(),
      };
      data.wallets.push(created);
      return ok(order(ctx, created.id, 'WALLET', created.currency_code));
    },
    'wallet-internal-transfer': (req) => ok(internalTransfer(ctx, wallet(param(req, 'fromWalletId')), wallet(param(req, 'toWalletId')), bodyFields(req))),
    'wallet-auto-transfer-preset-set': (req) => {
      const walletIds = (bodyFields(req).walletIds ?? []) as string[];
      for (const id of walletIds) wallet(id);
      data.presetWallets.set(param(req, 'presetId'), walletIds);
      return NO_CONTENT;
    },

    'card-add': (req) => {
      const added = addCard(ctx, bodyFields(req));
      return ok(order(ctx, added.id, 'CARD', added.currency_code));
    },
    'card-update': (req) => {
      const body = bodyFields(req);
      const updated = card(req);
      if (typeof body.label === 'string') updated.label = body.label;
      for (const name of ['vehicle_id', 'shipping_address_id'] as const) if (typeof body[name] === 'string') updated[name] = body[name];
      const removed = new Set((body.removeCardAssignees ?? []) as string[]);
      updated.assignees = [...new Set([...updated.assignees, ...((body.addCardAssignees ?? []) as string[])])].filter((id) => !removed.has(id));
      return ok(touched(updated));
    },
    'card-wallet-switch': (req) => {
      const moved = card(req);
      const target = wallet(param(req, 'newWalletId'));
      if (target.currency_code !== moved.currency_code) {
        throw badRequest(`the card is in ${moved.currency_code}; wallet ${target.id} is in ${target.currency_code}`, 'CURRENCY_MISMATCH');
      }
      moved.wallet_id = target.id;
      return ok(touched(moved));
    },
    'card-rule-preset-set': (req) => {
      const ruled = card(req);
      ruled.preset_id = param(req, 'presetId');
      rulesOf(ctx, ruled.id).presetId = param(req, 'presetId');
      return NO_CONTENT;
    },
    'card-rules-set': (req) => {
      const body = bodyFields(req);
      const rules = rulesOf(ctx, card(req).id).rules;
      const rule = rules.find((r) => r.name === body.name);
      if (rule === undefined) rules.push({ name: String(body.name), enabled: body.enabled === true });
      else rule.enabled = body.enabled === true;
      return ok({ rules });
    },
    'card-rule-cashpoint-set': (req) => ok(setLimit(rulesOf(ctx, card(req).id).cashpoint, CASHPOINT_LIMITS, req, bodyFields(req))),
    'card-rule-cashpoint-unset': (req) => ok(setLimit(rulesOf(ctx, card(req).id).cashpoint, CASHPOINT_LIMITS, req, { enabled: false, max: 0 })),
    'card-rule-spending-limits-set': (req) => ok(setLimit(rulesOf(ctx, card(req).id).spendingLimits, SPENDING_LIMITS, req, bodyFields(req))),
    'card-rule-spending-limits-unset': (req) => ok(setLimit(rulesOf(ctx, card(req).id).spendingLimits, SPENDING_LIMITS, req, { enabled: false, max: 0 })),
    'card-rule-countries-set': (req) => {
      const rules = rulesOf(ctx, card(req).id);
      rules.countries = merged(rules.countries, (bodyFields(req).countries ?? []) as CardRules['countries'], 'code');
      return ok({ total: rules.countries.length, results: rules.countries });
    },
    'card-rule-merchant-categories-set': (req) => {
      const rules = rulesOf(ctx, card(req).id);
      rules.merchantCategories = merged(rules.merchantCategories, (bodyFields(req).merchant_categories ?? []) as CardRules['merchantCategories'], 'name');
      return ok({ total: rules.merchantCategories.length, results: rules.merchantCategories });
    },
  };
}

/** Soldo's answer to an order (a new wallet or card): completed at once on the emulator, nothing paid. */
export function order(ctx: SoldoContext, itemId: string, itemType: 'WALLET' | 'CARD', currency: string) {
  return {
    id: newId(),
    status: 'COMPLETED',
    creation_time: ctx.now(),
    last_update_time: ctx.now(),
    total_paid_amount: 0,
    total_paid_currency: currency,
    items: [{ id: itemId, item_type: itemType, category: itemType === 'CARD' ? 'CARD_ISSUE' : 'WALLET_OPENING' }],
    is_valid: true,
  };
}

/** A new card for an existing employee (or the company), paid from the given wallet or the owner's first one. */
export function addCard(ctx: SoldoContext, body: Record<string, unknown>, paymentMethod?: string): SoldoCard {
  const { data } = ctx;
  const employee = body.owner_type === 'employee';
  const owner = employee ? byId(data.users, 'User', String(body.owner_public_id)) : undefined;
  const paidFrom =
    typeof body.wallet_id === 'string'
      ? byId(data.wallets, 'Wallet', body.wallet_id)
      : (data.wallets.find((w) => owner !== undefined && w.primary_user_public_id === owner.id) ?? (data.wallets[0] as SoldoWallet));
  const type = String(body.type ?? 'VIRTUAL').replace(/_CHARGE$/, '');
  const holder = owner === undefined ? 'DEMO COMPANY LTD' : `${owner.name} ${owner.surname}`.toUpperCase();
  const created: SoldoCard = {
    id: newId(),
    name: String(body.name),
    label: typeof body.card_label === 'string' ? body.card_label : String(body.name),
    masked_pan: `5171******${String(1000 + data.cards.length * 37).slice(-4)}`,
    card_holder: holder,
    creation_time: ctx.now(),
    last_update: ctx.now(),
    expiration_date: `${Number(ctx.now().slice(0, 4)) + 4}-12-31T23:59:59Z`,
    type,
    status: 'Normal',
    owner_type: employee ? 'employee' : 'company',
    ...(owner === undefined ? {} : { owner_public_id: owner.id }),
    wallet_id: paidFrom.id,
    currency_code: paidFrom.currency_code,
    ...(type === 'PLASTIC' ? { emboss_line4: typeof body.emboss_line4 === 'string' ? body.emboss_line4 : holder } : {}),
    active: true,
    groups: [],
    assignees: owner === undefined ? [] : [owner.id],
    ...(paymentMethod === undefined ? {} : { payment_method: paymentMethod }),
  };
  data.cards.push(created);
  return created;
}

const AMOUNT = /^\d+(\.\d{1,2})?$/;

/** Moves `amount` between two wallets of the same currency. */
function internalTransfer(ctx: SoldoContext, from: SoldoWallet, to: SoldoWallet, body: Record<string, unknown>) {
  const amount = String(body.amount ?? '');
  const currency = String(body.currencyCode);
  if (!AMOUNT.test(amount) || Number(amount) <= 0) throw new SoldoFailure(400, 'INVALID_AMOUNT', 'amount must be a positive number with at most two decimals');
  if (from === to) throw badRequest('fromWalletId and toWalletId must differ');
  if (currency !== from.currency_code || currency !== to.currency_code) {
    throw badRequest(`currencyCode must be the currency of both wallets (${from.currency_code}, ${to.currency_code})`, 'CURRENCY_MISMATCH');
  }
  const moved = cents(Number(amount));
  if (moved > cents(from.available_amount)) throw badRequest(`wallet ${from.id} has ${from.available_amount} ${currency} available`, 'INSUFFICIENT_FUNDS');
  from.available_amount = (cents(from.available_amount) - moved) / 100;
  to.available_amount = (cents(to.available_amount) + moved) / 100;
  from.last_update = to.last_update = ctx.now();
  return { amount: moved / 100, currency, datetime: ctx.now(), from_wallet: from, to_wallet: to };
}

const RULE_NAMES = ['OpenCloseMasterLock', 'OpenClose', 'OpenCloseAfterOneTx', 'Online', 'Contactless'];
const CASHPOINT_LIMITS = ['daily', 'weekly', 'monthly', 'chipAndPin', 'magstripe'];
const SPENDING_LIMITS = ['daily', 'weekly', 'monthly', 'perTransaction'];

/** A card's rules: all open but the one-transaction lock, no limits, until an operation sets them. */
function rulesOf(ctx: SoldoContext, cardId: string): CardRules {
  let rules = ctx.data.cardRules.get(cardId);
  if (rules === undefined) {
    rules = {
      rules: RULE_NAMES.map((name) => ({ name, enabled: name !== 'OpenCloseAfterOneTx' })),
      cashpoint: {},
      spendingLimits: {},
      countries: [],
      merchantCategories: [],
    };
    ctx.data.cardRules.set(cardId, rules);
  }
  return rules;
}

/** Sets the limit the path names (`daily`, …) from `{enabled, max}`; Soldo answers it as `{enabled, amount}`. */
function setLimit(limits: CardRules['cashpoint'], names: readonly string[], req: EmuRequest, body: Record<string, unknown>) {
  const name = param(req, 'limitName');
  if (!names.includes(name)) throw badRequest(`limitName must be one of ${names.join(', ')}, not ${name}`);
  const limit = { enabled: body.enabled === true, amount: typeof body.max === 'number' ? body.max : 0 };
  limits[name] = limit;
  return limit;
}

/** `current` with each of `changes` replacing the entry of the same `key`. */
function merged<T extends Record<K, string>, K extends string>(current: readonly T[], changes: readonly T[], key: K): T[] {
  const changed = new Set(changes.map((change) => change[key]));
  return [...current.filter((entry) => !changed.has(entry[key])), ...changes];
}

/** wallet-search: `type` (the primary user's type) with `id` (that user), `customreferenceId`, `groupId`, `name`. */
function searchWallets(wallets: readonly SoldoWallet[], query: URLSearchParams): SoldoWallet[] {
  const name = query.get('name')?.toLowerCase();
  return wallets.filter(
    (w) =>
      matches(query, 'type', w.primary_user_type) &&
      matches(query, 'id', w.primary_user_public_id) &&
      matches(query, 'customreferenceId', w.custom_reference_id) &&
      (!query.get('groupId') || w.groups.includes(query.get('groupId') ?? '')) &&
      (!name || w.name.toLowerCase().includes(name)),
  );
}

/** The card-search `type`s that name what a card pays for. */
const PAID_FOR: Record<string, string> = { onlineAd: 'ONLINE_ADS', subscription: 'SUBSCRIPTION', purchase: 'PURCHASE' };

/** card-search: `type` (what the card is attached to) with `id` (that resource), `status`, `groupId`, `name`, `label`. */
function searchCards(cards: readonly SoldoCard[], query: URLSearchParams): SoldoCard[] {
  const type = query.get('type');
  const id = query.get('id');
  const attachedTo = (c: SoldoCard) => (type === 'wallet' ? c.wallet_id : type === 'employee' ? c.owner_public_id : undefined);
  const name = query.get('name')?.toLowerCase();
  const label = query.get('label')?.toLowerCase();
  return cards.filter(
    (c) =>
      (!type || type === 'wallet' || c.owner_type === type || c.payment_method === PAID_FOR[type]) &&
      (!id || attachedTo(c) === id) &&
      matches(query, 'status', c.status) &&
      (!query.get('groupId') || c.groups.includes(query.get('groupId') ?? '')) &&
      (!name || c.name.toLowerCase().includes(name)) &&
      (!label || c.label.toLowerCase().includes(label)),
  );
}
