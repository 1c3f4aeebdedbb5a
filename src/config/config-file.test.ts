import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleChild, runNode } from '../../test/helpers/child-script.js';
import { CliError } from '../errors.js';
import { assertProfileName } from './profile-name.js';
import {
  getProviderSettings,
  openConfig,
  removeWebhookSecret,
  setProviderSettings,
  unsetProviderSettings,
  validateConfig,
  type ConfigDoc,
} from './config-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fintech-cli-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sandbox = { profile: 'default', provider: 'solaris', env: 'sandbox' } as const;

describe('setProviderSettings / getProviderSettings', () => {
  it('merges settings and webhook secrets by key', async () => {
    const store = openConfig(dir);
    await setProviderSettings(store, sandbox, { client_id: 'id-1', client_secret: 'env:SOLARIS_SECRET', webhook_secrets: { w1: 's1' } });
    const doc = await setProviderSettings(store, sandbox, { client_id: 'id-2', api_url: undefined, webhook_secrets: { w2: 's2' } });
    expect(getProviderSettings(doc, 'default', 'solaris', 'sandbox')).toEqual({
      client_id: 'id-2',
      client_secret: 'env:SOLARIS_SECRET',
      webhook_secrets: { w1: 's1', w2: 's2' },
    });
    expect(await store.read()).toEqual(doc);
  });

  it('keeps profiles, providers and environments apart', async () => {
    const store = openConfig(dir);
    await setProviderSettings(store, sandbox, { client_id: 'sandbox-id' });
    await setProviderSettings(store, { ...sandbox, env: 'production' }, { client_id: 'production-id' });
    await setProviderSettings(store, { ...sandbox, profile: 'ci', provider: 'soldo' }, { fingerprint_token: 'fp' });
    const doc = await store.read();
    expect(getProviderSettings(doc, 'default', 'solaris', 'sandbox')).toEqual({ client_id: 'sandbox-id' });
    expect(getProviderSettings(doc, 'default', 'solaris', 'production')).toEqual({ client_id: 'production-id' });
    expect(getProviderSettings(doc, 'ci', 'soldo', 'sandbox')).toEqual({ fingerprint_token: 'fp' });
    expect(getProviderSettings(doc, 'ci', 'solaris', 'sandbox')).toEqual({});
    expect(getProviderSettings(doc, 'constructor', 'solaris', 'sandbox')).toEqual({});
  });

  it("refuses a setting the provider does not have, before touching the file", async () => {
    const error = await setProviderSettings(openConfig(dir), sandbox, { fingerprint_token: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe('fingerprint_token is not a setting of solaris');
    expect((error as CliError).hint).toBe('The settings of solaris are: client_id, client_secret, auth_url, api_url.');
  });

  it('refuses profile names that cannot be object keys', () => {
    for (const name of ['__proto__', '', '-x', 'a b', 'x'.repeat(65)]) {
      expect(() => assertProfileName(name), name).toThrow(CliError);
    }
    for (const name of ['default', 'ci', 'team.prod_2', 'constructor']) assertProfileName(name);
  });

  it('keeps a profile called "constructor" in the document', async () => {
    const doc = await setProviderSettings(openConfig(dir), { ...sandbox, profile: 'constructor' }, { client_id: 'c' });
    expect(Object.hasOwn(doc.profiles, 'constructor')).toBe(true);
    expect(({} as Record<string, unknown>).solaris).toBeUndefined();
  });
});

describe('unsetProviderSettings', () => {
  it('removes the given keys and prunes what is left empty', async () => {
    const store = openConfig(dir);
    await setProviderSettings(store, sandbox, { client_id: 'id', client_secret: 'secret' });
    await setProviderSettings(store, { ...sandbox, profile: 'other' }, { client_id: 'other-id' });
    let doc = await unsetProviderSettings(store, sandbox, ['client_secret']);
    expect(getProviderSettings(doc, 'default', 'solaris', 'sandbox')).toEqual({ client_id: 'id' });
    doc = await unsetProviderSettings(store, sandbox, ['client_id']);
    expect(doc.profiles).toEqual({ other: { solaris: { sandbox: { client_id: 'other-id' } } } });
  });

  it('removes the whole provider × environment entry when no keys are given', async () => {
    const store = openConfig(dir);
    await setProviderSettings(store, sandbox, { client_id: 'id', webhook_secrets: { w: 's' } });
    await setProviderSettings(store, { ...sandbox, env: 'production' }, { client_id: 'prod' });
    const doc = await unsetProviderSettings(store, sandbox);
    expect(doc.profiles).toEqual({ default: { solaris: { production: { client_id: 'prod' } } } });
    expect(await unsetProviderSettings(store, { ...sandbox, profile: 'missing' })).toEqual(doc);
  });
});

describe('removeWebhookSecret', () => {
  it('forgets one webhook secret, and writes nothing when the id has none', async () => {
    const store = openConfig(dir);
    await setProviderSettings(store, sandbox, { client_id: 'id', webhook_secrets: { w1: 's1', w2: 's2' } });
    await removeWebhookSecret(store, sandbox, 'w1');
    expect(getProviderSettings(await store.read(), 'default', 'solaris', 'sandbox')).toEqual({ client_id: 'id', webhook_secrets: { w2: 's2' } });
    const before = await readFile(store.path, 'utf8');
    const { mtimeMs } = await stat(store.path);
    await removeWebhookSecret(store, sandbox, 'unknown');
    await removeWebhookSecret(store, { ...sandbox, profile: 'other' }, 'w2');
    expect(await readFile(store.path, 'utf8')).toBe(before);
    expect((await stat(store.path)).mtimeMs).toBe(mtimeMs);
  });
});

describe('environments of your own', () => {
  const staging = { profile: 'default', provider: 'solaris', env: 'staging' } as const;

  it('are defined by their first setting, marked production-like on request, and forgotten with their last', async () => {
    const store = openConfig(dir);
    // Only a writer that defines environments (config set: a definition, even empty) may add a new name.
    await expect(setProviderSettings(store, staging, { webhook_secrets: { w: 's' } })).rejects.toThrow('Unknown environment "staging"; known: sandbox, production, emulator.');
    await setProviderSettings(store, staging, { api_url: 'https://api.staging.test' }, {});
    expect((await store.read()).environments).toEqual({ staging: { production_like: false } });
    // Settings without --production-like leave the mark as it is.
    await setProviderSettings(store, { ...staging, provider: 'finapi' }, { client_id: 'f' }, { production_like: true });
    const doc = await setProviderSettings(store, staging, { client_id: 'c' }, {});
    expect(doc.environments).toEqual({ staging: { production_like: true } });
    expect(getProviderSettings(doc, 'default', 'solaris', 'staging')).toEqual({ api_url: 'https://api.staging.test', client_id: 'c' });
    await unsetProviderSettings(store, staging);
    expect((await store.read()).environments).toEqual({ staging: { production_like: true } });
    const last = await unsetProviderSettings(store, { ...staging, provider: 'finapi' });
    expect(last).toEqual({ version: 1, profiles: {} });
  });

  it('keep the built-in names, and names Object.prototype has find nothing', async () => {
    const store = openConfig(dir);
    await expect(setProviderSettings(store, sandbox, {}, { production_like: true })).rejects.toThrow('sandbox is a built-in environment');
    await expect(setProviderSettings(store, { ...staging, env: 'st aging' }, { client_id: 'x' }, {})).rejects.toThrow('Invalid environment name "st aging"');
    const doc = await setProviderSettings(store, { ...staging, env: 'constructor' }, { client_id: 'x' }, {});
    expect(getProviderSettings(doc, 'default', 'solaris', 'constructor')).toEqual({ client_id: 'x' });
    expect(getProviderSettings(doc, 'default', 'solaris', 'toString')).toEqual({});
  });

  it('validate: declared names only, never a built-in one, production_like a boolean', () => {
    const ok = { version: 1, environments: { staging: { production_like: true } }, profiles: { default: { solaris: { staging: { api_url: 'https://x' } } } } };
    expect(validateConfig(ok)).toEqual(ok);
    const cases: [unknown, string][] = [
      [{ version: 1, environments: [], profiles: {} }, '"environments" must be an object'],
      [{ version: 1, environments: { production: { production_like: false } }, profiles: {} }, 'environments.production: production is built in and cannot be redefined'],
      [{ version: 1, environments: { 'a b': {} }, profiles: {} }, 'environments.a b: invalid name'],
      [{ version: 1, environments: { staging: { production_like: 'yes' } }, profiles: {} }, 'environments.staging.production_like must be true or false'],
      [{ version: 1, environments: { staging: { url: 'x' } }, profiles: {} }, 'environments.staging.url: unknown key (expected production_like)'],
    ];
    for (const [raw, reason] of cases) expect(() => validateConfig(raw)).toThrow(reason);
  });
});

describe('validateConfig', () => {
  const valid: ConfigDoc = {
    version: 1,
    profiles: {
      default: {
        solaris: { sandbox: { client_id: 'a', client_secret: 'env:X', webhook_secrets: { w: 's' } } },
        soldo: { production: { fingerprint_token: 'f', private_key_file: '/k.pem', api_url: 'https://x' } },
        finapi: { emulator: { process_url: 'http://p', giroident_url: 'http://g' } },
      },
    },
  };

  it('accepts what this version writes', () => {
    expect(validateConfig(valid)).toEqual(valid);
    expect(validateConfig({ version: 1, profiles: {} })).toEqual({ version: 1, profiles: {} });
  });

  it.each([
    [[], 'the top level must be a JSON object'],
    [{ profiles: {} }, '"version" must be 1'],
    [{ version: 2, profiles: {} }, 'version 2 was written by a newer fintech-cli (this one reads version 1)'],
    [{ version: 1 }, '"profiles" must be an object'],
    [{ version: 1, profiles: [] }, '"profiles" must be an object'],
    [{ version: 1, profiles: { default: 'x' } }, 'profiles.default must be an object'],
    [{ version: 1, profiles: { default: { stripe: {} } } }, 'profiles.default.stripe: unknown provider (expected solaris, finapi or soldo)'],
    [{ version: 1, profiles: { default: { solaris: { staging: {} } } } }, 'profiles.default.solaris.staging: unknown environment (expected sandbox, production, emulator or one listed in "environments")'],
    [{ version: 1, profiles: { default: { solaris: { sandbox: [] } } } }, 'profiles.default.solaris.sandbox must be an object'],
    [{ version: 1, profiles: { default: { solaris: { sandbox: { client_id: 42 } } } } }, 'profiles.default.solaris.sandbox.client_id must be a string'],
    [
      { version: 1, profiles: { default: { solaris: { sandbox: { client_secert: 'x' } } } } },
      'profiles.default.solaris.sandbox.client_secert: unknown setting (expected one of client_id, client_secret, auth_url, api_url, webhook_secrets)',
    ],
    [{ version: 1, profiles: { default: { finapi: { sandbox: { fingerprint_token: 'x' } } } } }, /finapi\.sandbox\.fingerprint_token: unknown setting/],
    [{ version: 1, profiles: { default: { solaris: { sandbox: { webhook_secrets: { w: 1 } } } } } }, 'profiles.default.solaris.sandbox.webhook_secrets.w must be a string'],
  ])('rejects %j', (raw, reason) => {
    expect(() => validateConfig(raw)).toThrow(reason);
  });
});

describe('concurrent writers', () => {
  it('20 processes setting different profiles at once lose no update', async () => {
    const child = await bundleChild(
      `import { openConfig, setProviderSettings } from './config-file.js';
       const [dir, profile] = process.argv.slice(2);
       await setProviderSettings(openConfig(dir), { profile, provider: 'solaris', env: 'sandbox' }, { client_id: profile + '-id' });`,
      import.meta.url,
      join(dir, 'child.mjs'),
    );
    const profiles = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const results = await Promise.all(profiles.map((profile) => runNode(child, [dir, profile])));
    expect(results.filter((result) => result.code !== 0)).toEqual([]);

    const doc = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as ConfigDoc;
    expect(Object.keys(doc.profiles).sort()).toEqual([...profiles].sort());
    for (const profile of profiles) expect(getProviderSettings(doc, profile, 'solaris', 'sandbox')).toEqual({ client_id: `${profile}-id` });
  });
});
