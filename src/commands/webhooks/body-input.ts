import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeFsError } from '../../config/json-store.js';
import { UsageError } from '../../errors.js';
import { readAll } from '../../io/streams.js';
import type { RunContext } from '../../run-context.js';
import { type OptionSpec, stringOpt } from '../spec.js';

/** The body to sign or verify: its exact bytes, never decoded, trimmed or re-serialised. */
export const fileOption: OptionSpec = { flags: '--file <path>', description: 'the body, byte for byte (default, or "-": standard input)' };

export function bodyOnStdin(opts: Record<string, unknown>): boolean {
  const file = stringOpt(opts, 'file');
  return file === undefined || file === '-';
}

export async function readBody(opts: Record<string, unknown>, cx: RunContext): Promise<Buffer> {
  if (bodyOnStdin(opts)) {
    // Reading a terminal would wait for typing that nobody expects.
    if (cx.streams.stdin.isTTY === true) {
      throw new UsageError('No body: give --file <path> or pipe the body in.', { hint: 'e.g. fintech-cli webhooks sign --webhook-id <id> --file body.json' });
    }
    return readAll(cx.streams.stdin);
  }
  return readFileOrUsage(cx, stringOpt(opts, 'file')!);
}

/** A file's bytes, or a usage error (exit 2) naming it. */
export async function readFileOrUsage(cx: RunContext, file: string): Promise<Buffer> {
  const path = resolve(cx.cwd, file);
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${describeFsError(error)}`, { code: 'file_unreadable', cause: error });
  }
}
