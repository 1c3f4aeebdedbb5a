import packageJson from '../package.json' with { type: 'json' };
import type { Context } from './context.js';

/**
 * The real process as a Context. The first Ctrl-C aborts the run's signal (commands stop cleanly, exit 130);
 * a second one falls back to Node's default and ends the process at once.
 */
export function createProcessContext(): Context {
  const controller = new AbortController();
  const onSigint = () => {
    process.off('SIGINT', onSigint);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  // `fintech-cli … | head` closes the pipe early: that is the reader's choice, not a failure to report.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return {
    streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
    version: packageJson.version,
    signal: controller.signal,
  };
}
