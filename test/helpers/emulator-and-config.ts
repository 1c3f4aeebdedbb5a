import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { tempConfig } from './run-cli.js';

export interface EmulatorAndConfig {
  /** One emulator on a free port for the whole file. */
  emulator: RunningEmulator;
  /** A fresh config folder for each test. */
  config: Awaited<ReturnType<typeof tempConfig>>;
}

/** Registers the hooks of a file that runs commands against one emulator, each test with a config of its own. */
export function useEmulatorAndConfig(): EmulatorAndConfig {
  const fixture = {} as EmulatorAndConfig;
  beforeAll(async () => {
    fixture.emulator = await startEmulator({ port: 0 });
  });
  afterAll(() => fixture.emulator.close());
  beforeEach(async () => {
    fixture.config = await tempConfig();
  });
  afterEach(() => fixture.config.cleanup());
  return fixture;
}
