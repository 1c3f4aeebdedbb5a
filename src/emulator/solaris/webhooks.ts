import { randomBytes } from 'node:crypto';
import { isLoopbackHostname } from '../../core/loopback.js';
import { SUBSCRIPTION_CHECK_EVENT } from '../../providers/solaris/events.js';
import { postOnce } from '../outbound.js';
import type { EmulatorEnv, EmuRequest, EmuResponse, Route } from '../types.js';
import type { Subscription } from './delivery-engine.js';
import { jsonObject, reject, requiredString } from './request-checks.js';

/** Webhook subscriptions in memory, in creation order; at most one per event type. */
export interface SubscriptionStore {
  add(eventType: string, url: string): Subscription;
  find(id: string): Subscription | undefined;
  forEventType(eventType: string): Subscription | undefined;
  all(): Subscription[];
  has(id: string): boolean;
  remove(id: string): boolean;
}

export function createSubscriptionStore(): SubscriptionStore {
  const subscriptions = new Map<string, Subscription>();
  return {
    add(eventType, url) {
      // 32 hex digits each, as in Solaris' documented example.
      const subscription = { id: randomBytes(16).toString('hex'), event_type: eventType, url, secret: randomBytes(16).toString('hex') };
      subscriptions.set(subscription.id, subscription);
      return subscription;
    },
    find: (id) => subscriptions.get(id),
    forEventType: (eventType) => [...subscriptions.values()].find((s) => s.event_type === eventType),
    all: () => [...subscriptions.values()],
    has: (id) => subscriptions.has(id),
    remove: (id) => subscriptions.delete(id),
  };
}

const CHECK_TIMEOUT_MS = 5_000;
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;

/** `/v1/webhooks` create, list, get and delete, below the API prefix `apiPrefix` (for the `link` header). */
export function webhookRoutes(env: EmulatorEnv, store: SubscriptionStore, options: { apiPrefix: string; signal: AbortSignal }): Route[] {
  return [
    { method: 'POST', path: '/v1/webhooks', handler: (req) => create(env, store, req, options.signal) },
    { method: 'GET', path: '/v1/webhooks', handler: (req) => list(store, req, options.apiPrefix) },
    { method: 'GET', path: '/v1/webhooks/:id', handler: (req) => ({ status: 200, body: shown(existing(store, req.params.id)) }) },
    {
      method: 'DELETE',
      path: '/v1/webhooks/:id',
      handler: (req) => {
        store.remove(existing(store, req.params.id).id);
        return { status: 204 };
      },
    },
  ];
}

async function create(env: EmulatorEnv, store: SubscriptionStore, req: EmuRequest, signal: AbortSignal): Promise<EmuResponse> {
  const body = jsonObject(req);
  const eventType = requiredString(body, 'event_type');
  const url = webhookUrl(requiredString(body, 'url'));
  assertNoSubscriptionFor(store, eventType);
  // Solaris calls the URL once before it accepts it; only a 2xx answer counts.
  const answer = await postOnce(url, Buffer.alloc(0), { 'Solaris-Webhook-Event-Type': SUBSCRIPTION_CHECK_EVENT }, { timeoutMs: CHECK_TIMEOUT_MS, signal });
  const ok = 'status' in answer && answer.status >= 200 && answer.status <= 299;
  env.log({ type: 'webhook_check', url: url.href, ...answer, ok });
  if (!ok) {
    const got = 'status' in answer ? `answered ${answer.status}` : `failed (${answer.error})`;
    reject(
      400,
      'invalid_webhook_url',
      `The check call to ${url.href} (POST with Solaris-Webhook-Event-Type: ${SUBSCRIPTION_CHECK_EVENT}) ${got}; the URL must answer 2xx within ${CHECK_TIMEOUT_MS / 1000} s.`,
      'url',
    );
  }
  assertNoSubscriptionFor(store, eventType); // another create may have won while the check call ran
  const subscription = store.add(eventType, url.href);
  return { status: 201, body: { ...subscription } };
}

/** One subscription per event type: 409, since the event type is taken (providers.md names no code; see docs/emulator.md). */
function assertNoSubscriptionFor(store: SubscriptionStore, eventType: string): void {
  const taken = store.forEventType(eventType);
  if (taken === undefined) return;
  reject(409, 'conflict', `A subscription for ${eventType} exists already (id ${taken.id}); subscriptions cannot be changed: delete it, then create a new one.`, 'event_type');
}

/** https, or plain http to a loopback host: an emulator-only allowance so local receivers need no certificate. */
function webhookUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    reject(400, 'validation_error', 'url must be an absolute https:// URL.', 'url');
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHostname(url.hostname))) return url;
  if (url.protocol !== 'http:') reject(400, 'validation_error', `url must be an https:// URL, not ${url.protocol}.`, 'url');
  return reject(
    400,
    'unsafe_webhook_url',
    'Solaris delivers webhooks only over HTTPS. (The emulator also accepts http:// to loopback hosts: 127.0.0.0/8, ::1, localhost.)',
    'url',
  );
}

function list(store: SubscriptionStore, req: EmuRequest, apiPrefix: string): EmuResponse {
  const number = pageParam(req.query, 'page[number]', 1, Number.MAX_SAFE_INTEGER);
  const size = pageParam(req.query, 'page[size]', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const all = store.all();
  const last = Math.max(1, Math.ceil(all.length / size));
  const pageUrl = (page: number) => {
    const query = new URLSearchParams({ 'page[number]': String(page), 'page[size]': String(size) });
    return `http://${req.headers.host ?? 'localhost'}${apiPrefix}${req.path}?${query.toString()}`;
  };
  const links: [string, number][] = [['first', 1]];
  if (number > 1) links.push(['prev', Math.min(number - 1, last)]);
  if (number < last) links.push(['next', number + 1]);
  links.push(['last', last]);
  return {
    status: 200,
    headers: {
      total: String(all.length),
      'per-page': String(size),
      link: links.map(([rel, page]) => `<${pageUrl(page)}>; rel="${rel}"`).join(', '),
    },
    body: all.slice((number - 1) * size, number * size).map(shown),
  };
}

/** A positive integer query parameter up to `max`, or `fallback` when absent. */
function pageParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const text = query.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) {
    reject(400, 'validation_error', `${name} must be a whole number from 1${max === MAX_PAGE_SIZE ? ` to ${max}` : ''} (got ${JSON.stringify(text)}).`, name);
  }
  return value;
}

function existing(store: SubscriptionStore, id: string | undefined): Subscription {
  const subscription = id === undefined ? undefined : store.find(id);
  if (subscription === undefined) reject(404, 'model_not_found', `No webhook subscription with id ${id ?? ''}.`);
  return subscription;
}

/** The secret is shown once, at creation; afterwards it is `null`. */
function shown(subscription: Subscription): Omit<Subscription, 'secret'> & { secret: null } {
  return { ...subscription, secret: null };
}
