import type { CommandSpec } from '../spec.js';
import deviceActivityCreate from './device-activity/create.js';
import deviceConsentCreate from './device-consent/create.js';

/** The `solaris` commands (device monitoring), in help order. */
export const solarisCommands: readonly CommandSpec[] = [deviceConsentCreate, deviceActivityCreate];
