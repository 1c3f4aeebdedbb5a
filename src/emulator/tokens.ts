import { randomBytes } from 'node:crypto';
import type { IssuedToken, TokenLookup, TokenStore } from './types.js';

/**
 * Random opaque access tokens of every provider, valid for `ttlSeconds` from issue. Expired tokens are kept, so
 * a client presenting one hears `invalid_token` for an expired token rather than for one never issued.
 */
export function createTokenStore(now: () => number, ttlSeconds: number): TokenStore {
  const tokens = new Map<string, IssuedToken>();
  const isValid = (token: IssuedToken) => token.expiresAt > now();

  return {
    issue(provider, subject, options = {}) {
      if (options.reuse === true) {
        for (const token of tokens.values()) {
          if (token.provider === provider && token.subject === subject && token.scope === options.scope && isValid(token)) return token;
        }
      }
      const token: IssuedToken = {
        token: randomBytes(32).toString('base64url'),
        provider,
        subject,
        expiresAt: now() + ttlSeconds * 1000,
        ...(options.scope === undefined ? {} : { scope: options.scope }),
      };
      tokens.set(token.token, token);
      return token;
    },
    find(provider, value): TokenLookup {
      const token = tokens.get(value);
      if (token === undefined || token.provider !== provider) return { status: 'unknown' };
      return isValid(token) ? { status: 'valid', token } : { status: 'expired' };
    },
    expireAll() {
      let count = 0;
      const expiredAt = now();
      for (const token of tokens.values()) {
        if (!isValid(token)) continue;
        token.expiresAt = expiredAt;
        count += 1;
      }
      return count;
    },
  };
}
