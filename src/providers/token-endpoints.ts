/**
 * The providers' OAuth endpoints (providers.md): they take form bodies and the client's own credentials, never a
 * Bearer token. `request` sends to them the way the token requests of `auth token` do.
 */
import type { Credentials } from '../config/credentials.js';
import { envVarName } from '../core/credentials.js';
import type { ProviderId, UrlKind } from '../environments.js';
import type { HttpRequest, SecretRef } from '../http/client.js';
import { formBody } from './oauth.js';

const endpoints: Record<ProviderId, { service: UrlKind; paths: readonly string[] }> = {
  solaris: { service: 'auth_url', paths: ['/oauth2/token'] },
  // Access v2 and v1 (and the integration guide's) token and revoke paths.
  finapi: { service: 'api_url', paths: ['/api/v2/oauth/token', '/oauth/token', '/api/v2/oauth/revoke', '/oauth/revoke'] },
  soldo: { service: 'api_url', paths: ['/oauth/authorize'] },
};

export function isTokenEndpoint(provider: ProviderId, service: UrlKind, pathname: string): boolean {
  const endpoint = endpoints[provider];
  return endpoint.service === service && endpoint.paths.includes(pathname.replace(/\/+$/, ''));
}

/**
 * Adds the client credentials as the provider expects them: Solaris in `Authorization: Basic`, finAPI and Soldo as
 * `client_id` and `client_secret` form fields (unless the body already has them).
 */
export async function withClientCredentials(credentials: Credentials, request: HttpRequest): Promise<HttpRequest> {
  const provider = credentials.provider;
  const clientId = await credentials.require('client_id');
  const clientSecret = await credentials.require('client_secret');
  const secrets = [...secretRefs(provider, 'client_id', clientId), ...secretRefs(provider, 'client_secret', clientSecret)];
  if (provider === 'solaris') return { ...request, basicAuth: { username: clientId, password: clientSecret }, secrets };
  const body = typeof request.body === 'string' ? request.body : '';
  const present = new URLSearchParams(body);
  const missing = formBody({
    client_id: present.has('client_id') ? undefined : clientId,
    client_secret: present.has('client_secret') ? undefined : clientSecret,
  });
  return { ...request, body: [body, missing].filter((part) => part !== '').join('&'), secrets };
}

/** A value appears form-encoded in the body: both spellings are secrets, so neither shows in `--curl` or traces. */
function secretRefs(provider: ProviderId, key: 'client_id' | 'client_secret', value: string): SecretRef[] {
  const envVar = envVarName(provider, key);
  const encoded = formBody({ v: value }).slice(2);
  return encoded === value ? [{ value, envVar }] : [{ value, envVar }, { value: encoded, envVar }];
}
