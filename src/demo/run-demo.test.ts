import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../context.js';
import { resolveGlobals } from '../globals.js';
import type { OutStream } from '../io/streams.js';
import { createRunContext } from '../run-context.js';
import type { DemoEvent } from './events.js';
import { runDemo } from './run-demo.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fintech-cli-demo-test-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const sink: OutStream = { write: () => true };

/** A run context of a user whose own settings would break the demo if it used them. */
function userRunContext(signal: AbortSignal) {
  const env = {
    FINTECH_CLI_CONFIG_DIR: join(root, 'user-config'),
    FINTECH_CLI_SOLARIS_CLIENT_ID: 'the-users-own-client',
    FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN: 'THE-USERS-OWN-TOKEN',
    FINTECH_CLI_EMULATOR_URL: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
  };
  const ctx: Context = { streams: { stdin: Readable.from([]), stdout: sink, stderr: sink }, env, cwd: root, now: Date.now, version: '0.0.0-test', signal };
  return createRunContext(ctx, resolveGlobals({}, env));
}

describe('runDemo', () => {
  it('passes every step against its own emulator, ignoring the user\'s settings and leaving their config alone', async () => {
    const events: DemoEvent[] = [];
    const result = await runDemo(userRunContext(new AbortController().signal), (event) => events.push(event));

    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => s.name)).toEqual([
      'Solaris access token',
      'finAPI access token',
      'Soldo access token',
      'Webhook listener',
      'Webhook subscription',
      'Signed notification delivered and verified',
      'GiroIdent process',
      'GiroIdent check',
      'Soldo fingerprint of a transaction search',
      'Signed Soldo request accepted',
      'INVALID_FINGERPRINT explained',
    ]);
    expect(events[0]).toMatchObject({ type: 'started', steps: 11, emulatorUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(events.slice(1).map((e) => e.type === 'step' && e.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const step of result.steps) expect(step.command).toMatch(/^fintech-cli .*--emulator/);
    await expect(access(join(root, 'user-config'))).rejects.toThrow();

    const text = (name: string) => result.steps.find((s) => s.name === name)?.detail.join('\n') ?? '';
    expect(text('Signed notification delivered and verified')).toContain('signature valid');
    expect(text('GiroIdent process')).toMatch(/a second exchange was refused \(409 /);
    expect(text('GiroIdent check')).toMatch(/send the end user to http:\/\/127\.0\.0\.1:\d+\/finapi\/giroident\//);
    expect(text('Signed Soldo request accepted')).toContain('→ 200');
    expect(text('INVALID_FINGERPRINT explained')).toContain('INVALID_FINGERPRINT: invalid fingerprint');
    expect(text('INVALID_FINGERPRINT explained')).toContain('leaves out the fingerprint token');
    const fingerprint = result.steps.find((s) => s.name === 'Soldo fingerprint of a transaction search');
    expect(fingerprint?.table?.rows.map((row) => row[1])).toEqual(['fromDate', 'toDate', 'dateType', 'category', 'status', 'token']);
    expect(result.steps.at(-1)?.command).toMatch(/--expect [0-9a-f]{128}$/);
  });

  it('stops on Ctrl-C, throwing the abort, and closes its emulator', async () => {
    const controller = new AbortController();
    let emulatorUrl = '';
    const run = runDemo(userRunContext(controller.signal), (event) => {
      if (event.type === 'started') emulatorUrl = event.emulatorUrl;
      else controller.abort();
    });
    await expect(run).rejects.toThrow();
    await expect(fetch(`${emulatorUrl}/_admin/health`)).rejects.toThrow();
  });
});
