import completion from '../completion.js';
import doctor from '../doctor.js';
import type { CommandSpec } from '../spec.js';
import request from './request.js';

/** `request`, `doctor` and `completion`, in help order. */
export const requestCommands: readonly CommandSpec[] = [request, doctor, completion];
