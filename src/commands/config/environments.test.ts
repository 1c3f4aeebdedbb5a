/**
 * Environments of one's own, URL variables under the emulator, "stored for … instead" hints and config key spellings,
 * through `main(argv, ctx)`, with what the servers received checked on a MockAgent.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostMock } from '../../../test/helpers/host-mock.js';
import { useMockedNetwork } from '../../../test/helpers/mocked-network.js';
import { runCli } from '../../../test/helpers/run-cli.js';

const net = useMockedNetwork();
const staging = { auth: 'https://auth.staging.test', api: 'https://api.staging.test' };

const run = (argv: string[], options: { env?: Record<string, string>; stdin?: string } = {}) =>
  runCli(argv, { env: { ...net.config.env, ...options.env }, stdin: options.stdin, dispatcher: net.agent });

/** `config set solaris --env staging` with both URLs and a client; extra flags appended. */
async function defineStaging(...extra: string[]) {
  const result = await run(
    ['config', 'set', 'solaris', '--env', 'staging', '--auth-url', staging.auth, '--api-url', staging.api, '--client-id', 'stg-client', '--client-secret-stdin', ...extra],
    { stdin: 'stg-secret-0123456789' },
  );
  expect(result.code, result.stderr).toBe(0);
  return result;
}

function stagingMock() {
  const mock = new HostMock(net.agent, staging);
  mock.answer('auth', 'POST', '/oauth2/token', 201, { access_token: 'stg-token', expires_in: 3599, token_type: 'bearer' });
  return mock;
}

describe('environments of your own', () => {
  it('config set --env defines one; --env and FINTECH_CLI_ENV send every request to its URLs with its credentials', async () => {
    const defined = await defineStaging();
    expect(defined.stderr).toContain('Saved client_id, client_secret, api_url, auth_url for solaris (profile default, staging).');
    expect(defined.stderr).toContain('Defined environment staging: not production-like (--production-like marks it).');

    const mock = stagingMock();
    mock.answer('api', 'GET', '/v1/persons/p1', 200, { id: 'p1' });
    const result = await run(['request', 'solaris', 'GET', '/v1/persons/p1', '--env', 'staging']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ id: 'p1' });
    expect(mock.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /oauth2/token', 'GET /v1/persons/p1']);
    expect(mock.seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('stg-client:stg-secret-0123456789').toString('base64')}`);
    expect(mock.seen[1]!.headers.authorization).toBe('Bearer stg-token');

    // The token is cached for staging: the variable selects the same environment, and no new token is asked for.
    mock.answer('api', 'GET', '/v1/persons/p2', 200, { id: 'p2' });
    const viaVariable = await run(['request', 'solaris', 'GET', '/v1/persons/p2'], { env: { FINTECH_CLI_ENV: 'staging' } });
    expect(viaVariable.code, viaVariable.stderr).toBe(0);
    expect(mock.seen.at(-1)!.path).toBe('/v1/persons/p2');
  });

  it('config list shows it, its mark and its URLs; the file keeps it under "environments"', async () => {
    await defineStaging('--production-like');
    const list = await run(['config', 'list']);
    expect(list.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        '-\t-\tstaging\tproduction_like\ttrue',
        `default\tsolaris\tstaging\tauth_url\t${staging.auth}`,
        `default\tsolaris\tstaging\tapi_url\t${staging.api}`,
      ]),
    );
    const json = JSON.parse((await run(['config', 'list', '--json'])).stdout);
    expect(json[0]).toEqual({ profile: null, provider: null, environment: 'staging', key: 'production_like', value: true });
    const doc = JSON.parse(await readFile(join(net.config.dir, 'config.json'), 'utf8'));
    expect(doc.version).toBe(1);
    expect(doc.environments).toEqual({ staging: { production_like: true } });
    expect(doc.profiles.default.solaris.staging.api_url).toBe(staging.api);
  });

  it('an unknown --env or FINTECH_CLI_ENV is one line listing the known ones; nothing is sent', async () => {
    await defineStaging();
    const flag = await run(['request', 'solaris', 'GET', '/v1/persons', '--env', 'stagign']);
    expect(flag.code).toBe(2);
    expect(flag.stderr.split('\n')[0]).toBe('error: Unknown environment "stagign" (from --env); known: sandbox, production, emulator, staging.');
    const variable = await run(['auth', 'token', 'solaris', '--json'], { env: { FINTECH_CLI_ENV: 'qa' } });
    expect(variable.code).toBe(2);
    expect(JSON.parse(variable.stderr).error).toMatchObject({ code: 'unknown_environment', message: expect.stringContaining('(from FINTECH_CLI_ENV)') });
    expect((await run(['config', 'get', 'solaris', '--env', 'qa'])).code).toBe(2);
    // Only config set defines an environment: a typo elsewhere writes nothing.
    const typo = await run(['webhooks', 'secret', 'set', 'wh-1', '--secret-stdin', '--env', 'stagign'], { stdin: 'whsec' });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Unknown environment "stagign"; known: sandbox, production, emulator, staging.');
    expect(JSON.parse(await readFile(join(net.config.dir, 'config.json'), 'utf8')).environments).toEqual({ staging: { production_like: false } });
    const invalid = await run(['config', 'list', '--env', '../etc']);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('Invalid environment name "../etc" (from --env)');
  });

  it('a URL it lacks is an error naming the config set that stores it', async () => {
    await run(['config', 'set', 'solaris', '--env', 'qa', '--api-url', 'https://api.qa.test', '--client-id', 'c', '--client-secret-ref', 'env:QA_SECRET']);
    const result = await run(['auth', 'token', 'solaris', '--env', 'qa', '--profile', 'default'], { env: { QA_SECRET: 's' } });
    expect(result.code).toBe(4);
    expect(result.stderr.trim().split('\n')).toEqual(['error: No auth_url for Solaris in qa.', 'Set it with: fintech-cli config set solaris --env qa --auth-url <url>']);
  });

  it('built-in names keep their meaning', async () => {
    for (const env of ['--sandbox', '--production', '--emulator']) {
      const result = await run(['config', 'set', 'solaris', env, '--production-like']);
      expect(result.code, env).toBe(2);
      expect(result.stderr).toMatch(/^error: (sandbox|production|emulator) is a built-in environment: whether it is production-like is fixed\./);
    }
  });

  it('unsetting its last setting forgets it', async () => {
    await defineStaging();
    const result = await run(['config', 'unset', 'solaris', '--env', 'staging']);
    expect(result.stderr).toContain('Forgot environment staging: nothing else is stored for it.');
    expect(JSON.parse((await run(['config', 'list', '--json'])).stdout)).toEqual([]);
  });
});

describe('production-like environments get every production guard', () => {
  it('webhooks delete and finapi users delete want --yes, the demo refuses; nothing is sent', async () => {
    await defineStaging('--production-like');
    await run(['config', 'set', 'finapi', '--env', 'staging', '--api-url', 'https://finapi.staging.test']);
    const webhook = await run(['webhooks', 'delete', 'wh-1', '--env', 'staging']);
    expect(webhook.code).toBe(2);
    expect(webhook.stderr).toContain('To delete a staging (production-like) subscription without a question, add --yes.');
    const user = await run(['finapi', 'users', 'delete', '--user', 'alice', '--env', 'staging']);
    expect(user.code).toBe(2);
    expect(user.stderr).toContain('error: Deleting a finAPI user in staging (production-like) needs --yes.');
    const demo = await run(['demo', '--env', 'staging', '--json']);
    expect(demo.code).toBe(2);
    const { error } = JSON.parse(demo.stderr);
    expect(error.code).toBe('production_refused');
    expect(error.message).toBe('The demo runs only against its own in-process emulator; it never uses staging (production-like).');
    expect(error.hint).toBe('Run it without --env staging (or --production), and without FINTECH_CLI_ENV=staging.');
  });

  it('with the mark taken off (--production-like no), webhooks delete goes through without a question', async () => {
    await defineStaging('--production-like');
    const off = await run(['config', 'set', 'solaris', '--env', 'staging', '--production-like', 'no']);
    expect(off.stderr).toContain('Updated environment staging: not production-like');
    const mock = stagingMock();
    mock.answer('api', 'DELETE', '/v1/webhooks/wh-1', 204);
    const result = await run(['webhooks', 'delete', 'wh-1', '--env', 'staging']);
    expect(result.code, result.stderr).toBe(0);
    expect(mock.seen.at(-1)).toMatchObject({ method: 'DELETE', path: '/v1/webhooks/wh-1' });
  });
});

describe('URL variables and the emulator', () => {
  const emulator = 'http://emulator.test';
  const elsewhere = { FINTECH_CLI_SOLARIS_AUTH_URL: 'https://elsewhere.test', FINTECH_CLI_EMULATOR_URL: emulator };

  it('--emulator is never redirected by FINTECH_CLI_SOLARIS_AUTH_URL, and says it ignored it', async () => {
    const mock = new HostMock(net.agent, { emulator });
    mock.answer('emulator', 'POST', '/solaris/auth/oauth2/token', 201, { access_token: 'emu-token', expires_in: 3599, token_type: 'bearer' });
    const result = await run(['auth', 'token', 'solaris', '--emulator'], { env: elsewhere });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('emu-token\n');
    expect(mock.seen).toHaveLength(1);
    expect(result.stderr).toContain('FINTECH_CLI_SOLARIS_AUTH_URL is ignored under --emulator; FINTECH_CLI_EMULATOR_URL moves the emulator.');
  });

  it('in the sandbox the variable applies, as documented', async () => {
    const mock = new HostMock(net.agent, { elsewhere: elsewhere.FINTECH_CLI_SOLARIS_AUTH_URL });
    mock.answer('elsewhere', 'POST', '/oauth2/token', 201, { access_token: 'sbx-token', expires_in: 3599, token_type: 'bearer' });
    const env = { ...elsewhere, FINTECH_CLI_SOLARIS_CLIENT_ID: 'c', FINTECH_CLI_SOLARIS_CLIENT_SECRET: 's' };
    const result = await run(['auth', 'token', 'solaris'], { env });
    expect(result).toMatchObject({ code: 0, stdout: 'sbx-token\n' });
    expect(result.stderr).not.toContain('ignored');
  });
});

describe('stored for another environment or profile', () => {
  it('missing credentials say where they are stored', async () => {
    await run(['config', 'set', 'solaris', '--emulator', '--client-id', 'emu-client', '--client-secret-stdin'], { stdin: 'emu-secret' });
    const result = await run(['auth', 'token', 'solaris']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('No client_id for solaris (sandbox, profile default)');
    expect(result.stderr).toContain('\nIt is stored for --emulator: add --emulator. Or run fintech-cli login solaris, set FINTECH_CLI_SOLARIS_CLIENT_ID, or store it: fintech-cli config set solaris');
    await run(['config', 'set', 'finapi', '--profile', 'acme', '--env', 'staging', '--client-id', 'x']);
    const finapi = await run(['auth', 'token', 'finapi']);
    expect(finapi.stderr).toContain('\nIt is stored for --profile acme --env staging: add --profile acme --env staging.');
  });

  it('a webhook secret stored for the emulator, looked up in the sandbox, says so', async () => {
    expect((await run(['webhooks', 'secret', 'set', 'wh-9', '--secret-stdin', '--emulator'], { stdin: 'whsec-emulator' })).code).toBe(0);
    const sign = await run(['webhooks', 'sign', '--webhook-id', 'wh-9'], { stdin: '{}' });
    expect(sign.code).toBe(2);
    expect(sign.stderr.trim().split('\n')).toEqual([
      'error: No secret is stored for webhook wh-9 (sandbox, profile default).',
      'It is stored for --emulator: add --emulator.',
    ]);
    const forget = await run(['webhooks', 'secret', 'delete', 'wh-9']);
    expect(forget.code).toBe(1);
    expect(forget.stderr).toContain('\nIt is stored for --emulator: add --emulator.');
  });
});

describe('config keys and the refused --client-secret', () => {
  it('takes client-id as well as client_id in get and unset', async () => {
    await run(['config', 'set', 'solaris', '--client-id', 'my-client', '--client-secret-stdin'], { stdin: 'secret-value-long-9f2c' });
    expect((await run(['config', 'get', 'solaris', 'client-id'])).stdout).toBe('my-client\n');
    expect((await run(['config', 'get', 'solaris', 'client_id', '--json'])).stdout).toBe('{\n  "client_id": "my-client"\n}\n');
    expect((await run(['config', 'unset', 'solaris', 'client-secret'])).code).toBe(0);
    expect(JSON.parse((await run(['config', 'get', 'solaris', '--json'])).stdout)).toEqual({ client_id: 'my-client' });
  });

  it('config set --client-secret says why it is refused and what to use', async () => {
    const result = await run(['config', 'set', 'solaris', '--client-secret', 'hunter2-secret']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--client-secret is refused: other users can read a command line (ps, /proc).');
    expect(result.stderr).toContain('--client-secret-stdin');
    expect(result.stderr).toContain('--client-secret-ref env:NAME');
    expect(result.stderr).not.toContain('hunter2-secret');
  });
});
