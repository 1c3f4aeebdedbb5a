/** What the demo engine reports as it goes; `fintech-cli demo` renders it (human lines, or one JSON transcript). */

export interface StepReport {
  name: string;
  ok: boolean;
  /** What happened, one line each; for a failed step, the error and what to do. */
  detail: string[];
  /** The same done by hand, against `fintech-cli emulator` running in another terminal. */
  command: string;
  /** Rows shown aligned under the detail (a fingerprint's fields). */
  table?: { head: string[]; rows: string[][] };
}

export type DemoEvent =
  | { type: 'started'; emulatorUrl: string; steps: number }
  | { type: 'step'; index: number; report: StepReport };

export interface DemoResult {
  ok: boolean;
  steps: StepReport[];
  /** The step that failed (the demo stops there) and what it threw. */
  failure?: { index: number; name: string; error: unknown };
}
