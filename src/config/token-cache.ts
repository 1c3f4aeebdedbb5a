/**
 * Access tokens cached in `<config dir>/tokens.json` (0600) per profile, environment, provider, token URL, client id,
 * client secret (a keyed hash of it) and user, reused until a minute before they expire. A token is so only reused for
 * the service that issued it, and a changed secret is always tried. Concurrent processes asking for the same token
 * fetch it once.
 */
import { hmacSha256Hex, sha256Hex } from '../core/sha2.js';
import { join } from 'node:path';
import { CliError } from '../errors.js';
import { isProviderId, type EnvironmentName, type ProviderId } from '../environments.js';
import { withFileLock } from './file-lock.js';
import { JsonStore } from './json-store.js';
import { isValidName } from './profile-name.js';
import { tokenCacheFilePath } from './paths.js';

export interface TokenEntry {
  access_token: string;
  token_type: string;
  /** Epoch milliseconds. */
  expires_at: number;
  scope?: string;
  refresh_token?: string;
  /** Epoch milliseconds. */
  obtained_at: number;
}

export interface TokenKey {
  profile: string;
  environment: EnvironmentName;
  provider: ProviderId;
  /** Where the token was asked for: the only service it is ever sent for. */
  token_url: string;
  client_id: string;
  /** `secretHash` of the client secret the token was asked with, keyed by the service URLs it is sent to. */
  secret_hash: string;
  /** finAPI's user, for password-grant tokens. */
  user?: string;
}

export interface TokenFilter {
  provider?: ProviderId;
  profile?: string;
  environment?: EnvironmentName;
}

interface TokenCacheDoc {
  version: 2;
  tokens: Record<string, TokenEntry>;
}

/** A token is reused until this long before it expires, so it cannot expire in flight. */
const REUSE_MARGIN_MS = 60_000;

/** Waiting processes give the one fetching a token this long (a fetch may retry) before giving up. */
const FETCH_LOCK_TIMEOUT_MS = 60_000;

export function isTokenUsable(entry: TokenEntry, now: number): boolean {
  return now < entry.expires_at - REUSE_MARGIN_MS;
}

/**
 * HMAC-SHA256 of the secret keyed by the token URL, the client id and the base URLs the token is sent to, cut to 128
 * bits: enough to tell a changed secret, and a token is never sent to an API URL other than the one it was fetched for.
 * Keyed, so equal secrets of two clients do not show and no table precomputed for all users applies; fast, because
 * client secrets are long random strings issued by the provider, which no guessing reaches (a slow KDF would cost
 * every command its time).
 */
export function secretHash(tokenUrl: string, clientId: string, secret: string, serviceUrls: readonly string[] = []): string {
  return hmacSha256Hex([tokenUrl, clientId, ...serviceUrls].join('\n'), secret).slice(0, 32);
}

/** A stable, reversible string for a key: its parts URI-encoded and joined with `/`. */
export function tokenKey(key: TokenKey): string {
  const parts = [key.profile, key.environment, key.provider, key.token_url, key.client_id, key.secret_hash];
  if (key.user !== undefined && key.user !== '') parts.push(key.user);
  return parts.map(encodeURIComponent).join('/');
}

export function parseTokenKey(text: string): TokenKey | undefined {
  let parts: string[];
  try {
    parts = text.split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const [profile, environment, provider, token_url, client_id, secret_hash, user] = parts;
  if (parts.length > 7 || profile === undefined || client_id === undefined || secret_hash === undefined) return undefined;
  if (token_url === undefined || !URL.canParse(token_url)) return undefined;
  if (environment === undefined || !isValidName(environment) || provider === undefined || !isProviderId(provider)) {
    return undefined;
  }
  const key: TokenKey = { profile, environment, provider, token_url, client_id, secret_hash };
  return user === undefined ? key : { ...key, user };
}

export class TokenCache {
  private readonly store: JsonStore<TokenCacheDoc>;

  constructor(
    private readonly dir: string,
    private readonly now: () => number,
  ) {
    this.store = new JsonStore(tokenCacheFilePath(dir), {
      empty: () => ({ version: 2, tokens: {} }),
      validate: validateTokenCache,
      label: 'Token cache',
    });
  }

  /** The cached token while it is still usable, else undefined. */
  async get(key: TokenKey): Promise<TokenEntry | undefined> {
    const entry = (await this.store.read()).tokens[tokenKey(key)];
    return entry !== undefined && isTokenUsable(entry, this.now()) ? entry : undefined;
  }

  /** The refresh token, kept after its access token expired (finAPI's password grant renews with it). */
  async getRefreshToken(key: TokenKey): Promise<string | undefined> {
    return (await this.store.read()).tokens[tokenKey(key)]?.refresh_token;
  }

  async put(key: TokenKey, entry: TokenEntry): Promise<void> {
    await this.store.update((doc) => {
      doc.tokens[tokenKey(key)] = entry;
      this.pruneExpired(doc);
    });
  }

  /** Forgets a token the API rejected (401); true if there was one. */
  async delete(key: TokenKey): Promise<boolean> {
    const id = tokenKey(key);
    if ((await this.store.read()).tokens[id] === undefined) return false;
    let removed = false;
    await this.store.update((doc) => {
      removed = doc.tokens[id] !== undefined;
      delete doc.tokens[id];
      this.pruneExpired(doc);
    });
    return removed;
  }

  /** Every cached entry, expired ones included, with the parts of its key. */
  async list(): Promise<{ key: TokenKey; entry: TokenEntry }[]> {
    return Object.entries((await this.store.read()).tokens).map(([id, entry]) => ({ key: parseTokenKey(id)!, entry }));
  }

  /** Removes the entries matching `filter` (all without one); returns how many. */
  async clear(filter: TokenFilter = {}): Promise<number> {
    const matches = (id: string): boolean => {
      const key = parseTokenKey(id)!;
      return (
        (filter.provider === undefined || key.provider === filter.provider) &&
        (filter.profile === undefined || key.profile === filter.profile) &&
        (filter.environment === undefined || key.environment === filter.environment)
      );
    };
    // Do not create the file (or the config directory) just to say nothing was cached.
    if (!Object.keys((await this.store.read()).tokens).some(matches)) return 0;
    let removed = 0;
    await this.store.update((doc) => {
      for (const id of Object.keys(doc.tokens).filter(matches)) {
        delete doc.tokens[id];
        removed += 1;
      }
      this.pruneExpired(doc);
    });
    return removed;
  }

  /**
   * The cached token, or a new one from `fetch` (always with `fresh`). One process at a time fetches a given key;
   * the others wait for it and then find its token in the cache. Where the cache cannot be written (a read-only
   * config folder), the token is fetched without it and `unwritable` is told why.
   */
  async getOrFetch(
    key: TokenKey,
    fetch: () => Promise<TokenEntry>,
    { fresh = false, unwritable }: { fresh?: boolean; unwritable?: (error: CliError) => void } = {},
  ): Promise<{ entry: TokenEntry; cached: boolean }> {
    const reuse = async (): Promise<TokenEntry | undefined> => (fresh ? undefined : this.get(key));
    const hit = await reuse();
    if (hit) return { entry: hit, cached: true };
    const lockPath = join(this.dir, `tokens.${sha256Hex(tokenKey(key)).slice(0, 16)}.lock`);
    let fetched: TokenEntry | undefined;
    try {
      return await withFileLock(
        lockPath,
        async () => {
          const fetchedMeanwhile = await reuse();
          if (fetchedMeanwhile) return { entry: fetchedMeanwhile, cached: true };
          fetched = await fetch();
          await this.put(key, fetched);
          return { entry: fetched, cached: false };
        },
        { timeoutMs: FETCH_LOCK_TIMEOUT_MS },
      );
    } catch (error) {
      if (!(error instanceof CliError) || error.code !== 'config_unwritable' || unwritable === undefined) throw error;
      unwritable(error);
      return { entry: fetched ?? (await fetch()), cached: false };
    }
  }

  /** Drops expired tokens, except those with a refresh token still to use. */
  private pruneExpired(doc: TokenCacheDoc): void {
    const now = this.now();
    for (const [id, entry] of Object.entries(doc.tokens)) {
      if (entry.refresh_token === undefined && now >= entry.expires_at) delete doc.tokens[id];
    }
  }
}

function validateTokenCache(raw: unknown): TokenCacheDoc {
  if (!isObject(raw)) throw new Error('the top level must be a JSON object');
  // Version 1 keyed tokens without their URL and secret: its entries are misses, dropped on the next write.
  if (raw.version === 1) return { version: 2, tokens: {} };
  if (raw.version !== 2) throw new Error('"version" must be 2');
  if (!isObject(raw.tokens)) throw new Error('"tokens" must be an object');
  for (const [id, entry] of Object.entries(raw.tokens)) {
    if (parseTokenKey(id) === undefined) throw new Error(`tokens: ${JSON.stringify(id)} is not a token key`);
    const ok =
      isObject(entry) &&
      typeof entry.access_token === 'string' &&
      typeof entry.token_type === 'string' &&
      typeof entry.expires_at === 'number' &&
      typeof entry.obtained_at === 'number' &&
      (entry.scope === undefined || typeof entry.scope === 'string') &&
      (entry.refresh_token === undefined || typeof entry.refresh_token === 'string');
    if (!ok) throw new Error(`tokens.${id} must be {access_token, token_type, expires_at, obtained_at, scope?, refresh_token?}`);
  }
  return raw as unknown as TokenCacheDoc;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
