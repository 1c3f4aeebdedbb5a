/**
 * One JSON style: every object the CLI makes itself has snake_case keys; what a provider sent is passed on untouched,
 * either as the whole output (`webhooks get`, `giroident check get`) or, beside keys of the CLI's own, under
 * `provider_body`. Each command runs against the emulator and its `--json` output is walked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli, tempConfig } from '../helpers/run-cli.js';

let emulator: RunningEmulator;
let config: Awaited<ReturnType<typeof tempConfig>>;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  config = await tempConfig();
});
afterAll(async () => {
  await emulator.close();
  await config.cleanup();
});

/** Members whose keys are data, not names the CLI chose: a provider's object, HTTP header names, Soldo field names. */
const DATA_KEYS = new Set(['provider_body', 'headers', 'generated']);
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Every key of the CLI's own objects that is not snake_case, with its path. */
function offending(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => offending(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, member]) => [
    ...(SNAKE.test(key) ? [] : [`${path}.${key}`]),
    ...(DATA_KEYS.has(key) ? [] : offending(member, `${path}.${key}`)),
  ]);
}

const run = (argv: string[], stdin?: string) =>
  runCli([...argv, '--emulator', '--json'], { env: { ...config.env, FINTECH_CLI_EMULATOR_URL: emulator.url }, stdin, now: Date.now() });

describe('--json output of the CLI', () => {
  it.each([
    ['giroident start with a check', ['giroident', 'start', '--client-reference', 'c-1', '--first-name', 'Max', '--last-name', 'Mustermann', '--iban', 'DE89370400440532013000']],
    ['finapi users create', ['finapi', 'users', 'create']],
    ['soldo fingerprint', ['soldo', 'fingerprint', '--operation', 'wallet-add', '-d', '{"name":"x"}', '--expect', '00']],
    ['soldo sign', ['soldo', 'sign', '--operation', 'wallet-add', '-d', '{"name":"x"}']],
    ['soldo orders', ['soldo', 'orders', 'transaction']],
    ['webhooks verify --explain', ['webhooks', 'verify', '--secret', 's', '--signature', 'sha256=00', '--explain', '-d', '{}']],
    ['auth token', ['auth', 'token', 'solaris']],
    ['auth status', ['auth', 'status']],
    ['doctor', ['doctor']],
    ['config path', ['config', 'path']],
  ])('%s uses snake_case keys for its own objects', async (_name, argv) => {
    const result = await run(argv);
    expect(result.stdout, result.stderr).not.toBe('');
    expect(offending(JSON.parse(result.stdout))).toEqual([]);
  });

  it('puts what finAPI sent under provider_body, untouched, beside the CLI\'s own keys', async () => {
    const started = JSON.parse((await run(['giroident', 'start', '--client-reference', 'c-2', '--first-name', 'Max', '--last-name', 'Mustermann', '--iban', 'DE89370400440532013000'])).stdout);
    expect(started.provider_body).toEqual({ 'check-id': started.check_id, 'redirect-url': started.redirect_url });
    const user = JSON.parse((await run(['finapi', 'users', 'create'])).stdout);
    expect(user.provider_body).toMatchObject({ id: user.id, isAutoUpdateEnabled: expect.any(Boolean) });
  });
});
