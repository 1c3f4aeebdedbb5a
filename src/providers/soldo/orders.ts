import data from './fingerprint-orders.json' with { type: 'json' };
import { orderSources, type OrderSource } from './order-sources.js';

export { DEFAULT_ORDER_SOURCE, orderSourceNames, orderSources, type OrderSource } from './order-sources.js';

/** One Soldo operation that needs advanced authentication, with the field order of its fingerprint. */
export interface SoldoOrder {
  readonly operationId: string;
  readonly method: string;
  /** The spec's path template, e.g. `/business/v2/wallets/internalTransfer/{fromWalletId}/{toWalletId}`. */
  readonly path: string;
  /** The request body's media type as the spec declares it (`application/x-www-form-urlencoded` for the internal transfer); undefined: no body. */
  readonly contentType?: string;
  /**
   * Field names (or `join(...)`, `concat(...)`, dotted expressions), `token` last where Soldo names it. Where the
   * sources disagree: the guide's relative order, with the fields only the export names (what `guide` means here).
   */
  readonly order: readonly string[];
  /** Where Soldo's sources disagree: each one's order as it states it. */
  readonly sources?: Readonly<Record<OrderSource, readonly string[]>>;
}

/** One of the orders an operation's fingerprint may follow, by source. */
export interface OrderVariant {
  readonly source: OrderSource;
  readonly order: readonly string[];
}

export interface OperationMatch {
  readonly order: SoldoOrder;
  /** Template parameters taken from the URL, percent-decoded. */
  readonly pathParams: Readonly<Record<string, string>>;
}

/** Every signed operation, each with its order under the default source (the guide). */
export const soldoOrders: readonly SoldoOrder[] = data.operations;

/** The operation with the order of `source`: the export's own where it disagrees with the guide, else the default. */
export function orderUnder(order: SoldoOrder, source: OrderSource): SoldoOrder {
  // From the shipped entry, so that an operation already under one source can be put under the other.
  const shipped = findOrderById(order.operationId) ?? order;
  const exported = shipped.sources?.openapi;
  return source === 'openapi' && exported !== undefined ? { ...shipped, order: exported } : shipped;
}

/**
 * The distinct orders the operation's fingerprint may follow, the default first: one for most operations, two where
 * the sources disagree. A server that wants to accept a client of either source checks each.
 */
export function orderVariants(order: SoldoOrder): readonly OrderVariant[] {
  const variants = orderSources.map((source) => ({ source, order: orderUnder(order, source).order }));
  return variants.filter((variant, i) => variants.findIndex((v) => v.order.join('\n') === variant.order.join('\n')) === i);
}

const API_PREFIX = ['business', 'v2'];

/** Templates split once, without the `/business/v2` prefix every Soldo path carries. */
const routes = soldoOrders.map((order) => ({ order, segments: splitPath(order.path).slice(API_PREFIX.length) }));

export function findOrderById(operationId: string): SoldoOrder | undefined {
  return soldoOrders.find((order) => order.operationId === operationId);
}

/**
 * Finds the operation a request goes to. `url` may be absolute or a path, with or without `/business/v2`
 * and with any base path before it (the emulator serves Soldo under `/soldo`). Without `/business/v2` the
 * template must match the end of the path, since the base path is unknown. The query string is ignored here:
 * the fingerprint takes it as `query`.
 */
export function matchOperation(method: string, url: string): OperationMatch | undefined {
  const segments = splitPath(pathOf(url));
  const prefixAt = segments.findIndex((segment, i) => segment === API_PREFIX[0] && segments[i + 1] === API_PREFIX[1]);
  const rest = prefixAt === -1 ? segments : segments.slice(prefixAt + API_PREFIX.length);
  const candidates = routes.filter(
    (route) =>
      route.order.method === method.toUpperCase() &&
      (prefixAt === -1 ? route.segments.length <= rest.length : route.segments.length === rest.length) &&
      route.segments.every((segment, i) => isParam(segment) || segment === rest[rest.length - route.segments.length + i]),
  );
  // The longest template wins (least left to a base path), then the one with a literal where the other has a parameter.
  const best = candidates.sort((a, b) => b.segments.length - a.segments.length || literalRank(a.segments, b.segments))[0];
  if (best === undefined) return undefined;
  const values = rest.slice(rest.length - best.segments.length);
  const pathParams: Record<string, string> = {};
  best.segments.forEach((segment, i) => {
    if (isParam(segment)) pathParams[segment.slice(1, -1)] = decodeSegment(values[i] ?? '');
  });
  return { order: best.order, pathParams };
}

/** Case-insensitive search over operation id, method, path and field names; every word must match. */
export function searchOrders(query: string): readonly SoldoOrder[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return soldoOrders.filter((order) => {
    const text = [order.operationId, order.method, order.path, ...order.order].join(' ').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

function pathOf(url: string): string {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(url)) return new URL(url).pathname;
  return url.split(/[?#]/, 1)[0] ?? '';
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

/** Negative when `a` has a literal at the first position where one of the two has a parameter. */
function literalRank(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const aParam = isParam(a[i] ?? '');
    if (aParam !== isParam(b[i] ?? '')) return aParam ? 1 : -1;
  }
  return 0;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // Not valid percent-encoding: Soldo receives it as written.
  }
}
