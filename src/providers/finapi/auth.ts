import { randomUUID } from 'node:crypto';
import { AuthError, type CliError } from '../../errors.js';
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

/** finAPI does not say which: an unknown user and a wrong password both answer `invalid_grant` (exit 4 either way). */
export function passwordRefused(user: string, error: CliError): AuthError {
  return new AuthError(error.message, {
    code: 'user_auth_failed',
    status: error.status,
    provider: 'finapi',
    hint: `finAPI user "${user}" does not exist or the password is wrong. Create the user with: fintech-cli finapi users create --id ${user} --password-stdin`,
  });
}

export function passwordNeeded(user: string, why = 'no refresh token is cached for it'): AuthError {
  return new AuthError(`A password is needed for finAPI user "${user}": ${why}.`, {
    code: 'password_required',
    provider: 'finapi',
    hint: `Pipe it in: printf %s "$PASSWORD" | fintech-cli auth token finapi --user ${user} --password-stdin`,
  });
}
