import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleChild, runNode } from '../../test/helpers/child-script.js';
import { CliError } from '../errors.js';
import { parseTokenKey, secretHash, TokenCache, tokenKey, type TokenEntry, type TokenKey } from './token-cache.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fintech-cli-tokens-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 0, 1);
/** A key as obtainToken makes it: the secret only as its hash. */
function keyOf(base: Omit<TokenKey, 'secret_hash'>, secret: string): TokenKey {
  return { ...base, secret_hash: secretHash(base.token_url, base.client_id, secret) };
}
const solarisUrl = 'https://auth.solaris-sandbox.de/oauth2/token';
const solaris = keyOf({ profile: 'default', environment: 'sandbox', provider: 'solaris', token_url: solarisUrl, client_id: 'client-1' }, 'secret-1');
const finapiUser = keyOf(
  { profile: 'ci', environment: 'production', provider: 'finapi', token_url: 'https://live.finapi.io/api/v2/oauth/token', client_id: 'c/2', user: 'jane@example.com' },
  'secret-2',
);

function token(name: string, expiresIn: number, extra: Partial<TokenEntry> = {}): TokenEntry {
  return { access_token: name, token_type: 'bearer', expires_at: T0 + expiresIn, obtained_at: T0, ...extra };
}

/** A cache and the clock it reads, to move by hand. */
function cacheAt(start = T0): { cache: TokenCache; clock: { now: number } } {
  const clock = { now: start };
  return { cache: new TokenCache(dir, () => clock.now), clock };
}

describe('token keys', () => {
  it('round-trip, with or without a user, whatever the characters', () => {
    expect(tokenKey(solaris)).toBe(`default/sandbox/solaris/https%3A%2F%2Fauth.solaris-sandbox.de%2Foauth2%2Ftoken/client-1/${solaris.secret_hash}`);
    expect(tokenKey(finapiUser)).toBe(`ci/production/finapi/https%3A%2F%2Flive.finapi.io%2Fapi%2Fv2%2Foauth%2Ftoken/c%2F2/${finapiUser.secret_hash}/jane%40example.com`);
    expect(parseTokenKey(tokenKey(solaris))).toEqual(solaris);
    expect(parseTokenKey(tokenKey(finapiUser))).toEqual(finapiUser);
    // An environment of one's own is an environment like the others.
    expect(parseTokenKey(tokenKey({ ...solaris, environment: 'staging' }))).toEqual({ ...solaris, environment: 'staging' });
  });

  it.each([
    'default/sandbox/solaris/https%3A%2F%2Fa/c',
    'default/st%20aging/solaris/https%3A%2F%2Fa/c/h',
    'default/sandbox/stripe/https%3A%2F%2Fa/c/h',
    'default/sandbox/solaris/not-a-url/c/h',
    'a/sandbox/solaris/https%3A%2F%2Fa/c/h/u/x',
    'a/sandbox/solaris/%E0/c/h',
  ])(
    'rejects %s',
    (text) => {
      expect(parseTokenKey(text)).toBeUndefined();
    },
  );
});

describe('TokenCache', () => {
  it('reuses a token until 60 s before it expires', async () => {
    const { cache, clock } = cacheAt();
    await cache.put(solaris, token('t1', 3600_000));
    expect((await cache.get(solaris))?.access_token).toBe('t1');
    clock.now = T0 + 3600_000 - 60_001;
    expect((await cache.get(solaris))?.access_token).toBe('t1');
    clock.now = T0 + 3600_000 - 60_000;
    expect(await cache.get(solaris)).toBeUndefined();
    expect(await cache.get({ ...solaris, client_id: 'client-2' })).toBeUndefined();
  });

  it('writes the cache 0600', async () => {
    await cacheAt().cache.put(solaris, token('t1', 3600_000));
    expect((await stat(join(dir, 'tokens.json'))).mode & 0o777).toBe(0o600);
  });

  it('keeps a refresh token after its access token expired, and prunes other expired entries on write', async () => {
    const { cache, clock } = cacheAt();
    await cache.put(finapiUser, token('user-token', 1000, { refresh_token: 'refresh-1', scope: 'all' }));
    await cache.put(solaris, token('t1', 1000));
    clock.now = T0 + 5000;
    expect(await cache.get(finapiUser)).toBeUndefined();
    expect(await cache.getRefreshToken(finapiUser)).toBe('refresh-1');
    await cache.put({ ...solaris, profile: 'other' }, token('t2', 3600_000));
    expect((await cache.list()).map(({ key }) => key)).toEqual([finapiUser, { ...solaris, profile: 'other' }]);
  });

  it('lists entries with their key parts, expired ones included', async () => {
    const { cache, clock } = cacheAt();
    await cache.put(solaris, token('t1', 1000));
    clock.now = T0 + 2000;
    expect(await cache.list()).toEqual([{ key: solaris, entry: token('t1', 1000) }]);
  });

  it('clears by provider, profile and environment and says how many', async () => {
    const { cache } = cacheAt();
    await cache.put(solaris, token('a', 3600_000));
    await cache.put({ ...solaris, environment: 'production' }, token('b', 3600_000));
    await cache.put(finapiUser, token('c', 3600_000));
    expect(await cache.clear({ provider: 'soldo' })).toBe(0);
    expect(await cache.clear({ provider: 'solaris', environment: 'production' })).toBe(1);
    expect(await cache.clear({ profile: 'ci' })).toBe(1);
    expect(await cache.clear()).toBe(1);
    expect(await cache.list()).toEqual([]);
  });

  it('does not create the config directory to clear or read nothing', async () => {
    const cache = new TokenCache(join(dir, 'absent'), () => T0);
    expect(await cache.clear()).toBe(0);
    expect(await cache.get(solaris)).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it('deletes a rejected token', async () => {
    const { cache } = cacheAt();
    await cache.put(solaris, token('t1', 3600_000));
    expect(await cache.delete(solaris)).toBe(true);
    expect(await cache.delete(solaris)).toBe(false);
    expect(await cache.get(solaris)).toBeUndefined();
  });

  it('reports a corrupt cache file and leaves it alone', async () => {
    const text = `{"version": 2, "tokens": {"${tokenKey(solaris)}": {"access_token": 42}}}`;
    await writeFile(join(dir, 'tokens.json'), text);
    const { cache } = cacheAt();
    for (const attempt of [() => cache.get(solaris), () => cache.put(solaris, token('t', 1000))]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).code).toBe('config_corrupt');
      expect((error as CliError).message).toMatch(/^Token cache .*tokens\.json has an unexpected shape: tokens\.default\/sandbox\/solaris\/\S+ must be/);
    }
    expect(await readFile(join(dir, 'tokens.json'), 'utf8')).toBe(text);
  });
});

describe('keys', () => {
  it('differ by token URL and by secret: a token is found only for the service and secret it was issued for', async () => {
    const { cache } = cacheAt();
    await cache.put(solaris, token('t1', 3600_000));
    const elsewhere = 'https://auth.attacker.example/oauth2/token';
    expect(await cache.get({ ...solaris, token_url: elsewhere, secret_hash: secretHash(elsewhere, 'client-1', 'secret-1') })).toBeUndefined();
    expect(await cache.get({ ...solaris, secret_hash: secretHash(solarisUrl, 'client-1', 'secret-2') })).toBeUndefined();
    expect((await cache.get(solaris))?.access_token).toBe('t1');
  });

  it('hold a keyed hash of the secret, never the secret, and differ for equal secrets of two clients', async () => {
    await cacheAt().cache.put(solaris, token('t1', 3600_000));
    expect(await readFile(join(dir, 'tokens.json'), 'utf8')).not.toContain('secret-1');
    expect(secretHash(solarisUrl, 'client-1', 'same')).not.toBe(secretHash(solarisUrl, 'client-2', 'same'));
    expect(secretHash(solarisUrl, 'client-1', 'same')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('of a version 1 cache file are misses, not an error, and the next write replaces them', async () => {
    await writeFile(join(dir, 'tokens.json'), '{"version": 1, "tokens": {"default/sandbox/solaris/client-1": {"access_token": "old", "token_type": "bearer", "expires_at": 9999999999999, "obtained_at": 0}}}');
    const { cache } = cacheAt();
    expect(await cache.get(solaris)).toBeUndefined();
    expect(await cache.list()).toEqual([]);
    await cache.put(solaris, token('t1', 3600_000));
    const written = JSON.parse(await readFile(join(dir, 'tokens.json'), 'utf8')) as { version: number; tokens: Record<string, unknown> };
    expect([written.version, Object.keys(written.tokens)]).toEqual([2, [tokenKey(solaris)]]);
  });
});

describe('getOrFetch', () => {
  it('fetches once, then serves from the cache, and always fetches when fresh', async () => {
    const { cache } = cacheAt();
    let fetches = 0;
    const fetch = async () => token(`t${++fetches}`, 3600_000);
    expect(await cache.getOrFetch(solaris, fetch)).toEqual({ entry: token('t1', 3600_000), cached: false });
    expect(await cache.getOrFetch(solaris, fetch)).toEqual({ entry: token('t1', 3600_000), cached: true });
    expect(await cache.getOrFetch(solaris, fetch, { fresh: true })).toEqual({ entry: token('t2', 3600_000), cached: false });
    expect((await cache.get(solaris))?.access_token).toBe('t2');
    expect(await readdir(dir)).toEqual(['tokens.json']);
  });

  it('passes a failed fetch on, caches nothing and releases the lock', async () => {
    const { cache } = cacheAt();
    await expect(cache.getOrFetch(solaris, () => Promise.reject(new Error('401 from auth')))).rejects.toThrow('401 from auth');
    expect(await readdir(dir)).toEqual([]);
  });

  it('lets one of 10 concurrent processes fetch; the others reuse its token', async () => {
    const child = await bundleChild(
      `import { appendFileSync } from 'node:fs';
       import { TokenCache } from './token-cache.js';
       const [dir, counter] = process.argv.slice(2);
       const key = { profile: 'default', environment: 'sandbox', provider: 'solaris', token_url: 'https://a.example/t', client_id: 'client-1', secret_hash: 'h' };
       const result = await new TokenCache(dir, Date.now).getOrFetch(key, async () => {
         appendFileSync(counter, process.pid + '\\n');
         await new Promise((resolve) => setTimeout(resolve, 300));
         return { access_token: 'token-of-' + process.pid, token_type: 'bearer', expires_at: Date.now() + 3600000, obtained_at: Date.now() };
       });
       process.stdout.write(JSON.stringify({ token: result.entry.access_token, cached: result.cached }));`,
      import.meta.url,
      join(dir, 'child.mjs'),
    );
    const counter = join(dir, 'fetches.txt');
    const cacheDir = join(dir, 'config');
    const results = await Promise.all(Array.from({ length: 10 }, () => runNode(child, [cacheDir, counter])));
    expect(results.filter((result) => result.code !== 0)).toEqual([]);

    const fetchedBy = (await readFile(counter, 'utf8')).trim().split('\n');
    expect(fetchedBy).toHaveLength(1);
    const outputs = results.map((result) => JSON.parse(result.stdout) as { token: string; cached: boolean });
    expect(new Set(outputs.map((output) => output.token))).toEqual(new Set([`token-of-${fetchedBy[0]}`]));
    expect(outputs.filter((output) => !output.cached)).toHaveLength(1);
    expect((await readdir(cacheDir)).sort()).toEqual(['tokens.json']);
  });
});
