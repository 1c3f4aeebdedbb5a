import type { Resource, SoldoGroup, SoldoUser } from './demo-data.js';
import { bodyFields, NO_CONTENT, ok, paginate } from './http.js';
import { byId, collection, matches, newId, param, pick, type OperationHandlers, type SoldoContext } from './store.js';

/** Employees, their roles, access modes and out-of-office delegations; groups; contacts; addresses; resource sets; webhook subscriptions. */
export function peopleAndSettingsHandlers(ctx: SoldoContext): OperationHandlers {
  const { data } = ctx;
  const employee = (id: string | undefined) => byId(data.users, 'User', id);
  const created = (fields: Resource, times = ['creation_time', 'last_update']): Resource => ({
    id: newId(),
    ...fields,
    ...Object.fromEntries(times.map((name) => [name, ctx.now()])),
  });
  /** Adds a resource to `name`'s collection and answers it. */
  const add = (name: string, resource: Resource) => {
    collection(data, name).push(resource);
    return ok(resource);
  };
  /** Changes the resource `id` of `name`'s collection and answers it. */
  const update = (name: string, what: string, id: string, changes: Resource, stamp = 'last_update') =>
    ok(Object.assign(byId(collection(data, name), what, id), changes, { [stamp]: ctx.now() }));

  return {
    'user-search': (req) => ok(paginate(searchUsers(data.users, req.query), req.query)),
    'user-get': (req) => ok(employee(param(req, 'userId'))),
    'user-create': (req) => {
      const body = bodyFields(req);
      if (typeof body.reports_to === 'string') employee(body.reports_to);
      const user: SoldoUser = {
        id: `DEMO1234-${String(data.users.length + 1).padStart(6, '0')}`,
        name: String(body.name),
        surname: String(body.surname),
        email: typeof body.email === 'string' ? body.email : '',
        mobile: String(body.mobile),
        mobile_prefix: String(body.mobile_prefix),
        custom_reference_id: typeof body.custom_reference_id === 'string' ? body.custom_reference_id : '',
        job_title: typeof body.job_title === 'string' ? body.job_title : '',
        status: typeof body.status === 'string' ? body.status : 'ACTIVE',
        visible: true,
        mobile_access: body.mobile_access === true,
        web_access: body.web_access === true,
        groups: [],
        roles: [],
        creation_time: ctx.now(),
        last_update: ctx.now(),
        work_status: 'AVAILABLE',
        ...pick(body, ['middlename', 'reports_to']),
      };
      data.users.push(user);
      return ok(user);
    },
    'user-update': (req) => {
      const body = bodyFields(req);
      if (typeof body.reports_to === 'string') employee(body.reports_to);
      const renamed: Resource = {
        ...pick(body, ['job_title', 'mobile_prefix', 'email', 'custom_reference_id', 'reports_to']),
        ...(body.mobile_number === undefined ? {} : { mobile: body.mobile_number }),
        ...(body.enable_mobile_credential === undefined ? {} : { mobile_access: body.enable_mobile_credential }),
        ...(body.enable_web_credential === undefined ? {} : { web_access: body.enable_web_credential }),
      };
      return ok(Object.assign(employee(param(req, 'userId')), renamed, { last_update: ctx.now() }));
    },
    'user-status-update': (req) => ok(Object.assign(employee(param(req, 'userId')), { status: bodyFields(req).status, last_update: ctx.now() })),
    'user-role-set': (req) => {
      const user = employee(param(req, 'userId'));
      const role: Resource = { id: newId(), ...pick(bodyFields(req), ['name', 'description', 'scope']) };
      user.roles = [...user.roles.filter((r) => r.name !== role.name), role];
      return ok({ id: user.id, roles: user.roles });
    },
    'user-access-modes-update': (req) => {
      const user = employee(param(req, 'userId'));
      data.accessModes.set(user.id, (bodyFields(req).access_modes ?? []) as Resource[]);
      return NO_CONTENT;
    },

    'out-of-office-add': (req) => {
      const body = bodyFields(req);
      const delegator = employee(String(body.delegator_id));
      employee(String(body.delegate_id));
      const delegation = created(pick(body, ['delegator_id', 'delegate_id', 'from_date', 'to_date', 'features']), []);
      delegation.status = delegationStatus(delegation, ctx.now());
      if (delegation.status === 'ACTIVE') delegator.work_status = 'OUT_OF_OFFICE';
      return add('out-of-office', delegation);
    },
    'out-of-office-update': (req) => {
      const body = bodyFields(req);
      employee(String(body.delegate_id));
      const delegation = Object.assign(
        byId(collection(data, 'out-of-office'), 'Out-of-office delegation', param(req, 'out_of_office_id')),
        pick(body, ['delegate_id', 'from_date', 'to_date', 'features']),
      );
      delegation.status = delegationStatus(delegation, ctx.now());
      return ok(delegation);
    },

    'group-search': (req) => ok(paginate(searchGroups(data.groups, req.query), req.query)),
    'group-get': (req) => ok(byId(data.groups, 'Group', param(req, 'groupId'))),
    'group-resource-add': (req) => {
      const group = byId(data.groups, 'Group', param(req, 'groupId'));
      const { id, type } = bodyFields(req) as { id?: string; type?: string };
      const [items, list, what] =
        type === 'USER' ? [data.users, 'members', 'User'] : type === 'WALLET' ? [data.wallets, 'wallets', 'Wallet'] : [data.cards, 'cards', 'Card'];
      const resource = byId<Resource & { groups: string[] }>(items, what, id);
      const members = group[list as 'members' | 'wallets' | 'cards'];
      if (!members.includes(resource.id as string)) members.push(resource.id as string);
      if (!resource.groups.includes(group.id)) resource.groups.push(group.id);
      group.last_update = ctx.now();
      return NO_CONTENT;
    },

    'contact-add': (req) => {
      const body = bodyFields(req);
      if (typeof body.user_id === 'string') employee(body.user_id);
      const fields = pick(body, ['name', 'user_id', 'type', 'account_info', 'bic', 'country']);
      return add('contacts', created({ ...fields, payment_scheme: [body.country === 'GBR' ? 'FPS' : 'SEPA'], status: 'CREATED' }, ['creation_time', 'last_update_time']));
    },
    'contact-update': (req) =>
      update('contacts', 'Contact', param(req, 'contactId'), pick(bodyFields(req), ['type', 'user_id', 'account_info', 'status', 'name']), 'last_update_time'),

    'address-add': (req) => {
      const body = bodyFields(req);
      if (typeof body.user_id === 'string') employee(body.user_id);
      const fields = pick(body, [...ADDRESS_FIELDS, 'default_shipping', 'user_id']);
      return add('addresses', created({ ...fields, type: 'SHIPPING', category: body.user_id === undefined ? 'COMPANY' : 'USER' }));
    },
    'address-update': (req) => update('addresses', 'Address', param(req, 'addressId'), pick(bodyFields(req), ADDRESS_FIELDS)),

    'resource-set-add': (req) =>
      add('resource-sets', created(pick(bodyFields(req), ['name', 'description', 'configuration']), ['creation_time', 'last_update_time'])),
    'resource-set-update': (req) =>
      update('resource-sets', 'Resource set', param(req, 'id'), pick(bodyFields(req), ['name', 'description', 'configuration']), 'last_update_time'),

    'webhook-subscription-search': (req) => ok(paginate(searchSubscriptions(collection(data, 'webhook-subscriptions'), req.query), req.query)),
    'webhook-subscription-get': (req) => ok(byId(collection(data, 'webhook-subscriptions'), 'Webhook subscription', param(req, 'webhookSubscriptionsId'))),
    'webhook-subscription-add': (req) => add('webhook-subscriptions', created(pick(bodyFields(req), WEBHOOK_FIELDS), ['creation_date', 'last_update'])),
    'webhook-subscription-update': (req) => update('webhook-subscriptions', 'Webhook subscription', param(req, 'webhookSubscriptionId'), pick(bodyFields(req), WEBHOOK_FIELDS)),
    'webhook-subscription-delete': (req) => {
      const subscriptions = collection(data, 'webhook-subscriptions');
      subscriptions.splice(subscriptions.indexOf(byId(subscriptions, 'Webhook subscription', param(req, 'webhookSubscriptionId'))), 1);
      return NO_CONTENT;
    },
  };
}

const ADDRESS_FIELDS = ['recipient', 'name', 'line1', 'line2', 'country', 'county', 'city', 'post_code', 'delivery_phone_number'];
const WEBHOOK_FIELDS = ['webhook_url', 'enabled_events', 'description', 'active'];

/** SCHEDULED before `from_date`, EXPIRED after `to_date`, ACTIVE between (dates compare as ISO text). */
function delegationStatus(delegation: Resource, now: string): string {
  if (typeof delegation.from_date === 'string' && delegation.from_date > now) return 'SCHEDULED';
  if (typeof delegation.to_date === 'string' && delegation.to_date.slice(0, 10) < now.slice(0, 10)) return 'EXPIRED';
  return 'ACTIVE';
}

function searchUsers(users: readonly SoldoUser[], query: URLSearchParams): SoldoUser[] {
  const groupId = query.get('groupId');
  return users.filter(
    (u) =>
      ['name', 'surname', 'email', 'mobile', 'id', 'status'].every((field) => matches(query, field, u[field])) &&
      matches(query, 'customreferenceId', u.custom_reference_id) &&
      matches(query, 'jobTitle', u.job_title) &&
      (!groupId || u.groups.includes(groupId)),
  );
}

function searchGroups(groups: readonly SoldoGroup[], query: URLSearchParams): SoldoGroup[] {
  const text = query.get('text')?.toLowerCase();
  return groups.filter(
    (g) =>
      matches(query, 'customReferenceId', g.custom_reference_id) &&
      matches(query, 'type', g.type) &&
      matches(query, 'name', g.name) &&
      (!text || `${g.name} ${g.note}`.toLowerCase().includes(text)),
  );
}

function searchSubscriptions(subscriptions: readonly Resource[], query: URLSearchParams): Resource[] {
  return subscriptions.filter(
    (s) => matches(query, 'webhookUrl', s.webhook_url) && matches(query, 'active', s.active === undefined ? undefined : String(s.active)),
  );
}
