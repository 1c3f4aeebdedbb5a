import type { RunContext } from '../run-context.js';
import type { StepReport } from './events.js';

/** One step of the tour: it calls what the command in `command` calls, and throws when the outcome is not the expected one. */
export interface DemoStep {
  name: string;
  command: string;
  run(session: DemoSession): Promise<StepOutcome>;
}

/** `command` replaces the step's own when it depends on what happened (a value to paste). */
export type StepOutcome = Pick<StepReport, 'detail' | 'table'> & { command?: string };

export interface DemoSession {
  /** The emulator environment, with a temporary config directory and token cache. */
  cx: RunContext;
  emulatorUrl: string;
  /** Runs `close` when the demo ends, however it ends. */
  onClose(close: () => Promise<void>): void;
}
