import { randomBytes, randomUUID } from 'node:crypto';
import { demoCredentials } from '../../providers/demo-credentials.js';
import type { EmuRequest, EmulatorEnv, IssuedToken, Route } from '../types.js';
import { FinapiFailure, finapiRoute, jsonObject, OAuthFailure, optionalBoolean, optionalString } from './http.js';
import type { FinapiState, FinapiUser } from './state.js';

/** finAPI Access: the token endpoint (v2 and v1 paths) and the authorised user. */
export function accessRoutes(env: EmulatorEnv, state: FinapiState): Route[] {
  const token = (req: EmuRequest) => tokenAnswer(state, req);
  return [
    finapiRoute(env, 'POST', '/api/v2/oauth/token', token),
    finapiRoute(env, 'POST', '/oauth/token', token),
    finapiRoute(env, 'POST', '/api/v2/users', (req) => ({ status: 201, body: userBody(createUser(state, req), true) })),
    finapiRoute(env, 'GET', '/api/v2/users', (req) => ({ status: 200, body: userBody(authorisedUser(state, req), false) })),
    finapiRoute(env, 'DELETE', '/api/v2/users', (req) => {
      state.deleteUser(authorisedUser(state, req));
      return { status: 204 };
    }),
  ];
}

/** Names that carry credentials or the grant: finAPI wants them in the form body, never in the URL. */
const TOKEN_FIELDS = ['grant_type', 'client_id', 'client_secret', 'username', 'password', 'refresh_token'];

function tokenAnswer(state: FinapiState, req: EmuRequest) {
  const misplaced = TOKEN_FIELDS.filter((name) => req.query.has(name));
  if (misplaced.length > 0) {
    throw new OAuthFailure(400, 'invalid_request', `${misplaced.join(', ')} must be sent in the form-encoded request body, not in the query string.`);
  }
  if (!String(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new OAuthFailure(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(req.rawBody.toString('utf8'));
  const grant = form.get('grant_type');
  if (!grant) throw new OAuthFailure(400, 'invalid_request', 'Missing grant type');
  const client = demoCredentials.finapi;
  if (form.get('client_id') !== client.client_id || form.get('client_secret') !== client.client_secret) {
    throw new OAuthFailure(401, 'invalid_client', 'Bad client credentials');
  }
  switch (grant) {
    case 'client_credentials':
      return tokenResponse(state, state.issue({ kind: 'client' }, { reuse: true }));
    case 'password': {
      const user = state.users.get(form.get('username') ?? '');
      if (user === undefined || user.password !== form.get('password')) throw new OAuthFailure(400, 'invalid_grant', 'Bad credentials');
      return tokenResponse(state, state.issue({ kind: 'user', user }, { reuse: true }), refreshTokenFor(state, user));
    }
    case 'refresh_token': {
      const user = state.refreshTokens.get(form.get('refresh_token') ?? '');
      if (user === undefined) throw new OAuthFailure(400, 'invalid_grant', 'Invalid refresh token');
      return tokenResponse(state, state.issue({ kind: 'user', user }, { reuse: true }));
    }
    default:
      throw new OAuthFailure(400, 'unsupported_grant_type', `Unsupported grant type: ${grant}`);
  }
}

/** finAPI sends `refresh_token` on the password grant only; the emulator keeps one per user until it is deleted. */
function tokenResponse(state: FinapiState, token: IssuedToken, refreshToken?: string) {
  return {
    status: 200,
    body: {
      access_token: token.token,
      token_type: 'bearer',
      refresh_token: refreshToken,
      expires_in: state.expiresIn(token),
      scope: 'all',
    },
  };
}

function refreshTokenFor(state: FinapiState, user: FinapiUser): string {
  for (const [token, owner] of state.refreshTokens) if (owner === user) return token;
  const token = randomBytes(32).toString('base64url');
  state.refreshTokens.set(token, user);
  return token;
}

const USER_ID = /^[0-9A-Za-z\-_.+@]{1,36}$/;
const PASSWORD_LENGTH = { min: 6, max: 128 };

function createUser(state: FinapiState, req: EmuRequest): FinapiUser {
  if (state.authenticate(req).kind !== 'client') {
    throw new FinapiFailure(403, 'FORBIDDEN', 'Creating a user needs a client token (grant_type=client_credentials), not a user token.');
  }
  const body = jsonObject(req);
  const id = optionalString(body, 'id') ?? randomUUID();
  if (!USER_ID.test(id)) throw new FinapiFailure(400, 'ILLEGAL_FIELD_VALUE', 'id must be 1 to 36 characters of 0-9 A-Z a-z - _ . + @.');
  const password = optionalString(body, 'password') ?? randomBytes(12).toString('base64url');
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
    throw new FinapiFailure(400, 'ILLEGAL_FIELD_VALUE', `password must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters long.`);
  }
  const user: FinapiUser = {
    id,
    password,
    email: optionalString(body, 'email') ?? null,
    phone: optionalString(body, 'phone') ?? null,
    isAutoUpdateEnabled: optionalBoolean(body, 'isAutoUpdateEnabled') ?? false,
  };
  if (state.users.has(id)) throw new FinapiFailure(422, 'ENTITY_EXISTS', `A user with id ${id} already exists.`);
  state.users.set(id, user);
  return user;
}

function authorisedUser(state: FinapiState, req: EmuRequest): FinapiUser {
  const principal = state.authenticate(req);
  if (principal.kind !== 'user') {
    throw new FinapiFailure(403, 'FORBIDDEN', 'This call needs a user token (grant_type=password) of the user concerned.');
  }
  return principal.user;
}

function userBody(user: FinapiUser, withPassword: boolean) {
  const { password, ...rest } = user;
  return withPassword ? { ...rest, password } : rest;
}
