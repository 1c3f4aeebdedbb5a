import { shellWord } from '../core/shell-word.js';
import { escapeControlChars } from '../core/terminal-text.js';
import type { OutStream } from './streams.js';

/**
 * How text from outside the CLI (a provider's message or answer) is written to `stream`: on a terminal with its
 * control characters shown escaped, so that it cannot clear the screen, rewrite lines or write the clipboard (OSC 52);
 * into a pipe or a file exactly as it came, since there the bytes are the data. Decided as colour is, by `isTTY`.
 */
export function terminalSafe(stream: OutStream): (text: string) => string {
  return stream.isTTY === true ? escapeControlChars : (text) => text;
}

/**
 * A value from outside (an id a provider chose) as one word of a command we suggest on `stream`: quoted for the shell,
 * so a pasted line cannot run anything else, and inert on a terminal.
 */
export function suggestedWord(stream: OutStream, value: string): string {
  return terminalSafe(stream)(shellWord(value));
}
