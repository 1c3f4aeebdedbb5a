/**
 * `request`, `doctor` and `completion` through the built binary against an emulator in this process: Solaris pages
 * merged, a signed Soldo search and transfer the emulator verifies, an error answer, `--include`, `--dry-run`, the
 * `--curl` output run by the real curl with the variables it asks for, doctor passing and failing, and bash completion.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { DEMO_WALLET_IDS } from '../../src/emulator/soldo/demo-data.js';
import { tempConfig } from '../helpers/run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/fintech-cli.js', import.meta.url));

let emulator: RunningEmulator;
let receiver: Server;
let receiverUrl: string;
let config: Awaited<ReturnType<typeof tempConfig>>;
let binDir: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  // Solaris checks a webhook URL with a POST before it accepts the subscription.
  receiver = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
  config = await tempConfig();
  // `fintech-cli` on PATH, for the commands the printed hints and completion scripts run.
  binDir = join(config.dir, '..', 'bin');
  await mkdir(binDir);
  await writeFile(join(binDir, 'fintech-cli'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(join(binDir, 'fintech-cli'), 0o755);
});
afterEach(() => config.cleanup());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function environment(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${binDir}:${process.env.PATH ?? ''}`,
    FINTECH_CLI_EMULATOR_URL: emulator.url,
    FINTECH_CLI_CONFIG_DIR: config.dir,
    NO_COLOR: '1',
    ...extra,
  };
}

async function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const result = await execa(process.execPath, [BIN, ...args, '--emulator'], {
    input: options.input ?? '',
    env: environment(options.env),
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
  });
  return { code: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

async function bash(script: string): Promise<string> {
  return (await execa('bash', ['--norc', '--noprofile', '-c', script], { env: environment(), extendEnv: false })).stdout;
}

describe('request against the emulator', () => {
  it('creates Solaris webhooks from typed fields and stdin, and merges their pages with --paginate', async () => {
    const created = await cli(['request', 'solaris', 'POST', '/v1/webhooks', '-f', 'event_type=BOOKING', '-f', `url=${receiverUrl}/a`]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(created.stdout)).toMatchObject({ event_type: 'BOOKING', secret: expect.any(String) });
    const inline = JSON.stringify({ event_type: 'BOOKING_DUPLICATE_CHECK', url: `${receiverUrl}/d` });
    expect((await cli(['request', 'solaris', 'POST', '/v1/webhooks', '-d', inline])).code).toBe(0);
    const body = JSON.stringify({ event_type: 'ACCOUNT_BLOCK', url: `${receiverUrl}/b` });
    expect((await cli(['request', 'solaris', 'POST', '/v1/webhooks', '-d', '-'], { input: body })).code).toBe(0);
    await writeFile(join(config.dir, '..', 'hook.json'), JSON.stringify({ event_type: 'IDENTIFICATION', url: `${receiverUrl}/c` }));
    expect((await cli(['request', 'solaris', 'POST', '/v1/webhooks', '-d', `@${join(config.dir, '..', 'hook.json')}`])).code).toBe(0);

    const listed = await cli(['request', 'solaris', 'GET', '/v1/webhooks', '--query', 'page[size]=2', '--paginate']);
    expect(listed.code).toBe(0);
    const events = (JSON.parse(listed.stdout) as { event_type: string }[]).map((w) => w.event_type);
    expect(events).toEqual(expect.arrayContaining(['BOOKING', 'ACCOUNT_BLOCK', 'IDENTIFICATION']));

    const included = await cli(['request', 'solaris', 'GET', '/v1/webhooks?page[size]=1', '--include']);
    expect(included.stdout).toMatch(/^HTTP\/1\.1 200 OK\n(?:.+\n)*total: \d+\n(?:.+\n)*link: .*rel="next".*\n(?:.+\n)*\n\[/);
  });

  it('signs a Soldo transaction search, following p and pages', async () => {
    const result = await cli(['request', 'soldo', 'GET', '/business/v2/transactions', '--query', 's=25', '--query', 'dateType=TRANSACTION', '--paginate']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const ids = (JSON.parse(result.stdout) as { id: string }[]).map((t) => t.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
  });

  it('signs an internal transfer the emulator accepts, and prints an error answer with exit 1', async () => {
    const path = `/business/v2/wallets/internalTransfer/${DEMO_WALLET_IDS.bobEur}/${DEMO_WALLET_IDS.aliceEur}`;
    const transfer = await cli(['request', 'soldo', 'PUT', path, '-F', 'amount=20.50', '-f', 'currencyCode=EUR']);
    expect(transfer).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(transfer.stdout)).toMatchObject({ amount: 20.5, currency: 'EUR', from_wallet: { id: DEMO_WALLET_IDS.bobEur } });

    const refused = await cli(['request', 'soldo', 'PUT', path, '-F', 'amount=99999', '-f', 'currencyCode=EUR']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error_code: 'INSUFFICIENT_FUNDS' });
    expect(refused.stderr).toMatch(/^error: Soldo answered 400 to PUT \/business\/v2\/wallets\/internalTransfer\/.*: INSUFFICIENT_FUNDS: .*\n$/);
  });

  it('prints --dry-run JSON and sends nothing', async () => {
    const result = await cli(['request', 'soldo', 'GET', '/business/v2/ping/whoami', '--dry-run']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      method: 'GET',
      url: `${emulator.url}/soldo/business/v2/ping/whoami`,
      headers: { Accept: 'application/json', Authorization: 'Bearer $FINTECH_CLI_SOLDO_TOKEN' },
      body: null,
    });
  });

  it('prints a --curl command that the real curl runs against the emulator once the printed variables are set', async () => {
    const path = `/business/v2/wallets/internalTransfer/${DEMO_WALLET_IDS.aliceEur}/${DEMO_WALLET_IDS.bobEur}`;
    const shown = await cli(['request', 'soldo', 'PUT', path, '-F', 'amount=1.25', '-f', 'currencyCode=EUR', '--curl']);
    expect(shown.code).toBe(0);
    // The form Soldo's spec declares for the internal transfer.
    expect(shown.stdout).toContain("--header 'Content-Type: application/x-www-form-urlencoded'");
    expect(shown.stdout).toContain("--data-binary 'currencyCode=EUR&amount=1.25'");
    expect(shown.stderr).toContain('export FINTECH_CLI_SOLDO_TOKEN="$(fintech-cli auth token soldo --env emulator)"');
    const exports = shown.stderr.split('\n').filter((line) => line.startsWith('export '));
    const answer = await bash(`${exports.join('\n')}\n${shown.stdout}`);
    expect(JSON.parse(answer)).toMatchObject({ amount: 1.25, from_wallet: { id: DEMO_WALLET_IDS.aliceEur } });
  });
});

describe('doctor against the emulator', () => {
  it('passes every check with --json', async () => {
    const result = await cli(['doctor', '--json']);
    const report = JSON.parse(result.stdout) as { ok: boolean; checks: { group: string; name: string; status: string; detail: string }[] };
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(result.code).toBe(0);
    expect(new Set(report.checks.map((c) => c.group))).toEqual(new Set(['setup', 'solaris', 'finapi', 'soldo']));
  });

  it('fails the token check when the client secret is wrong, naming the fix', async () => {
    const result = await cli(['doctor', 'solaris'], { env: { FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'not-the-demo-secret' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ token request: .*401/);
    expect(result.stdout).not.toContain('not-the-demo-secret');
    expect(result.stderr).toMatch(/^error: 1 of \d+ checks failed\.\n$/);
  });

  it('fails when the emulator cannot be reached', async () => {
    const result = await cli(['doctor', 'soldo', '--timeout', '2000'], { env: { FINTECH_CLI_EMULATOR_URL: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ api_url: connection refused by 127.0.0.1:9');
    expect(result.stdout).toContain('- token request: skipped, needs api_url to be reachable');
    expect(result.stderr).toMatch(/^error: 1 of \d+ checks failed\.\n$/);
  });
});

describe('completion', () => {
  it('completes in bash after source <(fintech-cli completion bash)', async () => {
    const script = `source <(fintech-cli completion bash); complete -p fintech-cli; COMP_WORDS=(fintech-cli request fi); COMP_CWORD=2; _fintech_cli; echo "\${COMPREPLY[*]}"`;
    expect(await bash(script)).toBe('complete -F _fintech_cli fintech-cli\nfinapi');
  });
});
