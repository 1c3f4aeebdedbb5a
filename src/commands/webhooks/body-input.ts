import { UsageError } from '../../errors.js';
import type { RunContext } from '../../run-context.js';
import { readFileInput, readStdin } from '../shared/input.js';
import type { OptionSpec, OptionValues } from '../spec.js';

/** The body to sign or verify: its exact bytes, never decoded, trimmed or re-serialised. */
export const fileOption = { flags: '--file <path>', description: 'the body, byte for byte (default, or "-": standard input)' } as const satisfies OptionSpec;

type FileOptions = OptionValues<readonly [typeof fileOption]>;

export function bodyOnStdin({ file }: FileOptions): boolean {
  return file === undefined || file === '-';
}

export async function readBody(opts: FileOptions, cx: RunContext): Promise<Buffer> {
  if (bodyOnStdin(opts)) {
    // Reading a terminal would wait for typing that nobody expects.
    if (cx.streams.stdin.isTTY === true) {
      throw new UsageError('No body: give --file <path> or pipe the body in.', { hint: 'e.g. fintech-cli webhooks sign --webhook-id <id> --file body.json' });
    }
    return readStdin(cx);
  }
  return readFileInput(cx, opts.file!);
}
