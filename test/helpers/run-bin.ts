import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** The built binary (vitest's global setup builds dist/ first). */
export const BIN = fileURLToPath(new URL('../../bin/fintech-cli.js', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the whole process, start-up included. */
  ms: number;
  /** The test's own limit ran out and the process was killed. */
  timedOut: boolean;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
  /** The test's own bound on the wait: the process is killed after it. Default 15 s. */
  timeoutMs?: number;
}

/** The binary with exactly `env` (nothing of the developer's environment but PATH), stdin `input` (default empty). */
export async function runBin(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  const started = Date.now();
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1' };
  for (const [name, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[name] = value;
  const result = await execa(process.execPath, [BIN, ...args], {
    env,
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    input: options.input ?? '',
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 15_000,
    killSignal: 'SIGKILL',
  });
  return {
    code: result.exitCode ?? -1,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    ms: Date.now() - started,
    timedOut: result.timedOut,
  };
}
