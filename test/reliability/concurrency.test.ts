/**
 * Many fintech-cli processes at once on one config dir, through the built binary: writers of different profiles and
 * of the same key, readers, token requests for the same and for different keys, webhook secrets stored side by side.
 * The files stay valid JSON with mode 0600, no write is lost, and each token is fetched by exactly one process while
 * the others wait for it and reuse it.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runBin } from '../helpers/run-bin.js';
import { admin, countRequests, tempRoot } from './helpers.js';

let emulator: RunningEmulator;
let temp: Awaited<ReturnType<typeof tempRoot>>;
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  temp = await tempRoot();
  // Solaris calls a webhook URL once before it accepts the subscription.
  receiver = http.createServer((req, res) => req.resume().on('end', () => res.end()));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await emulator.close();
  await temp.cleanup();
});

const run = (dir: string, args: string[], input?: string) =>
  runBin(args, { env: { FINTECH_CLI_CONFIG_DIR: dir, FINTECH_CLI_EMULATOR_URL: emulator.url }, input, timeoutMs: 30_000 });

async function readJson(path: string): Promise<{ profiles: Record<string, Record<string, Record<string, Record<string, unknown>>>> }> {
  return JSON.parse(await readFile(path, 'utf8')) as never;
}

describe('concurrent processes on one config dir', () => {
  it('20 config writers of different profiles and 10 token requests at once: all 20 kept, one token fetched and shared', async () => {
    const dir = join(temp.root, 'mixed');
    const emu = admin(emulator.url);
    const tokenRequestsBefore = countRequests(await emu.requests(), 'POST', '/solaris/auth/oauth2/token');
    const writers = Array.from({ length: 20 }, (_, i) =>
      run(dir, ['config', 'set', 'solaris', '--profile', `p${i}`, '--client-id', `client-${i}`, '--client-secret-stdin'], `secret-${i}`),
    );
    const tokens = Array.from({ length: 10 }, () => run(dir, ['auth', 'token', 'solaris', '--emulator']));
    const results = await Promise.all([...writers, ...tokens]);

    for (const result of results) expect([result.code, result.stderr, result.timedOut]).toEqual([0, expect.any(String), false]);
    for (const result of results.slice(0, 20)) expect(result.stderr).toMatch(/^✓ Saved client_id, client_secret for solaris \(profile p\d+, sandbox\)\.\n$/);

    const config = await readJson(join(dir, 'config.json'));
    expect(Object.keys(config.profiles).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `p${i}`).sort());
    for (let i = 0; i < 20; i++) expect(config.profiles[`p${i}`]!.solaris!.sandbox).toEqual({ client_id: `client-${i}`, client_secret: `secret-${i}` });

    const printed = new Set(results.slice(20).map((result) => result.stdout));
    expect(printed.size).toBe(1);
    expect([...printed][0]).toMatch(/^\S{20,}\n$/);
    const log = await vi.waitFor(async () => {
      const requests = await emu.requests();
      expect(countRequests(requests, 'POST', '/solaris/auth/oauth2/token') - tokenRequestsBefore).toBeGreaterThanOrEqual(1);
      return requests;
    });
    expect(countRequests(log, 'POST', '/solaris/auth/oauth2/token') - tokenRequestsBefore).toBe(1);

    const tokensFile = JSON.parse(await readFile(join(dir, 'tokens.json'), 'utf8')) as { tokens: Record<string, { access_token: string }> };
    expect(Object.values(tokensFile.tokens).map((t) => `${t.access_token}\n`)).toEqual([...printed]);
    for (const file of ['config.json', 'tokens.json']) expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('6 writers of the same key while 6 readers list: every reader sees a valid file, the last write wins whole', async () => {
    const dir = join(temp.root, 'same-key');
    expect((await run(dir, ['config', 'set', 'soldo', '--client-id', 'initial'])).code).toBe(0);
    const writers = Array.from({ length: 6 }, (_, i) => run(dir, ['config', 'set', 'soldo', '--client-id', `writer-${i}`, '--fingerprint-token-stdin'], `token-${i}`));
    const readers = Array.from({ length: 6 }, () => run(dir, ['config', 'list', '--json', '--show-secrets']));
    const results = await Promise.all([...writers, ...readers]);
    for (const result of results) expect([result.code, result.timedOut]).toEqual([0, false]);
    for (const reader of results.slice(6)) {
      const rows = JSON.parse(reader.stdout) as { key: string; value: string }[];
      const id = rows.find((row) => row.key === 'client_id')?.value;
      const token = rows.find((row) => row.key === 'fingerprint_token')?.value;
      // Before any writer, or one writer's whole change: never a mix of two.
      if (id === 'initial') expect(token).toBeUndefined();
      else expect(token).toBe(`token-${id!.slice('writer-'.length)}`);
    }
    const settings = (await readJson(join(dir, 'config.json'))).profiles.default!.soldo!.sandbox!;
    expect(settings.client_id).toMatch(/^writer-\d$/);
    expect(settings.fingerprint_token).toBe(`token-${String(settings.client_id).slice('writer-'.length)}`);
  });

  it('token requests of different keys at once: one fetch per key, each process gets its own provider’s token', async () => {
    const dir = join(temp.root, 'keys');
    const emu = admin(emulator.url);
    const before = await emu.requests();
    const providers = ['solaris', 'finapi', 'soldo'] as const;
    const results = await Promise.all(providers.flatMap((provider) => Array.from({ length: 3 }, () => run(dir, ['auth', 'token', provider, '--emulator']))));
    for (const result of results) expect([result.code, result.stderr]).toEqual([0, '']);
    providers.forEach((_, p) => expect(new Set(results.slice(p * 3, p * 3 + 3).map((r) => r.stdout)).size).toBe(1));
    expect(new Set(results.map((r) => r.stdout)).size).toBe(3);
    const after = await vi.waitFor(async () => {
      const requests = await emu.requests();
      expect(requests.length - before.length).toBeGreaterThanOrEqual(3);
      return requests;
    });
    const fetched = (path: string) => countRequests(after, 'POST', path) - countRequests(before, 'POST', path);
    expect([fetched('/solaris/auth/oauth2/token'), fetched('/finapi/access/api/v2/oauth/token'), fetched('/soldo/oauth/authorize')]).toEqual([1, 1, 1]);
  });

  it('5 webhooks created at once: every secret is stored, none lost to a concurrent write', async () => {
    const dir = join(temp.root, 'webhooks');
    const types = ['ACCOUNT_BLOCK', 'ACCOUNT_CLOSURE', 'ACCOUNT_CLOSURE_REQUEST', 'BOOKING', 'IDENTIFICATION'];
    const results = await Promise.all(types.map((type) => run(dir, ['webhooks', 'create', '--emulator', '--event-type', type, '--url', `${receiverUrl}/${type}`, '--json'])));
    const created = results.map((result) => {
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as { id: string; secret: string };
    });
    const stored = (await readJson(join(dir, 'config.json'))).profiles.default!.solaris!.emulator!.webhook_secrets;
    expect(stored).toEqual(Object.fromEntries(created.map((w) => [w.id, w.secret])));
  });
});
