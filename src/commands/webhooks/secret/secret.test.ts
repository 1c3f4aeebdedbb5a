import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type RunOptions, tempConfig } from '../../../../test/helpers/run-cli.js';
import { maskSecret } from '../../../core/credentials.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
beforeEach(async () => {
  config = await tempConfig();
});
afterEach(() => config.cleanup());

const SECRET = 'f82c389fb187274227186b5a58781978';
const ID = '4c6f93d4c8d427927257e2ce734a5a10';
const run = (argv: string[], options: RunOptions = {}) => runCli(['webhooks', 'secret', ...argv], { env: config.env, ...options });
const stored = async (profile = 'default', env = 'sandbox') =>
  JSON.parse(await readFile(join(config.dir, 'config.json'), 'utf8')).profiles[profile].solaris[env].webhook_secrets as Record<string, string>;

describe('webhooks secret set / list / delete', () => {
  it('stores a secret from standard input per profile and environment, lists it masked, and forgets it', async () => {
    expect(await run(['set', ID, '--secret-stdin'], { stdin: `${SECRET}\n` })).toEqual({
      code: 0,
      stdout: '',
      stderr: `✓ Stored the secret of webhook ${ID} (profile default, sandbox) in ${join(config.dir, 'config.json')}.\n`,
    });
    expect(await stored()).toEqual({ [ID]: SECRET });
    expect((await run(['set', 'other-profile-id', '--secret-stdin', '--profile', 'ci', '--production'], { stdin: 'x' })).code).toBe(0);

    expect(await run(['list'])).toEqual({ code: 0, stdout: `${ID}\t${maskSecret(SECRET)}\n`, stderr: '' });
    const listed = await run(['list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([{ subscription_id: ID, profile: 'default', environment: 'sandbox', secret: maskSecret(SECRET) }]);
    expect(listed.stdout).not.toContain(SECRET);
    expect(JSON.parse((await run(['list', '--json', '--show-secrets'])).stdout)).toEqual([{ subscription_id: ID, profile: 'default', environment: 'sandbox', secret: SECRET }]);
    expect(JSON.parse((await run(['list', '--json', '--profile', 'ci', '--production'])).stdout)).toEqual([
      { subscription_id: 'other-profile-id', profile: 'ci', environment: 'production', secret: maskSecret('x') },
    ]);

    expect(await run(['delete', ID, '--json'])).toEqual({ code: 0, stdout: `${JSON.stringify({ subscription_id: ID, profile: 'default', environment: 'sandbox', deleted: true }, null, 2)}\n`, stderr: '' });
    expect(await stored()).toEqual({});
    expect(await run(['list'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No webhook secrets stored (profile default, sandbox). Store one: fintech-cli webhooks secret set <subscription-id> --secret-stdin\n',
    });
  });

  it('stores an env: or file: reference as written, shown as written', async () => {
    expect((await run(['set', ID, '--secret-ref', 'env:MOCK_WEBHOOK_SECRET', '--json'])).stdout).toBe(
      `${JSON.stringify({ subscription_id: ID, profile: 'default', environment: 'sandbox', reference: true }, null, 2)}\n`,
    );
    expect(await stored()).toEqual({ [ID]: 'env:MOCK_WEBHOOK_SECRET' });
    expect((await run(['list'])).stdout).toBe(`${ID}\tenv:MOCK_WEBHOOK_SECRET\n`);
  });

  it('deleting an id with no stored secret exits 1, like deleting an unknown subscription', async () => {
    expect(await run(['delete', 'nope'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: No secret is stored for webhook nope (profile default, sandbox).\nSee the stored ones with: fintech-cli webhooks secret list\n',
    });
  });

  it.each([
    [['set', ID], 'error: No secret given.'],
    [['set', ID, '--secret-ref', SECRET], `error: "${SECRET}" is not a reference.`],
    [['set', ID, '--secret-ref', 'env:X', '--secret-stdin'], 'error: --secret-stdin and --secret-ref both give the secret.'],
    [['set', 'bad id\u001b[2J', '--secret-ref', 'env:X'], 'error: Invalid subscription id "bad id\\u001b[2J".'],
  ])('refuses %j with exit 2 and stores nothing', async (argv, message) => {
    const result = await run(argv, { stdin: SECRET });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message);
    await expect(readFile(join(config.dir, 'config.json'))).rejects.toThrow();
  });
});
