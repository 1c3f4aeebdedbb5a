/**
 * Any request to a provider, authorised the way that provider's own calls are: the session's call path (cached
 * token, one 401 refresh-and-retry, the provider's own headers and signatures) or, on a token endpoint, the client
 * credentials.
 */
import { replacedHeaders, withHeaders } from '../core/headers.js';
import type { UrlKind } from '../environments.js';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import { type ApiCall, tokenVariable } from './api-client.js';
import { requireBaseUrl } from './base-url.js';
import type { ProviderSession } from './session.js';
import { isTokenEndpoint, withClientCredentials } from './token-endpoints.js';

export interface RawRequest {
  method: string;
  service: UrlKind;
  /** Below the base URL, without the query string. */
  pathname: string;
  /** The user's own headers: each replaces the computed one of the same name. */
  headers: Record<string, string>;
  /** Sent byte for byte. */
  body?: string | Uint8Array;
  /** The Content-Type the CLI chose for the body (a user's Content-Type in `headers` wins). */
  contentType?: string;
  /** finAPI: with this user's token instead of the client's. */
  user?: string;
  /** Send it again after a failure even if it is not safe to repeat (`--retry-unsafe`). */
  retryUnsafe?: boolean;
  /** The signature rule's variant where the provider's sources disagree (`--order-source`). */
  signingVariant?: string;
  /** The most answer bytes to read (`--max-body`). */
  maxBodyBytes?: number;
}

export interface DescribedRequest {
  /** Exactly what would be sent; the access token is the `$VARIABLE` reference itself (no token was fetched). */
  request: HttpRequest;
  /** The `request_timestamp` a Soldo signature covers, if any. */
  requestTimestamp?: string;
}

export interface RequestSender {
  /** Builds the request for this query without any network traffic. */
  describe(query: URLSearchParams): Promise<DescribedRequest>;
  /** Sends it; every answer is returned, whatever its status. */
  send(query: URLSearchParams): Promise<HttpResponse>;
}

export async function rawRequestSender(session: ProviderSession, raw: RawRequest): Promise<RequestSender> {
  const credentials = await session.credentials();
  const provider = session.descriptor.id;
  const pathOf = (query: URLSearchParams) => (query.size === 0 ? raw.pathname : `${raw.pathname}?${query.toString()}`);

  if (isTokenEndpoint(provider, raw.service, raw.pathname)) {
    const computed: Record<string, string> = { Accept: 'application/json', ...(raw.contentType === undefined ? {} : { 'Content-Type': raw.contentType }) };
    const build = (query: URLSearchParams): Promise<HttpRequest> =>
      withClientCredentials(credentials, {
        method: raw.method,
        url: `${requireBaseUrl(credentials, raw.service)}${pathOf(query)}`,
        headers: withHeaders(computed, raw.headers),
        replacedHeaders: replacedHeaders(computed, raw.headers),
        body: raw.body,
        // Asking for a token (or revoking one) twice does no harm.
        idempotent: true,
        maxBodyBytes: raw.maxBodyBytes,
      });
    return {
      describe: async (query) => ({ request: await build(query) }),
      send: async (query) => session.send(await build(query)),
    };
  }

  const call = (query: URLSearchParams): ApiCall => ({
    method: raw.method,
    service: raw.service,
    path: pathOf(query),
    headers: raw.headers,
    body: raw.body,
    contentType: raw.contentType,
    user: raw.user,
    what: `${raw.method} ${raw.pathname}`,
    accept: 'any',
    sign: true,
    signingVariant: raw.signingVariant,
    retryUnsafe: raw.retryUnsafe,
    maxBodyBytes: raw.maxBodyBytes,
  });
  return {
    async describe(query) {
      const prepared = await session.prepare(call(query));
      return { request: prepared.authorize(`$${tokenVariable(provider)}`), requestTimestamp: prepared.requestTimestamp };
    },
    send: (query) => session.call(call(query)),
  };
}
