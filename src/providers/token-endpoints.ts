/**
 * The providers' OAuth endpoints (the descriptors' `token`): they take form bodies and the client's own credentials,
 * never a Bearer token. `request` sends to them the way the token requests of `auth token` do.
 */
import type { Credentials } from '../config/load-credentials.js';
import { envVarName } from '../core/credentials.js';
import { headerValue } from '../core/headers.js';
import type { ProviderId, UrlKind } from '../environments.js';
import type { HttpRequest, SecretRef } from '../http/client.js';
import { descriptors } from './descriptors.js';
import { formBody } from './oauth.js';

export function isTokenEndpoint(provider: ProviderId, service: UrlKind, pathname: string): boolean {
  const { token } = descriptors[provider];
  return token.service === service && token.paths.includes(pathname.replace(/\/+$/, ''));
}

/**
 * Adds the client credentials as the provider expects them (its descriptor's `token.clientAuth`): in
 * `Authorization: Basic`, or as `client_id` and `client_secret` form fields (unless the body already has them).
 */
export async function withClientCredentials(credentials: Credentials, request: HttpRequest): Promise<HttpRequest> {
  const provider = credentials.provider;
  const clientId = await credentials.require('client_id');
  const clientSecret = await credentials.require('client_secret');
  const secrets = [...secretRefs(provider, 'client_id', clientId), ...secretRefs(provider, 'client_secret', clientSecret)];
  if (descriptors[provider].token.clientAuth === 'basic') {
    // An Authorization header the caller gave (`request -H`) is sent instead of the computed one.
    if (headerValue(request.headers ?? {}, 'authorization') !== undefined) {
      return { ...request, secrets, replacedHeaders: [...(request.replacedHeaders ?? []), 'Authorization'] };
    }
    return { ...request, basicAuth: { username: clientId, password: clientSecret }, secrets };
  }
  const body = request.body ?? '';
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const present = new URLSearchParams(text);
  const missing = formBody({
    client_id: present.has('client_id') ? undefined : clientId,
    client_secret: present.has('client_secret') ? undefined : clientSecret,
  });
  if (missing === '') return { ...request, secrets };
  // Appended to the body's own bytes, which are sent as given.
  const tail = `${text === '' ? '' : '&'}${missing}`;
  return { ...request, body: typeof body === 'string' ? body + tail : Buffer.concat([body, Buffer.from(tail)]), secrets };
}

/** A value appears form-encoded in the body: both spellings are secrets, so neither shows in `--curl` or traces. */
function secretRefs(provider: ProviderId, key: 'client_id' | 'client_secret', value: string): SecretRef[] {
  const envVar = envVarName(provider, key);
  const encoded = formBody({ v: value }).slice(2);
  return encoded === value ? [{ value, envVar }] : [{ value, envVar }, { value: encoded, envVar }];
}
