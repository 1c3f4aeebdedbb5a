import type { CommandSpec } from '../spec.js';
import fingerprint from './fingerprint.js';
import keygen from './keygen.js';
import orders from './orders.js';
import sign from './sign.js';
import verify from './verify.js';

/** The `soldo` commands, in help order. */
export const soldoCommands: readonly CommandSpec[] = [fingerprint, sign, verify, keygen, orders];
