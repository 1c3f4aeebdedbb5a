import type { EmuRequest } from '../types.js';
import type { Resource } from './demo-data.js';
import { bodyFields, NO_CONTENT, ok } from './http.js';
import { byId, cents, collection, newId, param, pick, type OperationHandlers, type SoldoContext } from './store.js';
import { addCard, order } from './wallets-and-cards.js';

const DAY_MS = 86_400_000;

/**
 * Ways to spend: pre-approved purchases, subscriptions and online ads (each gets its own virtual card when activated),
 * requests for money, and business trips.
 */
export function spendingHandlers(ctx: SoldoContext): OperationHandlers {
  const { data } = ctx;
  const employee = (id: unknown) => byId(data.users, 'User', String(id));
  const wallet = (id: unknown) => byId(data.wallets, 'Wallet', String(id));
  const stamps = () => ({ creation_time: ctx.now(), last_update_time: ctx.now() });
  const add = (name: string, resource: Resource) => {
    collection(data, name).push(resource);
    return ok(resource);
  };
  const find = (name: string, what: string, req: EmuRequest, idParam: string) => byId(collection(data, name), what, param(req, idParam));
  const changed = (resource: Resource, changes: Resource) => ok(Object.assign(resource, changes, { last_update_time: ctx.now() }));
  /** The assignees, each an existing employee. */
  const assignees = (ids: unknown) => ((ids ?? []) as string[]).map((id) => employee(id).id);
  /** Gives `resource` its own virtual card, paying from its wallet for its first assignee, and answers the order. */
  const activate = (resource: Resource, paymentMethod: string) => {
    const [holder] = (resource.assignees ?? [resource.assignee_id]) as (string | undefined)[];
    const card = addCard(
      ctx,
      { type: 'VIRTUAL', name: String(resource.name ?? resource.title), wallet_id: resource.wallet_id, ...(holder === undefined ? {} : { owner_type: 'employee', owner_public_id: holder }) },
      paymentMethod,
    );
    Object.assign(resource, { status: 'ACTIVE', card_id: card.id, last_update_time: ctx.now() });
    return ok(order(ctx, card.id, 'CARD', card.currency_code));
  };
  /** A subscription or an online ad: assigned until activated, nothing spent yet. */
  const assignable = (body: Record<string, unknown>, fields: readonly string[]) => ({
    id: newId(),
    ...pick(body, fields),
    assignees: assignees(body.assignees),
    status: 'ASSIGNED',
    wallet_id: wallet(body.wallet_id).id,
    last_spent: 0,
    total_spent: 0,
    ...stamps(),
  });
  const addAssignees = (resource: Resource, body: Record<string, unknown>) =>
    changed(resource, { assignees: [...new Set([...(resource.assignees as string[]), ...assignees(body.add_assignees)])] });

  return {
    'pre-approved-spend-add': (req) => {
      const body = bodyFields(req);
      const paidFrom = wallet(body.wallet_id);
      const assignee = employee(body.assignee_id);
      return add('purchases', {
        id: newId(),
        status: 'ASSIGNED',
        ...pick(body, ['title', 'description', 'amount', 'notes', 'max_tx_number']),
        amount_currency: paidFrom.currency_code,
        wallet_id: paidFrom.id,
        wallet_name: paidFrom.name,
        has_attachments: false,
        assignee_id: assignee.id,
        assignee_custom_reference_id: assignee.custom_reference_id,
        expiration_date: new Date(Date.parse(ctx.now()) + 30 * DAY_MS).toISOString().slice(0, 10),
        transactions: [],
        ...stamps(),
      });
    },
    'pre-approved-spend-update': (req) => {
      const body = bodyFields(req);
      if (body.assignee_id !== undefined) employee(body.assignee_id);
      const paidFrom = body.wallet_id === undefined ? undefined : wallet(body.wallet_id);
      const purchase = find('purchases', 'Purchase', req, 'purchaseId');
      const fromWallet = paidFrom === undefined ? {} : { wallet_id: paidFrom.id, wallet_name: paidFrom.name, amount_currency: paidFrom.currency_code };
      return changed(purchase, { ...pick(body, ['title', 'assignee_id', 'amount', 'description', 'notes', 'max_tx_number']), ...fromWallet });
    },
    'pre-approved-spend-redeem': (req) => activate(find('purchases', 'Purchase', req, 'purchaseId'), 'PURCHASE'),

    'subscription-add': (req) => add('subscriptions', assignable(bodyFields(req), ['name', 'description', 'platform', 'payment_frequency'])),
    'subscription-activate': (req) => activate(find('subscriptions', 'Subscription', req, 'subscriptionId'), 'SUBSCRIPTION'),
    'subscription-update': (req) => {
      const body = bodyFields(req);
      if (body.wallet_id !== undefined) wallet(body.wallet_id);
      return changed(find('subscriptions', 'Subscription', req, 'subscriptionId'), pick(body, ['name', 'description', 'wallet_id', 'payment_frequency']));
    },
    'subscription-assignees-add': (req) => addAssignees(find('subscriptions', 'Subscription', req, 'subscriptionId'), bodyFields(req)),

    'online-ads-add': (req) => add('online-ads', assignable(bodyFields(req), ['name', 'description', 'platform'])),
    'online-ads-activate': (req) => activate(find('online-ads', 'Online ad', req, 'onlineAdId'), 'ONLINE_ADS'),
    'online-ads-update': (req) => {
      const body = bodyFields(req);
      if (body.wallet_id !== undefined) wallet(body.wallet_id);
      return changed(find('online-ads', 'Online ad', req, 'onlineAdId'), pick(body, ['name', 'description', 'wallet_id']));
    },
    'online-ads-assignees-add': (req) => addAssignees(find('online-ads', 'Online ad', req, 'onlineAdId'), bodyFields(req)),

    'request-add': (req) => {
      const body = bodyFields(req);
      employee(body.requester);
      const documents = (body.attachment_document_ids ?? []) as string[];
      return add('requests', {
        id: newId(),
        ...pick(body, ['type', 'name', 'requester', 'request_process_id', 'amount', 'currency', 'note']),
        ...(documents.length > 0 ? { attachment_document_ids: documents } : {}),
        status: 'PENDING',
        has_attachments: documents.length > 0,
        review_timeline: [],
        ...stamps(),
      });
    },
    'request-update': (req) => changed(find('requests', 'Request', req, 'requestId'), pick(bodyFields(req), ['name', 'description', 'note', 'type'])),

    'business-trip-get': (req) => ok(find('business-trips', 'Business trip', req, 'businessTripId')),
    'business-trip-add': (req) => {
      const body = bodyFields(req);
      employee(body.traveller_user_id);
      byId(data.cards, 'Card', String(body.traveller_card_id));
      const paidFrom = wallet(body.wallet_id);
      return add('business-trips', {
        id: newId(),
        ...pick(body, ['name', 'description', 'destination', 'traveller_user_id', 'traveller_card_id', 'money_transfer_mode', 'pre_action', 'post_action', 'tags']),
        ...tripDates(body),
        status: 'SCHEDULED',
        purchase_state: 'ASSIGNED',
        wallet_id: paidFrom.id,
        ...tripAmounts((body.expense_allocation ?? []) as Resource[], paidFrom.currency_code, 0),
        ...stamps(),
      });
    },
    'business-trip-complete-transfer': (req) => {
      const trip = find('business-trips', 'Business trip', req, 'businessTripId');
      changed(trip, { received_amount: trip.total_amount, scheduled_amount: 0 });
      return NO_CONTENT;
    },
    'business-trip-update-details': (req) => {
      const body = bodyFields(req);
      changed(find('business-trips', 'Business trip', req, 'businessTripId'), { ...pick(body, ['name', 'description', 'destination']), ...tripDates(body) });
      return NO_CONTENT;
    },
    'business-trip-update-expenses': (req) => {
      const trip = find('business-trips', 'Business trip', req, 'businessTripId');
      changed(trip, tripAmounts((bodyFields(req).expense_allocation ?? []) as Resource[], String(trip.total_amount_currency), Number(trip.received_amount)));
      return NO_CONTENT;
    },
  };
}

/** The request's `from_date`/`to_date` are the trip's `date_from`/`date_to`. */
function tripDates(body: Record<string, unknown>): Resource {
  return { ...(body.from_date === undefined ? {} : { date_from: body.from_date }), ...(body.to_date === undefined ? {} : { date_to: body.to_date }) };
}

/** The allocation and its total: what is scheduled is what has not been received yet. */
function tripAmounts(allocation: readonly Resource[], currency: string, received: number): Resource {
  const total = allocation.reduce((sum, expense) => sum + cents(Number(expense.amount)), 0) / 100;
  return {
    expense_allocation: allocation,
    total_amount: total,
    total_amount_currency: currency,
    received_amount: received,
    received_amount_currency: currency,
    scheduled_amount: Math.max(0, (cents(total) - cents(received)) / 100),
    scheduled_amount_currency: currency,
  };
}
