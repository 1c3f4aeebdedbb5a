import { forwardableHeaders, type RecordedRequest } from '../../core/http-message.js';
import type { HttpClient, HttpResponse } from '../../http/client.js';

/**
 * Sends a received notification on to `url` (`webhooks listen --forward-to`, `webhooks replay`): the same method,
 * headers (less those of the hop) and body bytes. `headers` overrides some, e.g. a new signature.
 */
export function relayRequest(
  http: Pick<HttpClient, 'send'>,
  url: string,
  request: Pick<RecordedRequest, 'method' | 'headers' | 'body'>,
  headers: Record<string, string> = {},
): Promise<HttpResponse> {
  const sent = forwardableHeaders(request.headers);
  for (const name of Object.keys(headers)) {
    for (const existing of Object.keys(sent)) if (existing.toLowerCase() === name.toLowerCase()) delete sent[existing];
  }
  // A listener forwards for hours: each notification gets the whole --timeout, not what is left of the command's.
  return http.send({ method: request.method, url, headers: { ...sent, ...headers }, body: request.body, idempotent: false, ownDeadline: true });
}
