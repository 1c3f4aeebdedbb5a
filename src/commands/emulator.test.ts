import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempConfig } from '../../test/helpers/run-cli.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

const demoCredentials = {
  solaris: { client_id: 'demo-solaris-client', client_secret: 'demo-solaris-secret' },
  finapi: { client_id: 'demo-finapi-client', client_secret: 'demo-finapi-secret' },
  soldo: { client_id: 'demo-soldo-client', client_secret: 'demo-soldo-secret', fingerprint_token: 'DEMOFINGERPRINTTOKEN' },
};

/** A signal that is already aborted: the command starts, reports, and stops at once, as after an instant Ctrl-C. */
function stoppedAtOnce(): AbortSignal {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
}

describe('fintech-cli emulator', () => {
  it('--json: prints the listening line first, then one event per line, and stops with 0 on Ctrl-C', async () => {
    const controller = new AbortController();
    let buffered = '';
    let requested = false;
    const result = await runCli(['emulator', '--port', '0', '--json'], {
      signal: controller.signal,
      onStdout(chunk) {
        buffered += chunk;
        const lines = buffered.split('\n').filter((line) => line !== '');
        const first = JSON.parse(lines[0] ?? '{}') as { url?: string };
        if (!requested && first.url !== undefined) {
          requested = true;
          // A plain request, so a request event follows; stop once it has been printed.
          void fetch(`${first.url}/_admin/health`).then((res) => res.text());
        }
        if (lines.some((line) => line.includes('"type":"request"'))) controller.abort();
      },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [first, ...rest] = result.stdout.trimEnd().split('\n');
    const url = (JSON.parse(first ?? '{}') as { url: string }).url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first).toBe(JSON.stringify({ type: 'listening', url, inspector: `${url}/`, credentials: demoCredentials }));
    expect(rest.map((line) => JSON.parse(line) as unknown)).toContainEqual({ type: 'request', method: 'GET', path: '/_admin/health', status: 200, ms: expect.any(Number) });
  });

  it('prints a request that departs from the published description as a contract event, in JSON and in words', async () => {
    for (const json of [true, false]) {
      const controller = new AbortController();
      let output = '';
      let sent = false;
      const result = await runCli(['emulator', '--port', '0', ...(json ? ['--json'] : [])], {
        signal: controller.signal,
        [json ? 'onStdout' : 'onStderr'](chunk: string) {
          output += chunk;
          const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
          if (!sent && url !== undefined) {
            sent = true;
            // Soldo's token request takes a form; a JSON body breaks its description.
            void fetch(`${url}/soldo/oauth/authorize`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"client_id":"x"}' }).then((res) => res.text());
          }
          if (output.includes('contract')) controller.abort();
        },
      });
      expect(result.code).toBe(0);
      if (json) {
        const event = result.stdout.split('\n').filter((line) => line.includes('"contract"')).map((line) => JSON.parse(line) as Record<string, unknown>)[0];
        expect(event).toMatchObject({ type: 'contract', method: 'POST', path: '/soldo/oauth/authorize', field: 'header content-type', rule: 'content-type', spec: expect.any(String) });
      } else {
        expect(result.stderr).toMatch(/contract POST \/soldo\/oauth\/authorize: send the body as application\/x-www-form-urlencoded, not application\/json \(.+\)/);
      }
    }
  });

  it('prints a banner on stderr with the URL, the demo credentials and how to use it', async () => {
    const result = await runCli(['emulator', '--port', '0'], { signal: stoppedAtOnce() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stderr).toMatch(/Inspector: http:\/\/127\.0\.0\.1:\d+\/ /);
    expect(result.stderr).toContain('client_secret=demo-solaris-secret');
    expect(result.stderr).toContain('fingerprint_token=DEMOFINGERPRINTTOKEN');
    expect(result.stderr).toContain('--emulator');
    expect(result.stderr).toContain('FINTECH_CLI_EMULATOR_URL=');
    expect(result.stderr).toContain('Ctrl-C');
  });

  it('warns on stderr when it listens on an address other machines can reach, and keeps stdout to the listening line', async () => {
    const result = await runCli(['emulator', '--port', '0', '--host', '0.0.0.0', '--json'], { signal: stoppedAtOnce() });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: listening on 0\.0\.0\.0: other machines can reach the emulator/);
    const listening = JSON.parse(result.stdout.split('\n')[0] ?? '') as { url: string; inspector: string };
    expect(listening).toMatchObject({ type: 'listening', url: expect.stringMatching(/^http:\/\/0\.0\.0\.0:\d+$/) });
    // The inspector answers loopback names only, so it is announced on the loopback address.
    expect(listening.inspector).toBe(`${listening.url.replace('0.0.0.0', '127.0.0.1')}/`);
    const local = await runCli(['emulator', '--port', '0'], { signal: stoppedAtOnce() });
    expect(local.stderr).not.toContain('warning');
  });

  it.each([['--port', 'abc'], ['--port', '70000'], ['--port', '-1'], ['--retry-interval', '1.5'], ['--token-ttl', '0']])(
    'refuses %s %s with exit 2',
    async (flag, value) => {
      const result = await runCli(['emulator', '--port', '0', flag, value], { signal: stoppedAtOnce() });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(flag);
    },
  );

  it('explains a port in use and suggests --port 0, with exit 2', async () => {
    const busy = http.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => busy.close(() => resolve())));
    const port = String((busy.address() as AddressInfo).port);
    const result = await runCli(['emulator', '--port', port], { signal: stoppedAtOnce() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`127.0.0.1:${port}`);
    expect(result.stderr).toContain('--port 0');
  });

  it('checks --soldo-public-key at start-up: a good key starts, a missing or bad file exits 2', async () => {
    const config = await tempConfig();
    cleanups.push(config.cleanup);
    const dir = join(config.dir, '..');
    const good = join(dir, 'soldo.pub.pem');
    const bad = join(dir, 'not-a-key.pem');
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    await writeFile(good, publicKey);
    await writeFile(bad, 'hello');

    expect((await runCli(['emulator', '--port', '0', '--soldo-public-key', good], { signal: stoppedAtOnce() })).code).toBe(0);
    const missing = await runCli(['emulator', '--port', '0', '--soldo-public-key', join(dir, 'nope.pem')], { signal: stoppedAtOnce() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.pem');
    const unreadable = await runCli(['emulator', '--port', '0', '--soldo-public-key', bad], { signal: stoppedAtOnce() });
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('not a PEM key');
  });
});
