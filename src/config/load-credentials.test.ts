import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, CliError, exitCodeFor, UsageError } from '../errors.js';
import { openConfig, setProviderSettings } from './config-file.js';
import { loadCredentials, type LoadCredentialsOptions } from './load-credentials.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fintech-cli-credentials-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function load(options: Partial<LoadCredentialsOptions> = {}) {
  return loadCredentials({ provider: 'solaris', env: 'sandbox', profile: 'default', flags: {}, vars: {}, configDir: dir, cwd: dir, ...options });
}

async function failure(action: () => unknown): Promise<CliError> {
  const error = await Promise.resolve()
    .then(action)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('loadCredentials precedence', () => {
  it('takes a flag over a variable over the config file over a default', async () => {
    await setProviderSettings(openConfig(dir), { profile: 'default', provider: 'solaris', env: 'sandbox' }, {
      client_id: 'config-id',
      client_secret: 'config-secret',
      auth_url: 'https://config-auth.example',
    });
    const credentials = await load({
      flags: { client_id: 'flag-id' },
      vars: { FINTECH_CLI_SOLARIS_CLIENT_ID: 'env-id', FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'env-secret' },
    });
    expect(credentials.settings).toEqual({
      client_id: { value: 'flag-id', source: 'flag' },
      client_secret: { value: 'env-secret', source: 'env' },
      auth_url: { value: 'https://config-auth.example', source: 'config' },
      api_url: { value: 'https://api.solaris-sandbox.de', source: 'default' },
    });
    expect(await credentials.get('client_id')).toBe('flag-id');
    expect(await credentials.get('client_secret')).toBe('env-secret');
  });

  it('reads the profile and environment asked for', async () => {
    await setProviderSettings(openConfig(dir), { profile: 'ci', provider: 'finapi', env: 'production' }, { client_id: 'ci-prod' });
    expect(await (await load({ provider: 'finapi', env: 'production', profile: 'ci' })).get('client_id')).toBe('ci-prod');
    expect(await (await load({ provider: 'finapi', env: 'sandbox', profile: 'ci' })).get('client_id')).toBeUndefined();
    expect(await (await load({ provider: 'finapi', env: 'production' })).get('client_id')).toBeUndefined();
  });

  it('uses the given defaults last, e.g. the emulator demo credentials', async () => {
    const credentials = await load({ env: 'emulator', defaults: { client_id: 'demo', client_secret: 'demo-secret' }, flags: { client_secret: 'mine' } });
    expect(credentials.settings.client_id).toEqual({ value: 'demo', source: 'default' });
    expect(await credentials.require('client_secret')).toBe('mine');
  });

  it('fails on a corrupt config file', async () => {
    await writeFile(join(dir, 'config.json'), '{');
    expect((await failure(() => load())).code).toBe('config_corrupt');
  });
});

describe('secrets', () => {
  it('resolves references of secret keys only when asked, so a broken one fails only its user', async () => {
    await setProviderSettings(openConfig(dir), { profile: 'default', provider: 'soldo', env: 'sandbox' }, {
      client_id: 'env:NOT_A_REFERENCE_FOR_IDS',
      client_secret: 'env:UNSET_SECRET',
      fingerprint_token: 'file:token.txt',
    });
    await writeFile(join(dir, 'token.txt'), 'fp-token\n');
    const credentials = await load({ provider: 'soldo' });
    expect(await credentials.get('client_id')).toBe('env:NOT_A_REFERENCE_FOR_IDS');
    expect(await credentials.get('fingerprint_token')).toBe('fp-token');
    expect(credentials.settings.client_secret).toEqual({ value: 'env:UNSET_SECRET', source: 'config' });
    const error = await failure(() => credentials.get('client_secret'));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('UNSET_SECRET');
  });

  it('resolves a reference given in a variable too', async () => {
    const credentials = await load({ vars: { FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'env:VAULT_SECRET', VAULT_SECRET: 'from-vault' } });
    expect(await credentials.get('client_secret')).toBe('from-vault');
  });

  it('says how to provide a missing credential (exit 4)', async () => {
    const credentials = await load({ profile: 'ci', env: 'production' });
    const error = await failure(() => credentials.require('client_secret'));
    expect(exitCodeFor(error)).toBe(4);
    expect(error.code).toBe('credentials_missing');
    expect(error.message).toBe('No client_secret for solaris (production, profile ci)');
    expect(error.hint).toBe(
      'Run fintech-cli login solaris --profile ci --env production, set FINTECH_CLI_SOLARIS_CLIENT_SECRET, or store it: fintech-cli config set solaris --profile ci --env production --client-secret-stdin',
    );
    const soldo = await load({ provider: 'soldo' });
    expect((await failure(() => soldo.require('private_key_file'))).hint).toBe(
      'Set FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE (or FINTECH_CLI_SOLDO_PRIVATE_KEY with the PEM text), or store it: fintech-cli config set soldo --private-key-file <value>',
    );
  });

  it('finds webhook secrets stored by id', async () => {
    await setProviderSettings(openConfig(dir), { profile: 'default', provider: 'solaris', env: 'sandbox' }, {
      webhook_secrets: { 'wh-1': 'literal-secret', 'wh-2': 'env:WH2' },
    });
    const credentials = await load({ vars: { WH2: 'from-env' } });
    expect(await credentials.webhookSecret('wh-1')).toBe('literal-secret');
    expect(await credentials.webhookSecret('wh-2')).toBe('from-env');
    expect(await credentials.webhookSecret('wh-3')).toBeUndefined();
    expect(await credentials.webhookSecret('constructor')).toBeUndefined();
  });
});

describe('Soldo private key', () => {
  const pem = '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n';

  it('prefers a key file flag, then the PEM variable, then a key file from a variable or the config', async () => {
    await setProviderSettings(openConfig(dir), { profile: 'default', provider: 'soldo', env: 'sandbox' }, { private_key_file: 'config.pem' });
    const vars = { FINTECH_CLI_SOLDO_PRIVATE_KEY: pem, FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE: '~/env.pem', HOME: '/home/u' };
    expect((await load({ provider: 'soldo', vars, flags: { private_key_file: 'flag.pem' } })).privateKey()).toEqual({
      kind: 'file',
      path: join(dir, 'flag.pem'),
      source: 'flag',
    });
    const fromPem = await load({ provider: 'soldo', vars });
    expect(fromPem.privateKey()).toEqual({ kind: 'pem', pem, source: 'env' });
    expect(fromPem.settings.private_key).toEqual({ value: pem, source: 'env' });
    expect((await load({ provider: 'soldo', vars: { ...vars, FINTECH_CLI_SOLDO_PRIVATE_KEY: '' } })).privateKey()).toEqual({
      kind: 'file',
      path: '/home/u/env.pem',
      source: 'env',
    });
    expect((await load({ provider: 'soldo' })).privateKey()).toEqual({ kind: 'file', path: join(dir, 'config.pem'), source: 'config' });
  });

  it('is not a Solaris setting', async () => {
    const credentials = await load({ vars: { FINTECH_CLI_SOLDO_PRIVATE_KEY: pem, FINTECH_CLI_SOLARIS_PRIVATE_KEY_FILE: 'x' } });
    expect(credentials.privateKey()).toBeUndefined();
    expect(Object.keys(credentials.settings)).toEqual(['auth_url', 'api_url']);
  });
});

describe('base URLs', () => {
  it("gives each environment's defaults", async () => {
    const production = await load({ provider: 'finapi', env: 'production' });
    expect(production.baseUrl('api_url')).toBe('https://live.finapi.io');
    expect(production.baseUrl('process_url')).toBe('https://di-processctl-finapi-general-live.finapi.io');
    expect(production.baseUrl('giroident_url')).toBeUndefined();
    expect((await load({ provider: 'soldo' })).baseUrl('api_url')).toBe('https://api-demo.soldocloud.net');
    expect((await load()).baseUrl('process_url')).toBeUndefined();
  });

  it('finds the emulator at FINTECH_CLI_EMULATOR_URL, the given URL, or 127.0.0.1:4010', async () => {
    expect((await load({ env: 'emulator' })).baseUrl('auth_url')).toBe('http://127.0.0.1:4010/solaris/auth');
    const vars = { FINTECH_CLI_EMULATOR_URL: 'http://localhost:5555/' };
    expect((await load({ env: 'emulator', vars, provider: 'finapi' })).baseUrl('process_url')).toBe('http://localhost:5555/finapi/process');
    expect((await load({ env: 'emulator', vars, emulatorUrl: 'http://127.0.0.1:40123' })).baseUrl('api_url')).toBe(
      'http://127.0.0.1:40123/solaris/api',
    );
  });

  it('takes overrides by precedence, without trailing slashes', async () => {
    await setProviderSettings(openConfig(dir), { profile: 'default', provider: 'solaris', env: 'sandbox' }, { api_url: 'https://config.example/' });
    expect((await load()).baseUrl('api_url')).toBe('https://config.example');
    expect((await load({ vars: { FINTECH_CLI_SOLARIS_API_URL: 'http://proxy.local:8080/solaris//' } })).baseUrl('api_url')).toBe(
      'http://proxy.local:8080/solaris',
    );
    expect((await load({ flags: { api_url: 'https://flag.example' }, vars: { FINTECH_CLI_SOLARIS_API_URL: 'x' } })).baseUrl('api_url')).toBe(
      'https://flag.example',
    );
  });

  it.each([
    [{ flags: { api_url: 'api.example.com' } }, 'Invalid URL in --api-url: "api.example.com"'],
    [{ vars: { FINTECH_CLI_SOLARIS_API_URL: 'ftp://files.example' } }, 'Invalid URL in FINTECH_CLI_SOLARIS_API_URL: "ftp://files.example"'],
  ])('rejects an override that is not an http(s) URL only when it is used: %j', async (options, message) => {
    const credentials = await load(options);
    expect(credentials.baseUrl('auth_url')).toMatch(/^https?:\/\//);
    const error = await failure(() => credentials.baseUrl('api_url'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe('invalid_url');
    expect(error.message).toBe(message);
  });

  it('rejects an emulator URL that is not an http(s) URL', async () => {
    const error = await failure(() => load({ env: 'emulator', vars: { FINTECH_CLI_EMULATOR_URL: 'localhost:4010' } }));
    expect(error.message).toBe('Invalid URL in FINTECH_CLI_EMULATOR_URL: "localhost:4010"');
    expect((await failure(() => load({ env: 'emulator', emulatorUrl: 'x' }))).message).toBe('Invalid emulator URL: "x"');
    await load({ vars: { FINTECH_CLI_EMULATOR_URL: 'localhost:4010' } }); // not used outside the emulator environment
  });

  it('names the config key and file for a bad URL in the config', async () => {
    await setProviderSettings(openConfig(dir), { profile: 'default', provider: 'solaris', env: 'sandbox' }, { api_url: 'nope' });
    const error = await failure(async () => (await load()).baseUrl('api_url'));
    expect(error.message).toBe(`Invalid URL in api_url of solaris (sandbox, profile default) in ${join(dir, 'config.json')}: "nope"`);
  });
});
