import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knownSecrets } from './known-secrets.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fintech-cli-known-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('knownSecrets', () => {
  it('collects secret variables (references resolved), proxy passwords, PEM lines, config secrets and cached tokens', async () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(64)}\nBBBB\n-----END PRIVATE KEY-----\n`;
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({
        version: 1,
        profiles: {
          default: {
            solaris: { sandbox: { client_id: 'not-a-secret', client_secret: 'stored-secret', api_url: 'https://x', webhook_secrets: { w1: 'hook-secret' } } },
            soldo: { production: { client_secret: 'env:SOLDO_SECRET', fingerprint_token: 'file:/tmp/token.txt' } },
          },
        },
      }),
    );
    await writeFile(join(dir, 'tokens.json'), JSON.stringify({ version: 1, tokens: { k: { access_token: 'access-1', refresh_token: 'refresh-1', token_type: 'bearer' } } }));
    const env = {
      FINTECH_CLI_CONFIG_DIR: dir,
      FINTECH_CLI_FINAPI_CLIENT_SECRET: 'env-secret',
      FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'env:OTHER',
      OTHER: 'referenced-secret',
      SOLDO_SECRET: 'soldo-secret',
      FINTECH_CLI_SOLDO_PRIVATE_KEY: pem,
      FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE: '/keys/private.pem',
      FINTECH_CLI_WEBHOOK_SECRET: 'webhook-env',
      HTTPS_PROXY: 'http://me:p%40ss@proxy:3128',
      PATH: '/usr/bin',
    };
    const clientSecrets = ['env-secret', 'referenced-secret', 'stored-secret', 'soldo-secret'];
    expect(new Set(knownSecrets(env, '/'))).toEqual(
      new Set([
        ...clientSecrets,
        ...['webhook-env', 'p@ss', 'hook-secret', 'access-1', 'refresh-1', pem, 'A'.repeat(64)],
        // Basic credentials of every client id with every client secret: Solaris' token requests carry them.
        ...clientSecrets.map((secret) => Buffer.from(`not-a-secret:${secret}`).toString('base64')),
      ]),
    );
  });

  it('pairs client ids and secrets from the environment and the config file into Basic credentials', async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ version: 1, profiles: { default: { solaris: { sandbox: { client_id: 'config-id' } } } } }));
    const env = { FINTECH_CLI_CONFIG_DIR: dir, FINTECH_CLI_SOLARIS_CLIENT_ID: 'env-id', FINTECH_CLI_SOLARIS_CLIENT_SECRET: 's&=+/%"é' };
    const basic = (id: string) => Buffer.from(`${id}:s&=+/%"é`).toString('base64');
    expect(new Set(knownSecrets(env, '/'))).toEqual(new Set(['s&=+/%"é', basic('env-id'), basic('config-id')]));
  });

  it('is silent about missing or broken files', async () => {
    await writeFile(join(dir, 'config.json'), '{ not json');
    expect(knownSecrets({ FINTECH_CLI_CONFIG_DIR: dir }, '/')).toEqual([]);
    expect(knownSecrets({ FINTECH_CLI_CONFIG_DIR: join(dir, 'missing') }, '/')).toEqual([]);
  });
});
