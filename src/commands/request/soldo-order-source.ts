/**
 * `request soldo --order-source openapi`: the request signed in the order of the source chosen. The session signs every
 * Soldo call in the default order, and a header given by the caller replaces the one it computes, so the signature
 * headers made here travel as the caller's own. The body comes back with any request_timestamp the order needs, so
 * the session's signing finds it there and leaves the body as it is.
 */
import { headerValue, withHeaders } from '../../core/headers.js';
import type { OrderSource } from '../../providers/soldo/orders.js';
import { signSoldoRequest } from '../../providers/soldo/sign-request.js';
import type { RunContext } from '../../run-context.js';

export interface PresignedRequest {
  readonly headers: Record<string, string>;
  readonly body: string | Buffer | undefined;
}

export async function signInOrderOf(
  cx: RunContext,
  source: OrderSource,
  request: { method: string; pathname: string; query: URLSearchParams; headers: Record<string, string>; body: string | Buffer | undefined },
): Promise<PresignedRequest> {
  const { method, pathname, query, headers, body } = request;
  const credentials = await cx.provider('soldo').credentials();
  const text = body === undefined ? undefined : body.toString();
  const path = query.size === 0 ? pathname : `${pathname}?${query.toString()}`;
  const signed = await signSoldoRequest(credentials, { method, path, body: text, contentType: headerValue(headers, 'content-type') }, cx.now(), source);
  if (signed === undefined) return { headers, body };
  const contentType = headerValue(headers, 'content-type') ?? signed.contentType;
  return {
    headers: withHeaders(headers, { ...(contentType === undefined ? {} : { 'Content-Type': contentType }), ...signed.headers }),
    body: signed.body === text ? body : signed.body,
  };
}
