import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Context } from './context.js';
import { ApiError, AuthError, CliError, exitCodeFor, NetworkError, UsageError, VerificationError } from './errors.js';
import { hasControlChars } from './core/terminal-text.js';
import { reportError } from './report-error.js';

function context(aborted = false, isTTY = false): { ctx: Context; stderr: () => string } {
  let text = '';
  const controller = new AbortController();
  if (aborted) controller.abort();
  const ctx: Context = {
    streams: { stdin: [] as unknown as Context['streams']['stdin'], stdout: { write: () => true }, stderr: { isTTY, write: (s: string) => (text += s) } },
    env: {},
    cwd: '/',
    now: () => 0,
    version: 'test',
    signal: controller.signal,
  };
  return { ctx, stderr: () => text };
}

const plain = { json: false, debug: false, noColor: true };

describe('the exit-code table', () => {
  it.each([
    [new ApiError('x'), 1],
    [new Error('boom'), 1],
    [new UsageError('x'), 2],
    [new VerificationError('x'), 3],
    [new AuthError('x'), 4],
    [new NetworkError('x'), 5],
    [new CliError('interrupted', 'x'), 130],
  ])('maps %s to %i', (error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });
});

describe('reportError', () => {
  it('prints the message and the hint as two lines, without a stack', () => {
    const { ctx, stderr } = context();
    const code = reportError(new AuthError('No client_id for solaris', { hint: 'Set FINTECH_CLI_SOLARIS_CLIENT_ID.' }), ctx, plain);
    expect(code).toBe(4);
    expect(stderr()).toBe('error: No client_id for solaris\nSet FINTECH_CLI_SOLARIS_CLIENT_ID.\n');
  });

  it('prints the contract JSON shape with --json', () => {
    const { ctx, stderr } = context();
    reportError(new ApiError('Solaris answered 404', { status: 404, provider: 'solaris', code: 'model_not_found' }), ctx, { ...plain, json: true });
    expect(JSON.parse(stderr())).toEqual({
      error: { code: 'model_not_found', message: 'Solaris answered 404', status: 404, provider: 'solaris' },
    });
  });

  it('adds the stack only with --debug, and wraps unexpected errors with a hint', () => {
    const quiet = context();
    expect(reportError(new TypeError('x is undefined'), quiet.ctx, plain)).toBe(1);
    expect(quiet.stderr()).toBe('error: Unexpected failure: x is undefined\nRun again with --debug for details, and report it if it persists.\n');
    const loud = context();
    reportError(new TypeError('x is undefined'), loud.ctx, { ...plain, debug: true });
    expect(loud.stderr()).toMatch(/TypeError: x is undefined\n\s+at /);
  });

  it('maps an aborted run to 130 and commander errors to usage errors', () => {
    expect(reportError(new Error('aborted'), context(true).ctx, plain)).toBe(130);
    const usage = context();
    expect(reportError(new CommanderError(1, 'commander.missingArgument', "error: missing required argument 'provider'"), usage.ctx, plain)).toBe(2);
    expect(usage.stderr()).toBe("error: missing required argument 'provider'\nRun with --help to see the usage.\n");
  });

  it('masks every secret the run knows of, with and without --debug, and folds a message to one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fintech-cli-report-'));
    try {
      await writeFile(
        join(dir, 'config.json'),
        JSON.stringify({ version: 1, profiles: { default: { solaris: { sandbox: { client_id: 'visible-id', client_secret: 'stored-secret-1', webhook_secrets: { w1: 'hook-secret-2' } } } } } }),
      );
      await writeFile(join(dir, 'tokens.json'), JSON.stringify({ version: 1, tokens: { k: { access_token: 'cached-token-3', refresh_token: 'refresh-token-4' } } }));
      const env = { FINTECH_CLI_CONFIG_DIR: dir, FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN: 'env-token-5', HTTPS_PROXY: 'http://user:proxy-pass-6@proxy:3128' };
      const error = new TypeError('boom: stored-secret-1 hook-secret-2 cached-token-3 refresh-token-4 env-token-5 proxy-pass-6 visible-id\nsecond line');
      for (const debug of [false, true]) {
        const { ctx, stderr } = context();
        reportError(error, { ...ctx, env }, { ...plain, debug });
        const [first] = stderr().split('\n');
        expect(first).toBe(`error: Unexpected failure: boom: ${Array(6).fill('[REDACTED]').join(' ')} visible-id second line`);
        expect(stderr()).not.toMatch(/stored-secret-1|hook-secret-2|cached-token-3|refresh-token-4|env-token-5|proxy-pass-6/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("masks the run's secrets read from standard input, in every encoding", () => {
    const { ctx, stderr } = context();
    const password = 'pw&=+/%"\\ Pässwort';
    reportError(new ApiError(`finAPI answered 400: you sent password=${new URLSearchParams({ v: password }).toString().slice(2)} "${JSON.stringify(password).slice(1, -1)}"`), { ...ctx, secrets: new Set([password]) }, plain);
    expect(stderr()).toBe('error: finAPI answered 400: you sent password=[REDACTED] "[REDACTED]"\n');
  });

  it('shows control characters of a message and hint escaped on a terminal, exact in a pipe and in --json', () => {
    const hostile = 'x\u001b]52;c;ZWNobyBvd25lZA==\u0007\u001b[2Jy';
    const error = () => new ApiError(`Solaris answered 400: ${hostile}`, { hint: `see ${hostile}` });
    const terminal = context(false, true);
    reportError(error(), terminal.ctx, { ...plain, debug: true });
    expect(terminal.stderr()).toMatch(/^error: Solaris answered 400: x\\x1b\]52;c;ZWNobyBvd25lZA==\\x07\\x1b\[2Jy\nsee x\\x1b.*\\x07.*\n\w*Error: Solaris answered 400: x\\x1b/);
    expect(hasControlChars(terminal.stderr())).toBe(false);
    const piped = context();
    reportError(error(), piped.ctx, plain);
    expect(piped.stderr()).toBe(`error: Solaris answered 400: ${hostile}\nsee ${hostile}\n`);
    const json = context(false, true);
    reportError(error(), json.ctx, { ...plain, json: true });
    expect(JSON.parse(json.stderr())).toEqual({ error: { code: 'api_error', message: `Solaris answered 400: ${hostile}`, hint: `see ${hostile}` } });
  });
});
