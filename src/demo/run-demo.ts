import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/server.js';
import { CliError } from '../errors.js';
import type { RunContext } from '../run-context.js';
import { demoRunContext } from './demo-context.js';
import type { DemoEvent, DemoResult, StepReport } from './events.js';
import { giroidentSteps } from './giroident-steps.js';
import { solarisSteps } from './solaris-steps.js';
import { soldoSteps } from './soldo-steps.js';
import type { DemoSession, DemoStep } from './step.js';
import { tokenSteps } from './token-steps.js';

/** Solaris retries a refused notification after this; the demo's listener accepts the first attempt, so it only bounds a failure. */
const RETRY_INTERVAL_MS = 50;

/**
 * The tour as an engine: an emulator of every provider on a free loopback port, a temporary config directory, and
 * the steps in order, each reported as it ends. It stops at the first failed step (later ones build on earlier
 * ones) and always closes what it opened and removes the directory, also on Ctrl-C (then it throws the abort).
 */
export async function runDemo(cx: RunContext, onEvent: (event: DemoEvent) => void): Promise<DemoResult> {
  const steps: DemoStep[] = [...tokenSteps, ...solarisSteps(), ...giroidentSteps(), ...soldoSteps];
  const root = await mkdtemp(join(tmpdir(), 'fintech-cli-demo-'));
  const closers: (() => Promise<void>)[] = [];
  try {
    const emulator = await startEmulator({ port: 0, retryIntervalMs: RETRY_INTERVAL_MS, now: cx.now, signal: cx.signal });
    closers.push(() => emulator.close());
    const demoCx = demoRunContext(cx, { configDir: join(root, 'config'), emulatorUrl: emulator.url });
    closers.push(() => demoCx.dispose());
    const session: DemoSession = { cx: demoCx, emulatorUrl: emulator.url, onClose: (close) => void closers.push(close) };

    onEvent({ type: 'started', emulatorUrl: emulator.url, steps: steps.length });
    const reports: StepReport[] = [];
    for (const [at, step] of steps.entries()) {
      const index = at + 1;
      const { report, error } = await attempt(step, session, cx.signal);
      reports.push(report);
      onEvent({ type: 'step', index, report });
      if (!report.ok) return { ok: false, steps: reports, failure: { index, name: step.name, error } };
    }
    return { ok: true, steps: reports };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    await rm(root, { recursive: true, force: true });
  }
}

/** A step's report; a failure carries what was thrown, unless it was Ctrl-C, which ends the demo. */
async function attempt(step: DemoStep, session: DemoSession, signal: AbortSignal): Promise<{ report: StepReport; error?: unknown }> {
  try {
    const { command, ...outcome } = await step.run(session);
    return { report: { name: step.name, ok: true, ...outcome, command: command ?? step.command } };
  } catch (error) {
    if (signal.aborted) throw error;
    return { report: { name: step.name, ok: false, detail: describe(error), command: step.command }, error };
  }
}

function describe(error: unknown): string[] {
  if (error instanceof CliError) return error.hint === undefined ? [error.message] : [error.message, error.hint];
  return [`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`];
}
