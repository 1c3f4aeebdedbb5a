import { nextPageNumber } from '../../core/pagination.js';
import { ApiError, CliError } from '../../errors.js';
import type { HttpResponse } from '../../http/client.js';
import type { ProviderSession } from '../session.js';

/** A webhook subscription (providers.md §1); `secret` is shown only in the answer to create. */
export interface Webhook {
  id: string;
  event_type: string;
  url: string;
  secret: string | null;
}

/** Solaris' `page[size]` maximum. */
export const MAX_PAGE_SIZE = 1000;

/**
 * `POST /v1/webhooks`. Solaris first calls the URL once; its two refusals get a hint in plain words, since their
 * own titles ("invalid webhook url") do not say what Solaris tried.
 */
export async function createWebhook(solaris: ProviderSession, eventType: string, url: string): Promise<Webhook> {
  try {
    const res = await solaris.call({ method: 'POST', path: '/v1/webhooks', json: { event_type: eventType, url }, what: 'creating the webhook' });
    return webhookFrom(res.json(), res);
  } catch (error) {
    throw explainRefusal(error, url);
  }
}

const refusalHints: Record<string, (url: string) => string> = {
  invalid_webhook_url: (url) =>
    `Before accepting a URL, Solaris POSTs an empty body with "Solaris-Webhook-Event-Type: WEBHOOK-SUBSCRIPTION" to it, and ` +
    `${url} did not answer 2xx. Make it publicly reachable and answer that call with 200 (fintech-cli webhooks listen does, behind a tunnel).`,
  unsafe_webhook_url: () =>
    'Solaris delivers only to https:// URLs with a valid certificate. Put an HTTPS tunnel (e.g. cloudflared, ngrok) in front of your receiver and give its https:// URL.',
};

function explainRefusal(error: unknown, url: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const hint = refusalHints[error.code];
  if (hint === undefined) return error;
  return new ApiError(error.message, { code: error.code, status: error.status, provider: error.provider, hint: hint(url), cause: error });
}

export interface ListOptions {
  pageSize: number;
}

/** `GET /v1/webhooks`, every page: follows `link` rel="next" and `total` when Solaris sends them. */
export async function listWebhooks(solaris: ProviderSession, { pageSize }: ListOptions): Promise<Webhook[]> {
  const all: Webhook[] = [];
  for (let number: number | undefined = 1; number !== undefined; ) {
    const query = new URLSearchParams({ 'page[number]': String(number), 'page[size]': String(pageSize) });
    const res = await solaris.call({ method: 'GET', path: `/v1/webhooks?${query.toString()}`, what: `listing webhooks (page ${number})` });
    const page = res.json();
    if (!Array.isArray(page)) throw unexpected(res, 'a JSON array');
    all.push(...page.map((item) => webhookFrom(item, res)));
    number = nextPageNumber({ number, size: pageSize, received: page.length, fetched: all.length, link: res.headers.link, total: res.headers.total });
  }
  return all;
}

export async function getWebhook(solaris: ProviderSession, id: string): Promise<Webhook> {
  const res = await solaris.call({ method: 'GET', path: `/v1/webhooks/${encodeURIComponent(id)}`, what: `getting webhook ${id}` });
  return webhookFrom(res.json(), res);
}

/** `DELETE /v1/webhooks/{id}`: notifications still queued for it are lost. */
export async function deleteWebhook(solaris: ProviderSession, id: string): Promise<void> {
  await solaris.call({ method: 'DELETE', path: `/v1/webhooks/${encodeURIComponent(id)}`, what: `deleting webhook ${id}` });
}

function webhookFrom(value: unknown, res: HttpResponse): Webhook {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const { id, event_type: eventType, url, secret } = record;
  if (typeof id !== 'string' || typeof eventType !== 'string' || typeof url !== 'string') throw unexpected(res, 'a webhook {id, event_type, url}');
  return { id, event_type: eventType, url, secret: typeof secret === 'string' ? secret : null };
}

function unexpected(res: HttpResponse, expected: string): CliError {
  return new ApiError(`Solaris answered ${res.status} with something other than ${expected}.`, {
    code: 'invalid_response',
    status: res.status,
    provider: 'solaris',
    hint: 'Run again with --verbose to see the answer.',
  });
}
