import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';
import { useMockedNetwork } from '../../../test/helpers/mocked-network.js';
import { HostMock } from '../../../test/helpers/host-mock.js';
import { SolarisMock } from '../../../test/helpers/solaris-mock.js';

const net = useMockedNetwork();

const clientSecret = 'solaris-client-secret-XYZ';
const solarisEnv = () => ({
  ...net.config.env,
  FINTECH_CLI_SOLARIS_CLIENT_ID: 'partner-client',
  FINTECH_CLI_SOLARIS_CLIENT_SECRET: clientSecret,
});

const TOKEN = 'tok-1234567890';

describe('auth token', () => {
  it('asks Solaris with Basic auth and the exact form body, prints the token alone, then reuses the cache', async () => {
    const solaris = new SolarisMock(net.agent);
    solaris.token(TOKEN);
    const first = await runCli(['auth', 'token', 'solaris'], { env: solarisEnv(), dispatcher: net.agent });
    expect(first).toEqual({ code: 0, stdout: 'tok-1234567890\n', stderr: '' });
    expect(solaris.seen).toHaveLength(1);
    const headers = solaris.seen[0]!.headers;
    expect(headers['authorization']).toBe(`Basic ${Buffer.from(`partner-client:${clientSecret}`).toString('base64')}`);
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(headers['user-agent']).toBe('fintech-cli/0.0.0-test');
    expect(solaris.seen[0]!.body).toBe('grant_type=client_credentials&scope=partners');

    // No interceptor left: a second network request would fail the run.
    const second = await runCli(['auth', 'solaris', '--json'], { env: solarisEnv(), dispatcher: net.agent, now: Date.UTC(2026, 10, 25, 12, 30) });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({
      provider: 'solaris',
      environment: 'sandbox',
      access_token: 'tok-1234567890',
      token_type: 'bearer',
      expires_in: 1799,
      expires_at: '2026-11-25T12:59:59.000Z',
      scope: 'partners',
      cached: true,
    });
  });

  it('asks again with --fresh and when the token is within a minute of expiry', async () => {
    const solaris = new SolarisMock(net.agent);
    solaris.token(TOKEN);
    await runCli(['auth', 'token', 'solaris'], { env: solarisEnv(), dispatcher: net.agent });
    solaris.token(TOKEN);
    expect((await runCli(['auth', 'token', 'solaris', '--fresh'], { env: solarisEnv(), dispatcher: net.agent })).code).toBe(0);
    solaris.token(TOKEN);
    const late = Date.UTC(2026, 10, 25, 12, 0, 0) + (3599 - 59) * 1000;
    expect((await runCli(['auth', 'token', 'solaris'], { env: solarisEnv(), dispatcher: net.agent, now: late })).code).toBe(0);
    expect(solaris.seen).toHaveLength(3);
  });

  it('traces with --verbose without showing the secret or the token', async () => {
    new SolarisMock(net.agent).token(TOKEN);
    const result = await runCli(['auth', 'token', 'solaris', '--verbose'], { env: solarisEnv(), dispatcher: net.agent });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('POST https://auth.solaris-sandbox.de/oauth2/token');
    expect(result.stderr).toContain('[REDACTED]');
    expect(result.stderr).not.toContain(clientSecret);
    expect(result.stderr).not.toContain('tok-1234567890');
    expect(result.stderr).not.toContain(Buffer.from(`partner-client:${clientSecret}`).toString('base64'));
    expect(result.stdout).toBe('tok-1234567890\n');
  });

  it('exits 4 when Solaris refuses the credentials, quoting its error id', async () => {
    new SolarisMock(net.agent).refuseToken({ id: 'err-42', code: 'unauthorized', title: 'Unauthorized', detail: 'bad client' });
    const result = await runCli(['auth', 'token', 'solaris'], { env: solarisEnv(), dispatcher: net.agent });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Solaris answered 401 to the token request: Unauthorized: bad client (code unauthorized, id err-42)');
  });

  it('exits 4 with the variable and command to use when credentials are missing', async () => {
    const result = await runCli(['auth', 'token', 'finapi'], { env: net.config.env, dispatcher: net.agent });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('No client_id for finapi');
    expect(result.stderr).toContain('FINTECH_CLI_FINAPI_CLIENT_ID');
  });

  it('reads Soldo expires_in as a string', async () => {
    net.agent
      .get('https://api-demo.soldocloud.net')
      .intercept({ path: '/oauth/authorize', method: 'POST', body: 'client_id=sc&client_secret=ss' })
      .reply(200, { access_token: 'soldo-tok', refresh_token: 'r', token_type: 'bearer', expires_in: '7200' });
    const result = await runCli(['auth', 'soldo', '--json'], {
      env: { ...net.config.env, FINTECH_CLI_SOLDO_CLIENT_ID: 'sc', FINTECH_CLI_SOLDO_CLIENT_SECRET: 'ss' },
      dispatcher: net.agent,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ access_token: 'soldo-tok', expires_in: 7200, cached: false });
  });

  it('uses the finAPI password grant, then the cached refresh token', async () => {
    const env = { ...net.config.env, FINTECH_CLI_FINAPI_CLIENT_ID: 'fc', FINTECH_CLI_FINAPI_CLIENT_SECRET: 'fs' };
    const pool = net.agent.get('https://sandbox.finapi.io');
    const bodies: string[] = [];
    const answer = (token: string) => (req: { body?: unknown }) => {
      bodies.push(String(req.body));
      return { statusCode: 200, data: JSON.stringify({ access_token: token, refresh_token: 'refresh-1', token_type: 'bearer', expires_in: 3599, scope: 'all' }) };
    };
    pool.intercept({ path: '/api/v2/oauth/token', method: 'POST' }).reply(answer('user-tok-1'));
    const first = await runCli(['auth', 'token', 'finapi', '--user', 'alice', '--password-stdin'], { env, dispatcher: net.agent, stdin: 'pa ss\n' });
    expect(first.stdout).toBe('user-tok-1\n');
    expect(bodies[0]).toBe('grant_type=password&client_id=fc&client_secret=fs&username=alice&password=pa+ss');

    pool.intercept({ path: '/api/v2/oauth/token', method: 'POST' }).reply(answer('user-tok-2'));
    const later = Date.UTC(2026, 10, 25, 14, 0, 0);
    const second = await runCli(['auth', 'token', 'finapi', '--user', 'alice'], { env, dispatcher: net.agent, now: later });
    expect(second.stdout).toBe('user-tok-2\n');
    expect(bodies[1]).toBe('grant_type=refresh_token&client_id=fc&client_secret=fs&refresh_token=refresh-1');

    const bob = await runCli(['auth', 'token', 'finapi', '--user', 'bob'], { env, dispatcher: net.agent });
    expect(bob.code).toBe(4);
    expect(bob.stderr).toContain('--password-stdin');
  });

  it('lists cached tokens without the tokens, and forgets them on logout', async () => {
    new SolarisMock(net.agent).token(TOKEN);
    await runCli(['auth', 'token', 'solaris'], { env: solarisEnv(), dispatcher: net.agent });
    const status = await runCli(['auth', 'status', '--json'], { env: net.config.env });
    expect(status.stdout).not.toContain('tok-1234567890');
    expect(JSON.parse(status.stdout)).toEqual([
      expect.objectContaining({ provider: 'solaris', environment: 'sandbox', profile: 'default', client_id: 'partner-client', valid: true, expires_in: 3599 }),
    ]);
    const logout = await runCli(['auth', 'logout', 'solaris'], { env: net.config.env });
    expect(logout.stderr).toBe('Removed 1 cached token for solaris.\n');
    expect((await runCli(['auth', 'status', '--json'], { env: net.config.env })).stdout).toBe('[]\n');
  });

  it('never sends a cached token to another token URL: a client id alone does not find it', async () => {
    const solaris = new SolarisMock(net.agent);
    solaris.token(TOKEN);
    expect((await runCli(['auth', 'token', 'solaris'], { env: solarisEnv(), dispatcher: net.agent })).stdout).toBe('tok-1234567890\n');
    const other = 'https://auth.other-server.example';
    new HostMock(net.agent, { other }).answer('other', 'POST', '/oauth2/token', 201, { access_token: 'tok-of-the-other-server', expires_in: 3599, token_type: 'bearer' });
    const elsewhere = await runCli(['auth', 'token', 'solaris'], { env: { ...solarisEnv(), FINTECH_CLI_SOLARIS_AUTH_URL: other }, dispatcher: net.agent });
    expect(elsewhere).toEqual({ code: 0, stdout: 'tok-of-the-other-server\n', stderr: '' });
    // Back at the first server, its own token is still cached (no request: no interceptor is left).
    expect((await runCli(['auth', 'token', 'solaris'], { env: solarisEnv(), dispatcher: net.agent })).stdout).toBe('tok-1234567890\n');
  });

  it('never sends a cached token to another API URL: the token is fetched again for it', async () => {
    new SolarisMock(net.agent).token(TOKEN);
    expect((await runCli(['auth', 'token', 'solaris'], { env: solarisEnv(), dispatcher: net.agent })).stdout).toBe('tok-1234567890\n');
    const solaris = new SolarisMock(net.agent);
    solaris.token(TOKEN);
    const otherApi = await runCli(['auth', 'token', 'solaris'], { env: { ...solarisEnv(), FINTECH_CLI_SOLARIS_API_URL: 'https://api.other-server.example' }, dispatcher: net.agent });
    expect(otherApi.code).toBe(0);
    expect(solaris.seen).toHaveLength(1);
  });

  it('tries a changed client secret instead of answering from the cache', async () => {
    new SolarisMock(net.agent).token(TOKEN);
    expect((await runCli(['auth', 'token', 'solaris'], { env: solarisEnv(), dispatcher: net.agent })).code).toBe(0);
    const solaris = new SolarisMock(net.agent);
    solaris.refuseToken({ id: 'err-7', code: 'unauthorized', title: 'Unauthorized' });
    const result = await runCli(['auth', 'token', 'solaris'], { env: { ...solarisEnv(), FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'a-new-wrong-secret' }, dispatcher: net.agent });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(solaris.seen[0]!.headers['authorization']).toBe(`Basic ${Buffer.from('partner-client:a-new-wrong-secret').toString('base64')}`);
  });

  it('lists where each cached token was issued, never the secret or its hash', async () => {
    new SolarisMock(net.agent).token(TOKEN);
    await runCli(['auth', 'token', 'solaris'], { env: solarisEnv(), dispatcher: net.agent });
    const json = await runCli(['auth', 'status', '--json'], { env: net.config.env });
    const [entry] = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(entry).toMatchObject({ token_url: 'https://auth.solaris-sandbox.de/oauth2/token' });
    expect(Object.keys(entry!)).not.toContain('secret_hash');
    const table = await runCli(['auth', 'status'], { env: net.config.env });
    expect(table.stdout).toMatch(/^solaris\tsandbox\tdefault\tpartner-client\t-\tauth\.solaris-sandbox\.de\tin /);
  });

  /** Two runs in a config folder that cannot be written: each gets its token, with one warning, and nothing is cached. */
  async function runsWithoutCache(dir: string): Promise<void> {
    const env = { ...solarisEnv(), FINTECH_CLI_CONFIG_DIR: dir };
    for (const run of [1, 2]) {
      new SolarisMock(net.agent).token(`tok-run-${run}`);
      const result = await runCli(['auth', 'token', 'solaris'], { env, dispatcher: net.agent });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(`tok-run-${run}\n`);
      expect(result.stderr).toMatch(/^warning: Cannot write \S+: [A-Z]+: [^\n]+: tokens are not cached in this run\.\n$/);
    }
  }

  // Root writes through any mode: for root a chmod-ed folder is not read-only (the next test covers root).
  it.skipIf(process.getuid?.() === 0)('works without the token cache in a folder without write permission, with one warning', async () => {
    await mkdir(net.config.dir, { mode: 0o500 });
    try {
      await runsWithoutCache(net.config.dir);
      expect(await readdir(net.config.dir)).toEqual([]);
    } finally {
      await chmod(net.config.dir, 0o700);
    }
  });

  it('works without the token cache where no one can write, even root (below a regular file), with one warning', async () => {
    const file = join(net.config.dir, '..', 'a-file');
    await writeFile(file, '');
    await runsWithoutCache(join(file, 'config'));
  });

  it('rejects finAPI-only options for other providers', async () => {
    const result = await runCli(['auth', 'token', 'solaris', '--user', 'x'], { env: solarisEnv() });
    expect(result.code).toBe(2);
  });
});
