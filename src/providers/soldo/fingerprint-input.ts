import type { Credentials } from '../../config/load-credentials.js';
import type { FingerprintInput } from '../../core/soldo/fingerprint.js';
import type { ResolvedRequest } from './operation.js';
import type { SoldoOrder } from './orders.js';
import { requireFingerprintToken } from './signing.js';

/** How values enter the fingerprint where Soldo leaves it open (docs/soldo.md, section 10). */
export interface FingerprintFormat {
  /** Between the items of a list; default none. */
  listSeparator?: string;
  /** JSON numbers as sent (`10.50`, the default) or normalized (`10.5`). */
  numbers?: 'as-sent' | 'normalized';
  /** JSON booleans as `true`/`false` (the default) or as PHP writes them: `1`, and nothing for false. */
  booleans?: 'true-false' | 'php';
  /** Append the fingerprint token to the orders that do not name it (the four business-trip operations). */
  alwaysToken?: boolean;
  /** The instant of a request_timestamp the body lacks: one per run, so the fingerprint, its note and --expect agree. */
  now: number;
}

/** What the fingerprint of a resolved request is computed from: its body as sent, and the fingerprint token if its order names one. */
export async function fingerprintInput(request: ResolvedRequest, body: string | undefined, credentials: Credentials, format: FingerprintFormat): Promise<FingerprintInput> {
  // The four business-trip orders name no token: they need none, unless asked to append it.
  const token = namesToken(orderOf(request, format)) ? await requireFingerprintToken(credentials) : undefined;
  return fingerprintInputWith(request, body, token, format);
}

/** The same, with the fingerprint token given (the library's callers pass it; a command reads it from the credentials). */
export function fingerprintInputWith(request: ResolvedRequest, body: string | undefined, token: string | undefined, format: FingerprintFormat): FingerprintInput {
  const { pathParams, query } = request;
  const { listSeparator, numbers, booleans, now } = format;
  const order = orderOf(request, format);
  const options = {
    ...(listSeparator === undefined ? {} : { listSeparator }),
    ...(numbers === 'normalized' ? { formatNumber: (text: string) => String(Number(text)) } : {}),
    ...(booleans === 'php' ? { formatBoolean: (value: boolean) => (value ? '1' : '') } : {}),
    now: () => now,
  };
  return { order, pathParams, query, body, token: namesToken(order) ? token : undefined, options };
}

function orderOf(request: ResolvedRequest, { alwaysToken }: FingerprintFormat): SoldoOrder {
  return namesToken(request.order) || alwaysToken !== true ? request.order : { ...request.order, order: [...request.order.order, 'token'] };
}

function namesToken(order: SoldoOrder): boolean {
  return order.order.includes('token');
}
