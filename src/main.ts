import type { Context } from './context.js';
import { abortedBySigterm, createProcessContext } from './process-context.js';

/**
 * Runs one command line and returns its exit code; never exits the process (bin/ does).
 * Tests call it with a Context of buffers; the binary with the process's own.
 *
 * This module stays small: commander, the command tree and each command's module are imported by `runProgram`
 * as the command line needs them (docs/architecture.md, "Start-up"), and `--version` alone needs none of them.
 */
export async function main(argv: readonly string[], context?: Context): Promise<number> {
  // This run's own set of secrets read from standard input, seen by the commands and by the error report.
  const ctx: Context = { ...(context ?? createProcessContext()), secrets: new Set() };
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    ctx.streams.stdout.write(`${ctx.version}\n`);
    return 0;
  }
  try {
    const { runProgram } = await import('./program.js');
    await runProgram(ctx, argv);
    return 0;
  } catch (error) {
    const { reportError } = await import('./report-error.js');
    const code = reportError(error, ctx, {
      json: argv.includes('--json'),
      debug: argv.includes('--debug') || ctx.env.FINTECH_CLI_DEBUG === '1',
      noColor: argv.includes('--no-color'),
    });
    // 130 is the contract's code for Ctrl-C; a run ended by SIGTERM (kill, a CI timeout) exits 128 + 15, as programs do.
    return code === INTERRUPTED && abortedBySigterm(ctx.signal) ? TERMINATED : code;
  }
}

const INTERRUPTED = 130;
const TERMINATED = 143;
