import { randomUUID } from 'node:crypto';
import type { HttpRequest } from '../../http/client.js';
import { FORM_CONTENT_TYPE, formBody } from '../oauth.js';

export type FinapiGrant =
  | { type: 'client_credentials' }
  | { type: 'password'; username: string; password: string }
  | { type: 'refresh_token'; refreshToken: string };

/** Access token request: form-encoded body, never the query string (providers.md §2). */
export function finapiTokenRequest(apiUrl: string, clientId: string, clientSecret: string, grant: FinapiGrant): HttpRequest {
  const secrets = [
    { value: clientId, envVar: 'FINTECH_CLI_FINAPI_CLIENT_ID' },
    { value: clientSecret, envVar: 'FINTECH_CLI_FINAPI_CLIENT_SECRET' },
  ];
  const fields: Record<string, string> = { grant_type: grant.type, client_id: clientId, client_secret: clientSecret };
  if (grant.type === 'password') {
    fields.username = grant.username;
    fields.password = grant.password;
    secrets.push({ value: grant.password, envVar: 'FINTECH_CLI_FINAPI_PASSWORD' });
  } else if (grant.type === 'refresh_token') {
    fields.refresh_token = grant.refreshToken;
    secrets.push({ value: grant.refreshToken, envVar: 'FINTECH_CLI_FINAPI_REFRESH_TOKEN' });
  }
  return {
    method: 'POST',
    url: `${apiUrl}/api/v2/oauth/token`,
    headers: { 'Content-Type': FORM_CONTENT_TYPE, Accept: 'application/json', 'X-Request-Id': randomUUID() },
    body: formBody(fields),
    idempotent: true,
    secrets,
  };
}
