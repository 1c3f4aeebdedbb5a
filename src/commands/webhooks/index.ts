import type { CommandSpec } from '../spec.js';
import create from './create.js';
import deleteWebhook from './delete.js';
import get from './get.js';
import list from './list.js';
import listen from './listen.js';
import replay from './replay.js';
import sign from './sign.js';
import trigger from './trigger.js';
import verify from './verify.js';

/** The `webhooks` commands (Solaris), in help order. */
export const webhooksCommands: readonly CommandSpec[] = [create, list, get, deleteWebhook, listen, trigger, replay, sign, verify];
