import { confirm, input, password } from '@inquirer/prompts';
import type { Prompter } from '../context.js';

/**
 * Prompts on stderr so stdout stays data. Only called after `Io.canPrompt()`: @inquirer/prompts itself
 * does not check for a terminal and hangs on an idle stdin (docs/architecture.md).
 */
export function inquirerPrompter(signal: AbortSignal): Prompter {
  const context = { output: process.stderr, signal };
  return {
    input: (question) => input({ message: question.message, default: question.default }, context),
    password: (question) => password({ message: question.message, mask: '•' }, context),
    confirm: (question) => confirm({ message: question.message, default: question.default ?? false }, context),
  };
}
