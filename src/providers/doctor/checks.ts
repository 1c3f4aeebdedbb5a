/** `doctor`'s engine: small checks, each a function giving one outcome; the command only renders the results. */
import { CliError } from '../../errors.js';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface Outcome {
  status: CheckStatus;
  detail: string;
  /** What to do about a failure or a warning. */
  fix?: string;
}

export interface Check {
  /** `setup`, or the provider the check is about. */
  group: string;
  name: string;
  run(): Promise<Outcome>;
}

export interface CheckResult extends Outcome {
  group: string;
  name: string;
  durationMs: number;
}

export const pass = (detail: string): Outcome => ({ status: 'pass', detail });
export const fail = (detail: string, fix?: string): Outcome => ({ status: 'fail', detail, fix });
export const warn = (detail: string, fix?: string): Outcome => ({ status: 'warn', detail, fix });
export const skip = (detail: string, fix?: string): Outcome => ({ status: 'skip', detail, fix });

/**
 * Runs the checks one after the other (later ones read what earlier ones found). A check may simply call the code
 * the commands use: the CliError it throws is a failure, its message the detail and its hint the fix (Ctrl-C and bugs
 * still end the run).
 */
export async function runChecks(checks: readonly Check[], now: () => number): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const started = now();
    const outcome = await check.run().catch((error: unknown): Outcome => {
      if (!(error instanceof CliError) || error.kind === 'interrupted') throw error;
      return fail(error.message, error.hint);
    });
    results.push({ group: check.group, name: check.name, ...outcome, durationMs: now() - started });
  }
  return results;
}
