import type { HttpRequest } from '../../http/client.js';
import { FORM_CONTENT_TYPE, formBody } from '../oauth.js';

/** Standard authentication: form body with the client credentials; `expires_in` comes back as a string. */
export function soldoTokenRequest(apiUrl: string, clientId: string, clientSecret: string): HttpRequest {
  return {
    method: 'POST',
    url: `${apiUrl}/oauth/authorize`,
    headers: { 'Content-Type': FORM_CONTENT_TYPE, Accept: 'application/json' },
    body: formBody({ client_id: clientId, client_secret: clientSecret }),
    idempotent: true,
    secrets: [
      { value: clientId, envVar: 'FINTECH_CLI_SOLDO_CLIENT_ID' },
      { value: clientSecret, envVar: 'FINTECH_CLI_SOLDO_CLIENT_SECRET' },
    ],
  };
}
