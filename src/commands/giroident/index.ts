import type { CommandSpec } from '../spec.js';
import checkCreate from './check/create.js';
import checkGet from './check/get.js';
import exchange from './exchange.js';
import start from './start.js';

/** The `giroident` commands, in help order. */
export const giroidentCommands: readonly CommandSpec[] = [start, exchange, checkCreate, checkGet];
