import { randomBytes, randomUUID } from 'node:crypto';
import { demoCredentials } from '../../providers/demo-credentials.js';
import type { EmuRequest, EmulatorEnv, IssuedToken, Route } from '../types.js';
import { tokenContract, userCreateContract } from './descriptions.js';
import { FinapiFailure, OAuthFailure } from './failures.js';
import { finapiRoutes, jsonObject, optionalString } from './http.js';
import type { FinapiState, FinapiUser } from './state.js';

/** finAPI Access (spec/finapi/access-v2-2024.18.1.schema.json): the token endpoint (v2 and v1 paths) and the authorised user. */
export function accessRoutes(env: EmulatorEnv, state: FinapiState): Route[] {
  const route = finapiRoutes(env, state, 'access');
  const token = (req: EmuRequest) => tokenAnswer(state, req);
  return [
    route('POST', '/api/v2/oauth/token', token, { contract: tokenContract }),
    route('POST', '/oauth/token', token, { contract: tokenContract }),
    route('POST', '/api/v2/users', (req) => ({ status: 201, body: userBody(createUser(state, req), 'plain') }), {
      authenticated: true,
      contract: userCreateContract,
    }),
    // finAPI masks the password everywhere but in the creation's answer.
    route('GET', '/api/v2/users', (req) => ({ status: 200, body: userBody(authorisedUser(state, req), 'masked') }), { authenticated: true }),
    route(
      'DELETE',
      '/api/v2/users',
      (req) => {
        state.deleteUser(authorisedUser(state, req));
        return { status: 200 };
      },
      { authenticated: true },
    ),
  ];
}

function tokenAnswer(state: FinapiState, req: EmuRequest) {
  const form = new URLSearchParams(req.rawBody.toString('utf8'));
  const client = demoCredentials.finapi;
  if (form.get('client_id') !== client.client_id || form.get('client_secret') !== client.client_secret) {
    throw new OAuthFailure('invalid_client', 'Bad client credentials');
  }
  switch (form.get('grant_type')) {
    case 'password': {
      const username = form.get('username');
      const password = form.get('password');
      if (!username || !password) throw new FinapiFailure(400, 'MISSING_FIELD', 'username and password are required for grant_type=password.');
      const user = state.users.get(username);
      // One answer for an unknown user and a wrong password, so that user ids cannot be probed.
      if (user === undefined || user.password !== password) throw new FinapiFailure(400, 'BAD_REQUEST', 'Bad user credentials.');
      return tokenResponse(state, state.issue({ kind: 'user', user }, { reuse: true }), refreshTokenFor(state, user));
    }
    case 'refresh_token': {
      const refreshToken = form.get('refresh_token');
      if (!refreshToken) throw new FinapiFailure(400, 'MISSING_FIELD', 'refresh_token is required for grant_type=refresh_token.');
      const user = state.refreshTokens.get(refreshToken);
      if (user === undefined) throw new FinapiFailure(400, 'BAD_REQUEST', 'Invalid refresh token.');
      return tokenResponse(state, state.issue({ kind: 'user', user }, { reuse: true }));
    }
    default:
      return tokenResponse(state, state.issue({ kind: 'client' }, { reuse: true }));
  }
}

/** finAPI sends `refresh_token` on the password grant only; the emulator keeps one per user until it is deleted. */
function tokenResponse(state: FinapiState, token: IssuedToken, refreshToken?: string) {
  return {
    status: 200,
    body: {
      access_token: token.token,
      token_type: 'bearer',
      ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
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

function createUser(state: FinapiState, req: EmuRequest): FinapiUser {
  if (state.authenticate(req).kind !== 'client') {
    throw new FinapiFailure(403, 'FORBIDDEN', 'Creating a user needs a client token (grant_type=client_credentials), not a user token.');
  }
  const body = jsonObject(req);
  const id = optionalString(body, 'id') ?? randomUUID();
  const email = optionalString(body, 'email');
  const phone = optionalString(body, 'phone');
  const user: FinapiUser = {
    id,
    password: optionalString(body, 'password') ?? randomBytes(12).toString('base64url'),
    ...(email === undefined ? {} : { email }),
    ...(phone === undefined ? {} : { phone }),
    isAutoUpdateEnabled: body.isAutoUpdateEnabled === true,
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

function userBody(user: FinapiUser, password: 'plain' | 'masked') {
  return { ...user, password: password === 'plain' ? user.password : 'XXXXX' };
}
