import type { CommandSpec } from '../spec.js';
import usersCreate from './users/create.js';
import usersDelete from './users/delete.js';

/** The `finapi` commands (Access users), in help order. */
export const finapiCommands: readonly CommandSpec[] = [usersCreate, usersDelete];
