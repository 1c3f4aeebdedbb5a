/**
 * The production guard, through the built binary. Production URLs are pointed (with the documented variables) at a
 * local server that records every request, so "nothing was sent" is observed, not assumed:
 * - destructive commands (`webhooks delete`, `finapi users delete`) with --production, no terminal and no --yes exit 2
 *   before any request; with --yes they go through; on a real terminal (a pty) the question is asked and a "no" sends
 *   nothing;
 * - `webhooks trigger` without --to and `demo` refuse production.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registry } from '../../src/commands/registry.js';
import { BIN, runBin } from '../helpers/run-bin.js';
import { expectCleanError, snapshot, tempRoot } from './helpers.js';

let temp: Awaited<ReturnType<typeof tempRoot>>;
let server: http.Server;
let base: string;
let seen: string[] = [];

beforeAll(async () => {
  temp = await tempRoot();
  server = http.createServer((req, res) => {
    req.resume();
    seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
    if ((req.url ?? '').includes('token')) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: 'production-token-0001', expires_in: 3600, token_type: 'bearer' }));
    } else {
      res.writeHead(204).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await temp.cleanup();
});
beforeEach(() => {
  seen = [];
});

/** Credentials and every production URL of the three providers, pointed at the recording server. */
const productionEnv = () => ({
  FINTECH_CLI_CONFIG_DIR: temp.configDir,
  FINTECH_CLI_SOLARIS_CLIENT_ID: 'prod-client',
  FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'prod-secret',
  FINTECH_CLI_SOLARIS_AUTH_URL: base,
  FINTECH_CLI_SOLARIS_API_URL: base,
  FINTECH_CLI_FINAPI_CLIENT_ID: 'prod-client',
  FINTECH_CLI_FINAPI_CLIENT_SECRET: 'prod-secret',
  FINTECH_CLI_FINAPI_API_URL: base,
  FINTECH_CLI_FINAPI_PROCESS_URL: base,
  FINTECH_CLI_FINAPI_GIROIDENT_URL: base,
  FINTECH_CLI_SOLDO_CLIENT_ID: 'prod-client',
  FINTECH_CLI_SOLDO_CLIENT_SECRET: 'prod-secret',
  FINTECH_CLI_SOLDO_API_URL: base,
  FINTECH_CLI_WEBHOOK_SECRET: 'prod-webhook-secret',
});

describe('destructive commands in production without a terminal', () => {
  it.each([
    [['webhooks', 'delete', 'wh-1', '--production'], /^error: Cannot ask for input: no terminal is attached\.$/, /--yes/],
    [['webhooks', 'delete', 'wh-1', '--env', 'production', '--no-input'], /^error: Cannot ask for input: --no-input is set\.$/, /--yes/],
    [['webhooks', 'delete', 'wh-1'], /^error: Cannot ask for input: no terminal is attached\.$/, /--yes/, { FINTECH_CLI_ENV: 'production' }],
    [['finapi', 'users', 'delete', '--user', 'alice', '--production'], /^error: Deleting a finAPI user in production needs --yes\.$/, /--yes/],
    [['finapi', 'users', 'delete', '--user', 'alice', '--password-stdin', '--production'], /^error: Deleting a finAPI user in production needs --yes\.$/, /--yes/],
  ] as [string[], RegExp, RegExp, Record<string, string>?][])('%j: exit 2 before any request', async (args, message, hint, extraEnv) => {
    const before = await snapshot(temp.configDir);
    const run = await runBin(args, { env: { ...productionEnv(), ...extraEnv }, input: 'a-password' });
    expectCleanError(run, 2, message);
    expect(run.stderr.split('\n')[1]).toMatch(hint);
    expect(seen).toEqual([]);
    expect(await snapshot(temp.configDir)).toEqual(before);
  });

  it('with --yes the same deletions are sent (so the silence above is the guard, not a wrong URL)', async () => {
    const webhook = await runBin(['webhooks', 'delete', 'wh-1', '--production', '--yes'], { env: productionEnv() });
    expect([webhook.code, webhook.stderr]).toEqual([0, '✓ Deleted webhook wh-1.\n']);
    expect(seen).toEqual(['POST /oauth2/token', 'DELETE /v1/webhooks/wh-1']);
    seen = [];
    const user = await runBin(['finapi', 'users', 'delete', '--user', 'alice', '--password-stdin', '--production', '--yes'], { env: productionEnv(), input: 'a-password' });
    expect(user.code, user.stderr).toBe(0);
    expect(seen).toEqual(['POST /api/v2/oauth/token', 'DELETE /api/v2/users']);
  });
});

describe('on a terminal (a pseudo-terminal), production deletion asks first', () => {
  const hasPython = (() => {
    try {
      execFileSync('python3', ['-c', 'import pty'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  /** Runs argv on a pty, types `answer` once `prompt` shows, and returns the exit code and everything the terminal showed. */
  const onTerminal = async (argv: string[], prompt: string, answer: string): Promise<{ code: number; output: string }> => {
    const script = join(temp.root, 'on-terminal.py'); // not pty.py: that would shadow the module
    await writeFile(
      script,
      [
        'import json, os, pty, select, sys, time',
        'argv, prompt, answer = json.loads(sys.argv[1]), sys.argv[2].encode(), sys.argv[3].encode()',
        'pid, fd = pty.fork()',
        'if pid == 0:',
        '    os.execvp(argv[0], argv)',
        "out, answered, deadline = b'', False, time.time() + 10",
        'while time.time() < deadline:',
        '    ready, _, _ = select.select([fd], [], [], 0.1)',
        '    if fd in ready:',
        '        try:',
        '            chunk = os.read(fd, 4096)',
        '        except OSError:',
        '            break',
        '        if not chunk:',
        '            break',
        '        out += chunk',
        '    if not answered and prompt in out:',
        '        os.write(fd, answer)',
        '        answered = True',
        '_, status = os.waitpid(pid, 0)',
        "print(json.dumps({'code': os.waitstatus_to_exitcode(status), 'output': out.decode('utf8', 'replace')}))",
      ].join('\n'),
    );
    const result = await execa('python3', [script, JSON.stringify([process.execPath, BIN, ...argv]), prompt, answer], {
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...productionEnv() },
      extendEnv: false,
      timeout: 15_000,
    });
    return JSON.parse(result.stdout) as { code: number; output: string };
  };

  it.skipIf(!hasPython)('"no" deletes nothing and sends nothing (exit 2)', async () => {
    const { code, output } = await onTerminal(['webhooks', 'delete', 'wh-1', '--production'], 'Delete the production webhook wh-1?', 'n\r');
    expect(code).toBe(2);
    expect(output).toContain('Delete the production webhook wh-1? Notifications queued for it are lost.');
    expect(output).toContain('Not deleted.');
    expect(seen).toEqual([]);
  });

  it.skipIf(!hasPython)('"yes" deletes', async () => {
    const { code, output } = await onTerminal(['webhooks', 'delete', 'wh-1', '--production'], 'Delete the production webhook wh-1?', 'y\r');
    expect(code, output).toBe(0);
    // The token may come from the cache of an earlier test.
    expect(seen.filter((request) => !request.endsWith('/oauth2/token'))).toEqual(['DELETE /v1/webhooks/wh-1']);
  });
});

describe('commands that refuse production', () => {
  it.each([
    [['webhooks', 'trigger', 'BOOKING', '--production']],
    [['webhooks', 'trigger', 'BOOKING', '--env', 'production', '--webhook-id', 'wh-1']],
  ])('%j without --to: exit 2, nothing sent', async (args) => {
    const run = await runBin(args, { env: productionEnv() });
    expectCleanError(run, 2, /^error: --to is required outside the emulator environment\.$/);
    expect(seen).toEqual([]);
  });

  const demoRegistered = registry.some((entry) => entry.path.join(' ') === 'demo');
  it.skipIf(!demoRegistered)('demo --production: exit 2, nothing sent', async () => {
    const run = await runBin(['demo', '--production'], { env: productionEnv(), timeoutMs: 30_000 });
    expectCleanError(run, 2);
    expect(run.stderr).toMatch(/production/i);
    expect(seen).toEqual([]);
  });
});
