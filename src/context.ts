import type { Dispatcher } from 'undici';
import type { Env } from './core/env.js';
import type { Prompter } from './io/prompter.js';
import type { Streams } from './io/streams.js';

/**
 * Everything a run may touch outside its own arguments. `createProcessContext` builds it from the real
 * process; tests build it with buffers, a temp config dir, a fixed clock and a MockAgent or the emulator.
 */
export interface Context {
  streams: Streams;
  env: Env;
  cwd: string;
  now: () => number;
  version: string;
  /** Cancelled on Ctrl-C; long-running work listens to it. */
  signal: AbortSignal;
  /** An undici dispatcher to use instead of the default agent (tests: MockAgent). */
  dispatcher?: Dispatcher;
  /** Overrides the interactive prompter (tests). */
  prompter?: Prompter;
  /**
   * The secrets this run was handed on standard input (`--password-stdin` …), so that error lines and `--verbose`
   * mask them like the secrets of the environment and the config. `main` gives every run a set of its own.
   */
  secrets?: Set<string>;
}
