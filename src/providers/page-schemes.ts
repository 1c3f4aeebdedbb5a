/**
 * How each provider pages a list (providers.md), for `request --paginate`: Solaris with `page[number]` from 1, a
 * plain JSON array and `link`/`total` headers; Soldo with `p` from 0 and `{pages, current_page, results}`.
 */
import { nextPageNumber } from '../core/pagination.js';
import type { ProviderId } from '../environments.js';
import { ApiError } from '../errors.js';
import type { HttpResponse } from '../http/client.js';
import { descriptors } from './descriptors.js';

export interface Page {
  items: unknown[];
  /** The query of the next page; undefined after the last. */
  next?: URLSearchParams;
}

export interface PageScheme {
  /** The query of the first page: the user's own page, if they chose one. */
  first(query: URLSearchParams): URLSearchParams;
  /** `fetched`: items received on the pages before this one. */
  read(res: HttpResponse, query: URLSearchParams, fetched: number): Page;
}

/** Solaris' documented default `page[size]`. */
const SOLARIS_PAGE_SIZE = 10;

const solaris: PageScheme = {
  first: (query) => withParam(query, 'page[number]', query.get('page[number]') ?? '1'),
  read(res, query, fetched) {
    const items = res.json();
    if (!Array.isArray(items)) throw notAList('solaris', res, 'a JSON array');
    const number = Number(query.get('page[number]'));
    const size = Number(query.get('page[size]') ?? SOLARIS_PAGE_SIZE);
    const next = nextPageNumber({ number, size, received: items.length, fetched: fetched + items.length, link: res.headers.link, total: res.headers.total });
    return { items, next: next === undefined ? undefined : withParam(query, 'page[number]', String(next)) };
  },
};

const soldo: PageScheme = {
  first: (query) => withParam(query, 'p', query.get('p') ?? '0'),
  read(res, query) {
    const body = res.json<Record<string, unknown>>();
    const { results, pages, current_page: current } = typeof body === 'object' && body !== null ? body : {};
    if (!Array.isArray(results) || typeof pages !== 'number' || typeof current !== 'number') {
      throw notAList('soldo', res, '{pages, current_page, results}');
    }
    return { items: results, next: current + 1 < pages ? withParam(query, 'p', String(current + 1)) : undefined };
  },
};

/** finAPI has no scheme of its own here: its lists are not documented in providers.md. */
export const pageSchemes: Partial<Record<ProviderId, PageScheme>> = { solaris, soldo };

function withParam(query: URLSearchParams, name: string, value: string): URLSearchParams {
  const copy = new URLSearchParams(query);
  copy.set(name, value);
  return copy;
}

function notAList(provider: ProviderId, res: HttpResponse, expected: string): ApiError {
  return new ApiError(`${descriptors[provider].name} answered with something other than a page of a list (${expected}), so --paginate cannot follow it.`, {
    code: 'not_a_list',
    status: res.status,
    provider,
    hint: 'Run it without --paginate, or check that the path is a list.',
  });
}
