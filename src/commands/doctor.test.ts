import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli.js';
import { useMockedNetwork } from '../../test/helpers/mocked-network.js';
import { SolarisMock } from '../../test/helpers/solaris-mock.js';

const net = useMockedNetwork();

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const fixtures = resolve(import.meta.dirname, '../../test/fixtures/soldo');

const solarisEnv = () => ({ ...net.config.env, FINTECH_CLI_SOLARIS_CLIENT_ID: 'sol-client', FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'sol-secret-123' });

/** Every origin answers its probe (`GET /`) with 404 and a Date `skewMs` off our clock. */
function probes(origins: readonly string[], skewMs = 0) {
  for (const origin of origins) {
    const url = new URL(origin);
    net.agent
      .get(url.origin)
      .intercept({ path: `${url.pathname.replace(/\/$/, '')}/`, method: 'GET' })
      .reply(404, 'not found', { headers: { date: new Date(NOW + skewMs).toUTCString() } });
  }
}

const SOLARIS = ['https://auth.solaris-sandbox.de', 'https://api.solaris-sandbox.de'];


interface JsonCheck {
  group: string;
  name: string;
  status: string;
  detail: string;
  fix: string | null;
}

const run = (argv: string[], env: Record<string, string> = solarisEnv()) => runCli(argv, { env, dispatcher: net.agent, now: NOW });

describe('doctor', () => {
  it('passes every check of a configured provider and prints a checklist on stdout', async () => {
    probes(SOLARIS);
    new SolarisMock(net.agent).token('tok');
    const result = await run(['doctor', 'solaris']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Setup\n  ✓ config directory: ');
    expect(result.stdout).toContain('Solaris (sandbox, profile default)\n  ✓ credentials: client_id from FINTECH_CLI_SOLARIS_CLIENT_ID, client_secret from FINTECH_CLI_SOLARIS_CLIENT_SECRET\n');
    expect(result.stdout).toContain('  ✓ auth_url: https://auth.solaris-sandbox.de reachable (HTTP 404 for /) in 0 ms\n');
    expect(result.stdout).toContain('  ✓ token request: a new access token, valid for 3599 s\n');
    expect(result.stdout).toContain("  ✓ clock: within 1 s of the server's clock\n");
    expect(result.stdout).not.toMatch(/[✗!]/);
    expect(result.stderr).toBe('All checks passed.\n');
  });

  it('reports the results as one JSON document with --json', async () => {
    probes(SOLARIS, -12_000);
    new SolarisMock(net.agent).token('tok');
    const result = await run(['doctor', 'solaris', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; environment: string; profile: string; checks: JsonCheck[] };
    expect(report).toMatchObject({ ok: true, environment: 'sandbox', profile: 'default' });
    expect(report.checks.map((c) => `${c.group}/${c.name}/${c.status}`)).toEqual([
      'setup/config directory/pass',
      'setup/config file/pass',
      'setup/token cache/pass',
      'setup/temp files/pass',
      'setup/proxy/pass',
      'setup/extra CA certificates/pass',
      'solaris/credentials/pass',
      'solaris/auth_url/pass',
      'solaris/api_url/pass',
      'solaris/token request/pass',
      'solaris/clock/warn',
    ]);
    expect(report.checks.at(-1)).toMatchObject({ detail: "this machine's clock is 12 s ahead of the server's", fix: expect.stringContaining('Synchronise the clock') });
    expect(result.stderr).toBe('');
  });

  it('fails on config files other users can read, with the chmod that fixes each', async () => {
    expect((await run(['config', 'set', 'solaris', '--client-id', 'sol-client'])).code).toBe(0);
    await chmod(net.config.dir, 0o755);
    await chmod(join(net.config.dir, 'config.json'), 0o644);
    probes(SOLARIS);
    new SolarisMock(net.agent).token('tok');
    const result = await run(['doctor', 'solaris']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`  ✗ config directory: ${net.config.dir} is 0755: other users can access it\n    fix: chmod 700 '${net.config.dir}'\n`);
    expect(result.stdout).toContain(`  ✗ config file: ${net.config.dir}/config.json is 0644: other users can access it\n    fix: chmod 600 '${net.config.dir}/config.json'\n`);
    expect(result.stderr).toBe('error: 2 of 11 checks failed.\n');
  });

  it('fails a config folder others can write, and one another user owns, with the fix; the config file is refused', async () => {
    expect((await run(['config', 'set', 'solaris', '--client-id', 'sol-client'])).code).toBe(0);
    await chmod(net.config.dir, 0o777);
    const result = await run(['doctor', 'solaris', '--json']);
    expect(result.code).toBe(1);
    const checks = (JSON.parse(result.stdout) as { checks: JsonCheck[] }).checks;
    expect(checks.find((c) => c.name === 'config directory')).toMatchObject({
      status: 'fail',
      detail: `${net.config.dir}: other users can write to it (mode 0777); fintech-cli refuses to use it`,
      fix: `chmod go-w '${net.config.dir}'`,
    });
    expect(checks.find((c) => c.name === 'config file')).toMatchObject({ status: 'fail', detail: `Refusing to use ${net.config.dir}: other users can write to it (mode 0777)` });
    if (process.getuid?.() !== 0) return; // only root can give the folder to another user
    await chmod(net.config.dir, 0o700);
    await chown(net.config.dir, 65534, 65534);
    const owned = (JSON.parse((await run(['doctor', 'solaris', '--json'])).stdout) as { checks: JsonCheck[] }).checks;
    expect(owned.find((c) => c.name === 'config directory')).toMatchObject({
      status: 'fail',
      detail: `${net.config.dir}: it belongs to another user (uid 65534); fintech-cli refuses to use it`,
      fix: expect.stringContaining('Use a config folder of your own'),
    });
  });

  it('warns of temp files left by a killed writer, naming them, and passes once a write removed them', async () => {
    expect((await run(['config', 'set', 'solaris', '--client-id', 'sol-client'])).code).toBe(0);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const left = `.config.json.${dead}.0123456789ab.tmp`;
    await writeFile(join(net.config.dir, left), '{"client_secret": "left-behind"}');
    probes(SOLARIS);
    new SolarisMock(net.agent).token('tok');
    const result = await run(['doctor', 'solaris']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `  ! temp files: 1 left by interrupted writes (they may hold secrets): ${left}\n    fix: The next write of a setting or token removes them; or remove them now: rm -r '${join(net.config.dir, left)}'\n`,
    );
    expect(result.stderr).toBe('All checks passed (1 warning).\n');
    expect((await run(['config', 'set', 'solaris', '--client-id', 'sol-client-2'])).code).toBe(0);
    probes(SOLARIS);
    new SolarisMock(net.agent).token('tok');
    expect((await run(['doctor', 'solaris'])).stdout).toContain('  ✓ temp files: none left by interrupted writes\n');
  });

  it('fails the token request when the provider refuses the secret', async () => {
    probes(SOLARIS);
    new SolarisMock(net.agent).refuseToken();
    const result = await run(['doctor', 'solaris', '--json']);
    expect(result.code).toBe(1);
    const token = (JSON.parse(result.stdout) as { checks: JsonCheck[] }).checks.find((c) => c.name === 'token request');
    expect(token).toMatchObject({ status: 'fail', detail: expect.stringContaining('Solaris answered 401 to the token request'), fix: expect.stringContaining('Check the client id and secret') });
    expect(JSON.parse(result.stderr)).toEqual({ error: { code: 'checks_failed', message: '1 of 11 checks failed.' } });
  });

  it('fails an unreachable host with the network hint, and skips the token request it needs', async () => {
    const env = { ...solarisEnv(), FINTECH_CLI_SOLARIS_AUTH_URL: 'http://127.0.0.1:9', FINTECH_CLI_SOLARIS_API_URL: 'http://127.0.0.1:9' };
    const result = await runCli(['doctor', 'solaris', '--json', '--timeout', '2000'], { env, now: NOW });
    expect(result.code).toBe(1);
    const checks = (JSON.parse(result.stdout) as { checks: JsonCheck[] }).checks;
    expect(checks.find((c) => c.name === 'auth_url')).toMatchObject({ status: 'fail', detail: expect.stringContaining('connection refused by 127.0.0.1:9') });
    expect(checks.find((c) => c.name === 'token request')).toMatchObject({ status: 'skip', detail: 'needs auth_url to be reachable' });
  });

  it('fails when no provider is configured, and skips each of them', async () => {
    const result = await run(['doctor'], net.config.env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  - configured: skipped, not configured: no client_id for sandbox (fintech-cli config set soldo --client-id …)\n');
    expect(result.stdout).toContain('  ✗ providers configured: no provider has credentials in sandbox (profile default)\n    fix: Store some: fintech-cli login <provider>');
  });

  it('names the profile and environment in the config set it suggests', async () => {
    const result = await run(['doctor', '--profile', 'acme', '--production'], net.config.env);
    expect(result.stdout).toContain('no client_id for production (fintech-cli config set soldo --profile acme --env production --client-id …)\n');
  });

  it('fails a broken proxy variable and an unreadable CA file', async () => {
    const env = { ...net.config.env, FINTECH_CLI_SOLARIS_CLIENT_ID: 'x', HTTPS_PROXY: 'http://[broken', NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' };
    const result = await run(['doctor', 'solaris', '--json'], env);
    const checks = (JSON.parse(result.stdout) as { checks: JsonCheck[] }).checks;
    expect(checks.find((c) => c.name === 'proxy')).toMatchObject({ status: 'fail', detail: 'HTTPS_PROXY is not a proxy URL' });
    expect(checks.find((c) => c.name === 'extra CA certificates')).toMatchObject({ status: 'fail', detail: expect.stringContaining('/nonexistent/ca.pem cannot be read: ENOENT') });
    expect(checks.find((c) => c.name === 'credentials')).toMatchObject({ status: 'fail', fix: expect.stringContaining('FINTECH_CLI_SOLARIS_CLIENT_SECRET') });
    // Without a client secret the token request is not even tried.
    expect(checks.find((c) => c.name === 'token request')).toMatchObject({ status: 'skip' });
  });

  it('shows proxies without their password, and counts the extra CA certificates', async () => {
    probes(SOLARIS);
    new SolarisMock(net.agent).token('tok');
    const ca = join(net.config.dir, '..', 'ca.pem');
    await writeFile(ca, await readFile(join(fixtures, 'certificate.pem'), 'utf8'));
    const env = { ...solarisEnv(), HTTPS_PROXY: 'http://me:s3cret@proxy.corp:3128', NO_PROXY: 'localhost', NODE_EXTRA_CA_CERTS: ca };
    const checks = (JSON.parse((await run(['doctor', 'solaris', '--json'], env)).stdout) as { checks: JsonCheck[] }).checks;
    expect(checks.find((c) => c.name === 'proxy')?.detail).toBe('HTTPS_PROXY=http://me:****@proxy.corp:3128/; NO_PROXY=localhost');
    expect(checks.find((c) => c.name === 'extra CA certificates')?.detail).toBe(`NODE_EXTRA_CA_CERTS=${ca} (1 certificate)`);
  });

  describe('Soldo signing key', () => {
    const emulator = 'http://127.0.0.1:4010';
    function soldoEmulator() {
      probes([`${emulator}/soldo`]);
      net.agent.get(emulator).intercept({ path: '/soldo/oauth/authorize', method: 'POST' }).reply(200, { access_token: 't', expires_in: '7200', token_type: 'bearer' });
    }

    it("checks the emulator's demo key and that a public key file matches it", async () => {
      soldoEmulator();
      const result = await run(['doctor', 'soldo', '--emulator', '--json', '--public-key-file', join(fixtures, 'public.pem')], net.config.env);
      expect(result.code).toBe(1);
      const checks = (JSON.parse(result.stdout) as { checks: JsonCheck[] }).checks;
      expect(checks.find((c) => c.name === 'credentials')?.detail).toBe(
        "client_id from the emulator's demo credentials, client_secret from the emulator's demo credentials, fingerprint_token from the emulator's demo credentials",
      );
      expect(checks.find((c) => c.name === 'signing key')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/^RSA 2048-bit from the emulator's demo key \(public key sha256 [0-9a-f]{16}…\)$/) });
      expect(checks.find((c) => c.name === 'public key matches')).toMatchObject({ status: 'fail', detail: expect.stringContaining('INVALID_FINGERPRINT_SIGNATURE') });
    });

    it('fails a key shorter than 2048 bits', async () => {
      soldoEmulator();
      const result = await run(['doctor', 'soldo', '--emulator', '--json'], { ...net.config.env, FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE: join(fixtures, 'rsa-1024.pem') });
      const key = (JSON.parse(result.stdout) as { checks: JsonCheck[] }).checks.find((c) => c.name === 'signing key');
      expect(key).toMatchObject({ status: 'fail', detail: expect.stringContaining('1024-bit RSA; Soldo needs at least 2048 bits'), fix: expect.stringContaining('soldo keygen') });
    });
  });

  it('writes a JUnit report, one test case per check, failures with their message', async () => {
    probes(SOLARIS);
    new SolarisMock(net.agent).refuseToken();
    const report = join(net.config.dir, '..', 'doctor.xml');
    const result = await run(['doctor', 'solaris', '--junit', report]);
    expect(result.code).toBe(1);
    const xml = await readFile(report, 'utf8');
    let python: string | undefined;
    try {
      execFileSync('python3', ['-c', '0']);
      python = 'python3';
    } catch {
      python = undefined;
    }
    if (python === undefined) return; // No XML parser here without it; the escaping is unit-tested in core/junit.
    const parsed = execFileSync(python, [
      '-c',
      'import json,sys,xml.etree.ElementTree as E\nr=E.parse(sys.argv[1]).getroot()\nprint(json.dumps({"tests":r.get("tests"),"failures":r.get("failures"),"cases":[[c.get("classname"),c.get("name"),[x.tag for x in c]] for c in r.iter("testcase")],"failure":r.find(".//failure").get("message")}))',
      report,
    ]).toString();
    const junit = JSON.parse(parsed) as { tests: string; failures: string; cases: [string, string, string[]][]; failure: string };
    expect(junit.tests).toBe('11');
    expect(junit.failures).toBe('1');
    expect(junit.cases).toContainEqual(['fintech-cli doctor.solaris', 'token request', ['failure']]);
    expect(junit.cases).toContainEqual(['fintech-cli doctor.setup', 'proxy', ['system-out']]);
    expect(junit.failure).toContain('Solaris answered 401 to the token request');
    expect(xml).toContain('<?xml version="1.0" encoding="UTF-8"?>');
  });

  it('refuses an unknown provider and an unwritable report path', async () => {
    expect((await run(['doctor', 'stripe'])).code).toBe(2);
    probes(SOLARIS);
    new SolarisMock(net.agent).token('tok');
    await mkdir(join(net.config.dir, '..', 'dir.xml'));
    const result = await run(['doctor', 'solaris', '--junit', join(net.config.dir, '..', 'dir.xml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot write the JUnit report');
  });
});
