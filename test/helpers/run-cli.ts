import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Context } from '../../src/context.js';
import type { Prompter } from '../../src/io/prompter.js';
import { main } from '../../src/main.js';
import type { InStream, OutStream } from '../../src/io/streams.js';

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Its bytes as given (a Buffer for bytes that are not UTF-8). */
  stdin?: string | Buffer;
  /** Pretend stdin/stdout/stderr are terminals. */
  tty?: boolean;
  now?: number;
  dispatcher?: Dispatcher;
  prompter?: Prompter;
  cwd?: string;
  /** The run's Ctrl-C signal; abort it to stop a long-running command. */
  signal?: AbortSignal;
  /** Sees stdout as it is written, e.g. to act on a long-running command's first line. */
  onStdout?: (chunk: string) => void;
  /** Sees stderr as it is written, e.g. a long-running command's log in words. */
  onStderr?: (chunk: string) => void;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Buffered implements OutStream {
  text = '';
  constructor(
    readonly isTTY: boolean,
    private readonly listener?: (chunk: string) => void,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    this.listener?.(chunk);
    return true;
  }
}

/** Runs the CLI in-process with buffers for its streams; `env` replaces the process environment entirely. */
export async function runCli(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const stdout = new Buffered(options.tty === true, options.onStdout);
  const stderr = new Buffered(options.tty === true, options.onStderr);
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]) as unknown as InStream;
  stdin.isTTY = options.tty === true;
  const ctx: Context = {
    streams: { stdin, stdout, stderr },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => options.now ?? Date.UTC(2026, 10, 25, 12, 0, 0),
    version: '0.0.0-test',
    signal: options.signal ?? new AbortController().signal,
    dispatcher: options.dispatcher,
    prompter: options.prompter,
  };
  const code = await main(argv, ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A temporary config directory; `env` points FINTECH_CLI_CONFIG_DIR at it. */
export async function tempConfig(): Promise<{ dir: string; env: Record<string, string>; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'fintech-cli-test-'));
  const dir = join(root, 'config');
  return { dir, env: { FINTECH_CLI_CONFIG_DIR: dir }, cleanup: () => rm(root, { recursive: true, force: true }) };
}
