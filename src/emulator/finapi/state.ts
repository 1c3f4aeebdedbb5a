import { demoCredentials } from '../../providers/demo-credentials.js';
import { bearerToken } from '../bearer.js';
import type { EmuRequest, EmulatorEnv, IssuedToken } from '../types.js';
import { OAuthFailure } from './failures.js';

/** What the finAPI services of one emulator share: users, processes, and whom each access token speaks for. */

export interface FinapiUser {
  readonly id: string;
  readonly password: string;
  /** Left out of answers when unset, as finAPI does. */
  readonly email?: string;
  readonly phone?: string;
  readonly isAutoUpdateEnabled: boolean;
}

/** A process token of the Process Controller, standing for one end user's identity (its client reference). */
export interface FinapiProcess {
  readonly token: string;
  readonly clientReference: string;
  exchanges: number;
  /** Exchanged with `invalidate=true`: no further exchanges, and the identity lives one day instead of 30. */
  invalidated: boolean;
}

export type Principal =
  | { readonly kind: 'client' }
  | { readonly kind: 'user'; readonly user: FinapiUser }
  | { readonly kind: 'identity'; readonly process: FinapiProcess };

const PROVIDER = 'finapi';
export const FINAPI_CLIENT_ID = demoCredentials.finapi.client_id;

export class FinapiState {
  readonly users = new Map<string, FinapiUser>();
  readonly refreshTokens = new Map<string, FinapiUser>();
  readonly processes = new Map<string, FinapiProcess>();
  /** The TokenStore knows subjects only; this knows the record, so a deleted user's tokens stop working. */
  private readonly owners = new Map<string, Principal>();

  constructor(private readonly env: EmulatorEnv) {}

  /** finAPI's `client/user` subject, or `client/process:<token>` for a Process Controller identity. */
  issue(principal: Principal, options: { reuse: boolean }): IssuedToken {
    const subject = subjectOf(principal);
    const reused = this.env.tokens.issue(PROVIDER, subject, { reuse: options.reuse, scope: 'all' });
    // A user deleted and created again under the same id must not get the old user's token back.
    const issued = this.isCurrent(this.owners.get(reused.token) ?? principal)
      ? reused
      : this.env.tokens.issue(PROVIDER, subject, { reuse: false, scope: 'all' });
    this.owners.set(issued.token, principal);
    return issued;
  }

  /** The caller of a request with a Bearer token; 401 in OAuth's format otherwise. */
  authenticate(req: EmuRequest): Principal {
    const token = bearerToken(req);
    if (token === undefined) throw new OAuthFailure('unauthorized', 'Full authentication is required to access this resource');
    const found = this.env.tokens.find(PROVIDER, token);
    const principal = this.owners.get(token);
    if (found.status === 'expired') throw new OAuthFailure('invalid_token', 'Access token expired');
    if (found.status !== 'valid' || principal === undefined || !this.isCurrent(principal)) {
      throw new OAuthFailure('invalid_token', 'Invalid access token');
    }
    return principal;
  }

  /** finAPI's `authContext` of an error: whom the request's token speaks for, or `anonymous`. */
  authContextOf(req: EmuRequest): string {
    try {
      const principal = this.authenticate(req);
      // A process token is a credential: the identity is named by its client reference instead.
      return principal.kind === 'identity' ? `${FINAPI_CLIENT_ID}/reference:${principal.process.clientReference}` : subjectOf(principal);
    } catch {
      return 'anonymous';
    }
  }

  deleteUser(user: FinapiUser): void {
    this.users.delete(user.id);
    for (const [token, owner] of this.refreshTokens) if (owner === user) this.refreshTokens.delete(token);
  }

  /** Seconds left of a token, as `expires_in` (a reused token has less than the full lifetime). */
  expiresIn(token: IssuedToken): number {
    return Math.max(0, Math.floor((token.expiresAt - this.env.now()) / 1000));
  }

  private isCurrent(principal: Principal): boolean {
    return principal.kind !== 'user' || this.users.get(principal.user.id) === principal.user;
  }
}

function subjectOf(principal: Principal): string {
  switch (principal.kind) {
    case 'client':
      return FINAPI_CLIENT_ID;
    case 'user':
      return `${FINAPI_CLIENT_ID}/${principal.user.id}`;
    case 'identity':
      return `${FINAPI_CLIENT_ID}/process:${principal.process.token}`;
  }
}
