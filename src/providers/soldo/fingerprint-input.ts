import type { Credentials } from '../../config/load-credentials.js';
import type { FingerprintInput } from '../../core/soldo/fingerprint.js';
import type { ResolvedRequest } from './operation.js';
import { requireFingerprintToken } from './signing.js';

/** How values enter the fingerprint where Soldo leaves it open (docs/soldo.md, section 10). */
export interface FingerprintFormat {
  /** Between the items of a list; default none. */
  listSeparator?: string;
  /** JSON numbers as sent (`10.50`, the default) or normalized (`10.5`). */
  numbers?: 'as-sent' | 'normalized';
  /** The instant of a request_timestamp the body lacks: one per run, so the fingerprint, its note and --expect agree. */
  now: number;
}

/** What the fingerprint of a resolved request is computed from: its body as sent, and the fingerprint token if its order names one. */
export async function fingerprintInput(request: ResolvedRequest, body: string | undefined, credentials: Credentials, format: FingerprintFormat): Promise<FingerprintInput> {
  const { order, pathParams, query } = request;
  // The four business-trip orders name no token: they need none.
  const token = order.order.includes('token') ? await requireFingerprintToken(credentials) : undefined;
  const { listSeparator, numbers, now } = format;
  const options = {
    ...(listSeparator === undefined ? {} : { listSeparator }),
    ...(numbers === 'normalized' ? { formatNumber: (text: string) => String(Number(text)) } : {}),
    now: () => now,
  };
  return { order, pathParams, query, body, token, options };
}
