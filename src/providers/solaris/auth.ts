import type { HttpRequest } from '../../http/client.js';
import { FORM_CONTENT_TYPE, formBody } from '../oauth.js';

/** Client-credentials token: Basic auth, form body, `scope=partners` (providers.md §1). */
export function solarisTokenRequest(authUrl: string, clientId: string, clientSecret: string): HttpRequest {
  return {
    method: 'POST',
    url: `${authUrl}/oauth2/token`,
    headers: { 'Content-Type': FORM_CONTENT_TYPE, Accept: 'application/json' },
    body: formBody({ grant_type: 'client_credentials', scope: 'partners' }),
    basicAuth: { username: clientId, password: clientSecret },
    idempotent: true,
    secrets: [
      { value: clientId, envVar: 'FINTECH_CLI_SOLARIS_CLIENT_ID' },
      { value: clientSecret, envVar: 'FINTECH_CLI_SOLARIS_CLIENT_SECRET' },
    ],
  };
}
