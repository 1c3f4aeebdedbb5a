import packageJson from '../package.json' with { type: 'json' };
import type { Context } from './context.js';
import { processOutput } from './io/process-output.js';

const terminated = new WeakSet<AbortSignal>();

/** True when `signal` was aborted by SIGTERM rather than Ctrl-C (the abort reason stays the usual AbortError). */
export function abortedBySigterm(signal: AbortSignal): boolean {
  return terminated.has(signal);
}

/**
 * The real process as a Context. The first Ctrl-C (SIGINT) or SIGTERM aborts the run's signal: long-running
 * commands (webhooks listen, the emulator) stop cleanly, a command cut off mid-way exits 130 (Ctrl-C) or 143
 * (SIGTERM). A second signal of either kind falls back to Node's default and ends the process at once.
 * Creating it touches nothing else: stdin is opened only if a command reads it or asks whether it is a terminal.
 */
export function createProcessContext(): Context {
  const controller = new AbortController();
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    for (const name of signals) process.off(name, onSignal);
    if (signal === 'SIGTERM') terminated.add(controller.signal);
    controller.abort();
  };
  for (const name of signals) process.on(name, onSignal);
  return {
    streams: {
      // Node builds process.stdin on first access (a socket or a TTY stream): only for the commands that use it.
      get stdin() {
        return process.stdin;
      },
      stdout: processOutput(1, () => quietOnEpipe(process.stdout)),
      stderr: processOutput(2, () => quietOnEpipe(process.stderr)),
    },
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
    version: packageJson.version,
    signal: controller.signal,
  };
}

/** `fintech-cli … | head` closes the pipe early: that is the reader's choice, not a failure to report. */
function quietOnEpipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  return stream;
}
