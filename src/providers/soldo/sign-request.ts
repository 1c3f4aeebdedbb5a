/** Soldo's advanced authentication added to an outgoing request, for `request` and any other Soldo call that asks. */
import type { Credentials } from '../../config/load-credentials.js';
import { computeFingerprint, listRequestFields } from '../../core/soldo/fingerprint.js';
import { signFingerprint } from '../../core/soldo/signature.js';
import type { RequestToSign, SignedRequest } from '../descriptor.js';
import { DEFAULT_ORDER_SOURCE, matchOperation, orderSources, orderUnder, type OrderSource, type SoldoOrder } from './orders.js';
import { loadSigningKey, requireFingerprintToken } from './signing.js';

const TIMESTAMP = 'request_timestamp';

/**
 * The request with its two signature headers, or undefined for an operation without a fingerprint order (those need
 * none). The fingerprint is computed from the very body that is sent, after any request_timestamp is filled in, in
 * the order of the source `parts.variant` names (`guide`, the default, or `openapi`) where Soldo's sources disagree.
 */
export async function signSoldoRequest(credentials: Credentials, parts: RequestToSign, now: number): Promise<SignedRequest | undefined> {
  const match = matchOperation(parts.method, parts.path);
  if (match === undefined) return undefined;
  const { pathParams } = match;
  const order = orderUnder(match.order, orderSource(parts.variant));
  const query = parts.path.includes('?') ? parts.path.slice(parts.path.indexOf('?') + 1) : '';
  const request = { order, pathParams, query, body: parts.body, contentType: parts.contentType };
  const { body, contentType } = needsTimestamp(order) && sentTimestamp(request) === undefined ? withTimestamp(parts, now) : parts;
  // The four business-trip orders name no token: they need none.
  const token = order.order.includes('token') ? await requireFingerprintToken(credentials) : undefined;
  const signed = { ...request, body, contentType, token };
  const { fingerprint } = computeFingerprint(signed);
  const signature = signFingerprint(fingerprint, await loadSigningKey(credentials));
  return {
    body,
    contentType,
    headers: { 'X-Soldo-Fingerprint': fingerprint, 'X-Soldo-Fingerprint-Signature': signature },
    requestTimestamp: sentTimestamp(signed),
  };
}

function needsTimestamp(order: SoldoOrder): boolean {
  return order.order.includes(TIMESTAMP);
}

function sentTimestamp(request: Parameters<typeof listRequestFields>[0]): string | undefined {
  return listRequestFields(request).find((field) => field.name === TIMESTAMP)?.value;
}

/** Epoch milliseconds added in front of a JSON object's fields, or after a form's; no body becomes a JSON one. */
function withTimestamp(parts: RequestToSign, now: number): { body: string; contentType?: string } {
  const body = parts.body ?? '';
  if (body.trim() === '') return { body: `{"${TIMESTAMP}":${now}}`, contentType: parts.contentType ?? 'application/json' };
  if (body.trimStart().startsWith('{')) {
    const open = body.indexOf('{');
    const empty = body.slice(open + 1).trim() === '}';
    return { body: `${body.slice(0, open + 1)}"${TIMESTAMP}":${now}${empty ? '' : ','}${body.slice(open + 1)}`, contentType: parts.contentType };
  }
  return { body: `${body}&${TIMESTAMP}=${now}`, contentType: parts.contentType };
}

function orderSource(variant: string | undefined): OrderSource {
  if (variant === undefined) return DEFAULT_ORDER_SOURCE;
  const known = orderSources.find((source) => source === variant);
  if (known === undefined) throw new Error(`Unknown Soldo order source ${variant}`);
  return known;
}
