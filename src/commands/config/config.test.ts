import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempConfig } from '../../../test/helpers/run-cli.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
beforeEach(async () => {
  config = await tempConfig();
});
afterEach(() => config.cleanup());

const secret = 'sols-very-secret-value-9f2c';

async function storeSolaris(extra: string[] = []) {
  return runCli(['config', 'set', 'solaris', '--client-id', 'my-client', '--client-secret-stdin', ...extra], {
    env: config.env,
    stdin: `${secret}\n`,
  });
}

describe('config set / get / list / unset / path', () => {
  it('stores a secret read from stdin in a 0600 file inside a 0700 directory', async () => {
    const result = await storeSolaris();
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Saved client_id, client_secret for solaris (profile default, sandbox)');
    expect((await stat(config.dir)).mode & 0o777).toBe(0o700);
    const file = join(config.dir, 'config.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const doc = JSON.parse(await readFile(file, 'utf8'));
    expect(doc.profiles.default.solaris.sandbox).toEqual({ client_id: 'my-client', client_secret: secret });
  });

  it('masks secrets in list and get, and reveals them with --show-secrets', async () => {
    await storeSolaris();
    const list = await runCli(['config', 'list'], { env: config.env });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe('default\tsolaris\tsandbox\tclient_id\tmy-client\ndefault\tsolaris\tsandbox\tclient_secret\t••••9f2c\n');
    expect(list.stdout + list.stderr).not.toContain(secret);

    const shown = await runCli(['config', 'list', '--show-secrets', '--json'], { env: config.env });
    expect(JSON.parse(shown.stdout)).toContainEqual({ profile: 'default', provider: 'solaris', environment: 'sandbox', key: 'client_secret', value: secret });

    expect((await runCli(['config', 'get', 'solaris', 'client_secret'], { env: config.env })).stdout).toBe('••••9f2c\n');
    expect((await runCli(['config', 'get', 'solaris', 'client_id'], { env: config.env })).stdout).toBe('my-client\n');
  });

  it('renders an aligned table with a header on a terminal', async () => {
    await storeSolaris();
    const list = await runCli(['config', 'list', '--no-color'], { env: config.env, tty: true });
    expect(list.stdout.split('\n')[0]).toMatch(/^PROFILE\s+PROVIDER\s+ENV\s+KEY\s+VALUE$/);
    expect(list.stdout).toMatch(/default\s+solaris\s+sandbox\s+client_secret\s+••••9f2c/);
  });

  it('keeps environments and profiles apart', async () => {
    await storeSolaris();
    await runCli(['config', 'set', 'solaris', '--client-id', 'prod-client', '--production', '--profile', 'acme'], { env: config.env });
    const prod = await runCli(['config', 'get', 'solaris', '--production', '--profile', 'acme', '--json'], { env: config.env });
    expect(JSON.parse(prod.stdout)).toEqual({ client_id: 'prod-client' });
    const sandbox = await runCli(['config', 'get', 'solaris', '--json'], { env: { ...config.env, FINTECH_CLI_PROFILE: 'acme' } });
    expect(JSON.parse(sandbox.stdout)).toEqual({});
  });

  it('stores references, not values, with --client-secret-ref', async () => {
    const result = await runCli(['config', 'set', 'finapi', '--client-id', 'c', '--client-secret-ref', 'env:FINAPI_SECRET'], { env: config.env });
    expect(result.code).toBe(0);
    const get = await runCli(['config', 'get', 'finapi', 'client_secret'], { env: config.env });
    expect(get.stdout).toBe('env:FINAPI_SECRET\n');
    const literal = await runCli(['config', 'set', 'finapi', '--client-secret-ref', 'hunter2'], { env: config.env });
    expect(literal.code).toBe(2);
    expect(literal.stderr).toContain('"hunter2" is not a reference');
    expect(literal.stderr).toContain('--client-secret-stdin');
  });

  it('refuses empty stdin, two stdin secrets, options of other providers and bad URLs, writing nothing', async () => {
    const cases: [string[], string | undefined, string][] = [
      [['config', 'set', 'solaris', '--client-secret-stdin'], '', 'standard input was empty'],
      [['config', 'set', 'soldo', '--client-secret-stdin', '--fingerprint-token-stdin'], 'x', 'Only one value can be read from standard input'],
      [['config', 'set', 'solaris', '--fingerprint-token', 'T'], undefined, '--fingerprint-token applies to soldo only'],
      [['config', 'set', 'soldo', '--auth-url', 'https://x.example'], undefined, '--auth-url does not apply to soldo'],
      [['config', 'set', 'solaris', '--api-url', 'ftp://x.example'], undefined, 'Invalid URL in --api-url: "ftp://x.example"'],
      [['config', 'set', 'solaris'], undefined, 'Nothing to set.'],
      [['config', 'set', 'paypal', '--client-id', 'x'], undefined, 'Unknown provider "paypal"'],
    ];
    for (const [argv, stdin, message] of cases) {
      const result = await runCli(argv, { env: config.env, stdin });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    }
    await expect(stat(join(config.dir, 'config.json'))).rejects.toThrow();
  });

  it('warns that a fingerprint token on the command line is visible to other processes', async () => {
    const result = await runCli(['config', 'set', 'soldo', '--fingerprint-token', 'TOKEN123'], { env: config.env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('prefer --fingerprint-token-stdin');
  });

  it('unsets keys or a whole entry', async () => {
    await storeSolaris(['--api-url', 'https://api.example.test/']);
    expect((await runCli(['config', 'unset', 'solaris', 'client_secret'], { env: config.env })).code).toBe(0);
    const left = await runCli(['config', 'get', 'solaris', '--json'], { env: config.env });
    expect(JSON.parse(left.stdout)).toEqual({ client_id: 'my-client', api_url: 'https://api.example.test' });
    expect((await runCli(['config', 'unset', 'solaris', 'nope'], { env: config.env })).code).toBe(2);
    expect((await runCli(['config', 'unset', 'solaris'], { env: config.env })).code).toBe(0);
    expect((await runCli(['config', 'list', '--json'], { env: config.env })).stdout).toBe('[]\n');
  });

  it('reports a corrupt config file with exit 2 and its path, and leaves it byte for byte', async () => {
    await storeSolaris();
    const file = join(config.dir, 'config.json');
    const broken = '{"version":1,"profiles":{"default":{"solaris":{"sandbox":{"client_id":"x",}}}}\n';
    await writeFile(file, broken);
    for (const argv of [['config', 'list'], ['config', 'set', 'solaris', '--client-id', 'y'], ['config', 'unset', 'solaris']]) {
      const result = await runCli(argv, { env: config.env });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toContain('.bak');
      expect(result.stderr).not.toContain('client_id":"x"');
    }
    expect(await readFile(file, 'utf8')).toBe(broken);
  });

  it('prints the config path, moved by FINTECH_CLI_CONFIG_DIR', async () => {
    const result = await runCli(['config', 'path'], { env: config.env });
    expect(result).toEqual({ code: 0, stdout: `${join(config.dir, 'config.json')}\n`, stderr: '' });
  });
});

describe('login', () => {
  it('exits 2 without a terminal and names the flags and variables to use', async () => {
    const result = await runCli(['login', 'solaris'], { env: config.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no terminal is attached');
    expect(result.stderr).toContain('--client-secret-stdin');
    expect(result.stderr).toContain('FINTECH_CLI_SOLARIS_CLIENT_ID, FINTECH_CLI_SOLARIS_CLIENT_SECRET');
  });

  it('exits 2 with --no-input even on a terminal', async () => {
    const result = await runCli(['login', 'soldo', '--no-input'], { env: config.env, tty: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--no-input is set');
    expect(result.stderr).toContain('FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN');
  });

  it('asks the questions on a terminal and stores the answers', async () => {
    const answers = ['soldo-client', 'soldo-secret', 'FPTOKEN', 'keys/private.pem'];
    const prompter = {
      input: async () => answers.shift() ?? '',
      password: async () => answers.shift() ?? '',
      confirm: async () => true,
    };
    const result = await runCli(['login', 'soldo', '--emulator', '--no-verify'], { env: config.env, tty: true, prompter, cwd: '/work' });
    expect(result.code).toBe(0);
    const doc = JSON.parse(await readFile(join(config.dir, 'config.json'), 'utf8'));
    expect(doc.profiles.default.soldo.emulator).toEqual({
      client_id: 'soldo-client',
      client_secret: 'soldo-secret',
      fingerprint_token: 'FPTOKEN',
      private_key_file: '/work/keys/private.pem',
    });
  });
});
