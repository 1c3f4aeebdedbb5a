import { CommanderError } from 'commander';
import { commands } from './commands/index.js';
import type { Context } from './context.js';
import { buildProgram } from './program.js';
import { reportError } from './report-error.js';

/**
 * Runs one command line and returns its exit code; never exits the process (bin/ does).
 * Tests call it with a Context of buffers; the binary with the process's own.
 */
export async function main(argv: readonly string[], context?: Context): Promise<number> {
  const ctx = context ?? (await import('./process-context.js')).createProcessContext();
  try {
    await buildProgram(ctx, commands).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError && successfulExits.has(error.code)) return 0;
    return reportError(error, ctx, {
      json: argv.includes('--json'),
      debug: argv.includes('--debug') || ctx.env.FINTECH_CLI_DEBUG === '1',
      noColor: argv.includes('--no-color'),
    });
  }
}

/** Commander signals help and version output by throwing when exitOverride() is on. */
const successfulExits = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);
