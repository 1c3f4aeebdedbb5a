import { UsageError } from '../../errors.js';
import { DEFAULT_ORDER_SOURCE, findOrderById, matchOperation, orderUnder, searchOrders, soldoOrders, type OrderSource, type SoldoOrder } from './orders.js';

/** A request described on the command line: an operation id or a URL, and name=value parameters. */
export interface RequestTarget {
  readonly operationId?: string;
  readonly url?: string;
  readonly method?: string;
  /** Path parameters (by template name) and query fields, in the order given. */
  readonly params?: readonly (readonly [string, string])[];
}

export interface ResolvedRequest {
  readonly order: SoldoOrder;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Template parameters no value was given for (they contribute nothing to the fingerprint). */
  readonly missingPathParams: readonly string[];
}

/** Finds the operation and splits the values into path parameters and query fields. */
export function resolveRequest(target: RequestTarget): ResolvedRequest {
  if (target.operationId !== undefined) return byOperation(target.operationId, target);
  if (target.url !== undefined) return byUrl(target.url, target);
  throw new UsageError('Name the request: --url <URL> or --operation <id>.', {
    hint: 'List the operations with: fintech-cli soldo orders',
  });
}

/** The same, with the fingerprint order of `source` where Soldo's guide and its OpenAPI export disagree. */
export function resolveRequestUnder(target: RequestTarget, source: OrderSource = DEFAULT_ORDER_SOURCE): ResolvedRequest {
  const resolved = resolveRequest(target);
  return { ...resolved, order: orderUnder(resolved.order, source) };
}

function byOperation(operationId: string, { method, params = [] }: RequestTarget): ResolvedRequest {
  const order = findOrderById(operationId);
  if (order === undefined) {
    const similar = searchOrders(operationId.replace(/[-_]/g, ' ')).map((o) => o.operationId);
    throw new UsageError(`Unknown Soldo operation "${operationId}".`, {
      hint: similar.length > 0 && similar.length <= 5 ? `Did you mean: ${similar.join(', ')}?` : 'List them with: fintech-cli soldo orders',
    });
  }
  if (method !== undefined && method.toUpperCase() !== order.method) {
    throw new UsageError(`${operationId} is a ${order.method} operation, not ${method.toUpperCase()}.`, { hint: 'Drop --method.' });
  }
  const names = templateParams(order);
  const pathParams: Record<string, string> = {};
  const query = new URLSearchParams();
  for (const [name, value] of params) {
    if (names.includes(name)) pathParams[name] = value;
    else query.append(name, value);
  }
  return { order, pathParams, query, missingPathParams: names.filter((name) => !Object.hasOwn(pathParams, name)) };
}

function byUrl(url: string, { method, params = [] }: RequestTarget): ResolvedRequest {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://localhost');
  } catch {
    throw new UsageError(`"${url}" is not a URL.`, { hint: 'Give a URL or a path, e.g. --url /business/v2/transactions?fromDate=2024-01-01' });
  }
  const methods = method === undefined ? [...new Set(soldoOrders.map((o) => o.method))] : [method.toUpperCase()];
  const matches = methods.flatMap((m) => matchOperation(m, url) ?? []);
  const [match] = matches;
  if (match === undefined) {
    throw new UsageError(`No known Soldo operation${method === undefined ? '' : ` for ${method.toUpperCase()}`} at ${parsed.pathname}.`, {
      code: 'unknown_operation',
      hint: 'Find it with: fintech-cli soldo orders <word>, then use --operation <id> (operations without an order need no signature).',
    });
  }
  if (matches.length > 1) {
    const which = matches.map((m) => `${m.order.method} (${m.order.operationId})`).join(', ');
    throw new UsageError(`${parsed.pathname} matches ${which}.`, { hint: 'Choose one with --method.' });
  }
  const query = new URLSearchParams(parsed.search);
  for (const [name, value] of params) {
    if (Object.hasOwn(match.pathParams, name)) {
      throw new UsageError(`--param ${name}: ${name} is a path parameter, already ${JSON.stringify(match.pathParams[name])} in the URL.`, {
        hint: 'Change it in the URL instead.',
      });
    }
    query.append(name, value);
  }
  return { ...match, query, missingPathParams: [] };
}

function templateParams(order: SoldoOrder): string[] {
  return [...order.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
}
