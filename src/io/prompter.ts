import { confirm, input, password } from '@inquirer/prompts';
import { CliError } from '../errors.js';

/** Asks the user a question on a terminal; injected through the Context so tests never draw real prompts. */
export interface Prompter {
  input(question: { message: string; default?: string }): Promise<string>;
  password(question: { message: string }): Promise<string>;
  confirm(question: { message: string; default?: boolean }): Promise<boolean>;
}

/** The terminal the questions are asked on: stdin, and stderr so stdout stays data. */
export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** @inquirer/core's errors for Ctrl-C (raw mode turns it into a key, not a signal) and for our abort signal. */
const INTERRUPTED_PROMPT_ERRORS = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

/**
 * Prompts on stderr so stdout stays data. Only called after `Io.canPrompt()`: @inquirer/prompts itself
 * does not check for a terminal and hangs on an idle stdin (docs/architecture.md).
 * Ctrl-C at a question is an interruption (exit 130). Ctrl-D, or the end of the input, is a cancellation (exit 130
 * too, code `cancelled`): inquirer would otherwise wait for an answer that never comes, and the process would end
 * with exit 0 as if the question had been answered.
 */
export function inquirerPrompter(signal: AbortSignal, streams: PromptStreams = { input: process.stdin, output: process.stderr }): Prompter {
  async function ask<T>(prompt: (context: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; signal: AbortSignal }) => Promise<T>): Promise<T> {
    const closed = new AbortController();
    const onKey = (_text: unknown, key?: { ctrl?: boolean; name?: string }) => {
      if (key?.ctrl === true && key.name === 'd') closed.abort();
    };
    const onEnd = () => closed.abort();
    streams.input.on('keypress', onKey);
    streams.input.on('end', onEnd);
    try {
      return await prompt({ ...streams, signal: AbortSignal.any([signal, closed.signal]) });
    } catch (error) {
      throw promptError(error, closed.signal.aborted && !signal.aborted);
    } finally {
      streams.input.off('keypress', onKey);
      streams.input.off('end', onEnd);
    }
  }
  return {
    input: (question) => ask((context) => input({ message: question.message, default: question.default }, context)),
    password: (question) => ask((context) => password({ message: question.message, mask: '•' }, context)),
    confirm: (question) => ask((context) => confirm({ message: question.message, default: question.default ?? false }, context)),
  };
}

function promptError(error: unknown, closed: boolean): unknown {
  if (closed) {
    return new CliError('interrupted', 'Cancelled: the question was closed without an answer.', {
      code: 'cancelled',
      hint: 'Nothing was done. Run the command again to answer, or give the answer with its flags (see --help).',
      cause: error,
    });
  }
  if (error instanceof Error && INTERRUPTED_PROMPT_ERRORS.has(error.name)) {
    return new CliError('interrupted', 'Interrupted at the question.', { hint: 'Nothing was done.', cause: error });
  }
  return error;
}
