import type { Dispatcher } from 'undici';
import type { Context } from '../../src/context.js';
import type { Env } from '../../src/core/env.js';
import { resolveGlobals } from '../../src/globals.js';
import { createRunContext, type RunContext } from '../../src/run-context.js';

/** The clock of these runs: 2026-11-25T00:00Z. */
const TEST_NOW = Date.UTC(2026, 10, 25);

/**
 * A run context for tests that call provider code directly rather than a command line: the default global options,
 * `env`, the test's dispatcher (a MockAgent) and a fixed clock; nothing on stdin, and what it prints is dropped.
 */
export function testRunContext(env: Env, dispatcher: Dispatcher): RunContext {
  const ctx: Context = {
    streams: { stdin: [] as unknown as Context['streams']['stdin'], stdout: { write: () => true }, stderr: { write: () => true } },
    env,
    cwd: '/',
    now: () => TEST_NOW,
    version: 'test',
    signal: new AbortController().signal,
    dispatcher,
  };
  return createRunContext(ctx, resolveGlobals({}, env));
}
