import { demoCredentials } from '../../providers/demo-credentials.js';
import { FORM_CONTENT_TYPE } from '../../providers/oauth.js';
import { bearerToken } from '../bearer.js';
import type { EmulatorEnv, EmuRequest, EmuResponse, Route } from '../types.js';
import { reject } from './request-checks.js';

/**
 * `POST /oauth2/token` of the Solaris auth service. Its errors are OAuth's `{error, error_description}` (RFC 6749
 * §5.2), as an OAuth server at this path answers, not the API's `{errors:[…]}`.
 */
export function tokenRoute(env: EmulatorEnv): Route {
  return { method: 'POST', path: '/oauth2/token', handler: (req) => issueToken(env, req) };
}

function issueToken(env: EmulatorEnv, req: EmuRequest): EmuResponse {
  const type = req.headers['content-type'];
  if (type?.trim().toLowerCase() !== FORM_CONTENT_TYPE) {
    return oauthError(400, 'invalid_request', `Content-Type must be exactly ${FORM_CONTENT_TYPE}, with no "; charset=…" parameter (got ${type ?? 'none'}).`);
  }
  const client = basicCredentials(req.headers.authorization);
  if (client === undefined) {
    return oauthError(401, 'invalid_client', 'Authenticate the client with HTTP Basic: Authorization: Basic base64(client_id:client_secret).');
  }
  const demo = demoCredentials.solaris;
  if (client.id !== demo.client_id || client.secret !== demo.client_secret) {
    return oauthError(401, 'invalid_client', 'Unknown client id or wrong client secret (the emulator knows only its demo credentials).');
  }
  const form = new URLSearchParams(req.rawBody.toString('utf8'));
  const grant = form.get('grant_type');
  if (grant === null || grant === '') return oauthError(400, 'invalid_request', 'grant_type is required: send grant_type=client_credentials.');
  if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `Only grant_type=client_credentials is supported, not ${grant}.`);
  const scope = form.get('scope');
  if (scope !== 'partners') {
    return oauthError(400, 'invalid_scope', scope === null || scope === '' ? 'scope is required: send scope=partners.' : `Unknown scope ${scope}: send scope=partners.`);
  }
  const token = env.tokens.issue('solaris', client.id, { scope });
  return {
    status: 201,
    headers: { 'Cache-Control': 'no-store' },
    body: { access_token: token.token, expires_in: Math.round((token.expiresAt - env.now()) / 1000), scope, token_type: 'bearer' },
  };
}

/** The caller's token, or a 401 in Solaris' format: `token_required` without one, `invalid_token` for a bad or expired one. */
export function requireBearer(env: EmulatorEnv, req: EmuRequest): void {
  const value = bearerToken(req);
  if (value === undefined) {
    const inUrl = req.query.has('access_token') ? ' A token in the URL is not accepted.' : '';
    reject(401, 'token_required', `This call needs an access token in the header Authorization: Bearer <token>.${inUrl}`);
  }
  const lookup = env.tokens.find('solaris', value);
  if (lookup.status === 'expired') reject(401, 'invalid_token', 'The access token has expired: request a new one.');
  if (lookup.status === 'unknown') reject(401, 'invalid_token', 'The access token was not issued by this emulator (or it was restarted): request a new one.');
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function oauthError(status: number, error: string, description: string): EmuResponse {
  return {
    status,
    headers: status === 401 ? { 'WWW-Authenticate': 'Basic realm="solaris"', 'Cache-Control': 'no-store' } : { 'Cache-Control': 'no-store' },
    body: { error, error_description: description },
  };
}
