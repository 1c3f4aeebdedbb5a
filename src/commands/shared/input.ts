/**
 * Reading a command's input: a body, a payload, a Seon fingerprint. An option value `@path` names a file, `-`
 * standard input, anything else is the text itself.
 *
 * One rule for what a file or standard input gives: its bytes exactly as read, the final newline included, as
 * `curl --data-binary @file` and `gh api --input` send them. These bytes are hashed, signed and sent: a newline
 * dropped on the way would make an HMAC or a fingerprint that the receiver does not compute. A format that
 * tolerates surrounding whitespace (Base64) says so where it is parsed, not here. (Secrets read with `--…-stdin`
 * follow their own rule: io/streams.ts `readSecret`.)
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeFsError } from '../../core/fs-errors.js';
import { UsageError } from '../../errors.js';
import { readAll } from '../../io/streams.js';
import type { RunContext } from '../../run-context.js';

type InputContext = Pick<RunContext, 'cwd' | 'streams'>;

/** How an unreadable file is reported: `Cannot read <what> <path>: <reason>`, with the command's own error code. */
export interface FileError {
  code: string;
  /** e.g. `the body file`; without it the message names the path alone. */
  what?: string;
}

/** The value of an `@file` / `-` / text option: the text as given, or the bytes of the file or of standard input. */
export function readInput(cx: InputContext, value: string, onError: FileError): Promise<string | Buffer> {
  if (value === '-') return readStdin(cx);
  if (value.startsWith('@')) return readFileInput(cx, value.slice(1), onError);
  return Promise.resolve(value);
}

/** A file's bytes (its path relative to the working directory), or a usage error (exit 2) naming it. */
export async function readFileInput(cx: InputContext, file: string, { code, what }: FileError = { code: 'file_unreadable' }): Promise<Buffer> {
  const path = resolve(cx.cwd, file);
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(`Cannot read ${what === undefined ? '' : `${what} `}${path}: ${describeFsError(error)}`, { code, cause: error });
  }
}

/** Everything on standard input, until it ends. */
export function readStdin(cx: InputContext): Promise<Buffer> {
  return readAll(cx.streams.stdin);
}
