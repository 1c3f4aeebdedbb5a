import { loadCommands } from './registry.js';
import type { CommandSpec } from './spec.js';

/**
 * Every command, complete, in help order: for what needs them all (completion scripts). Importing this module
 * imports every command module, so start-up never does: it reads the light list in `registry.ts` instead.
 */
export const commands: readonly CommandSpec[] = await loadCommands();
