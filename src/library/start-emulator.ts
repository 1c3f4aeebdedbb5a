import type { EmulatorOptions, RunningEmulator } from './types.js';

/**
 * Starts the emulator of `fintech-cli emulator` in this process, for a test suite's `beforeAll`. Its code (node:http
 * & co., in dist/lib/emulator.js) loads on the first call, never when the library is imported.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const { startEmulator: start } = await import('./emulator.js');
  return start(options);
}
