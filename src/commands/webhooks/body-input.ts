import { UsageError } from '../../errors.js';
import type { RunContext } from '../../run-context.js';
import { readFileInput, readInput, readStdin } from '../shared/input.js';
import type { OptionSpec, OptionValues } from '../spec.js';

/** The body to sign or verify: its exact bytes, never decoded, trimmed or re-serialised. */
export const bodyOptions = [
  { flags: '-d, --data <json|@file|->', description: 'the body, byte for byte: the text itself, a file with @, standard input with - (the default)' },
  { flags: '--file <path>', description: 'the body file', deprecated: '--data @<path>' },
] as const satisfies readonly OptionSpec[];

type BodyOptions = OptionValues<typeof bodyOptions>;

/** The body as a `--data` value: `--data` itself, the deprecated `--file` turned into `@path`, or standard input. */
function dataValue({ data, file }: BodyOptions): string {
  if (data !== undefined && file !== undefined) throw new UsageError('--data and --file both give the body.', { hint: 'Use --data alone.' });
  if (file !== undefined) return file === '-' ? '-' : `@${file}`;
  return data ?? '-';
}

export function bodyOnStdin(opts: BodyOptions): boolean {
  return dataValue(opts) === '-';
}

export async function readBody(opts: BodyOptions, cx: RunContext): Promise<Buffer> {
  const data = dataValue(opts);
  if (data === '-') {
    // Reading a terminal would wait for typing that nobody expects.
    if (cx.streams.stdin.isTTY === true) {
      throw new UsageError('No body: give --data @<path> or pipe the body in.', { hint: 'e.g. fintech-cli webhooks sign --webhook-id <id> --data @body.json' });
    }
    return readStdin(cx);
  }
  // --file's path is a path even when it starts with @.
  if (opts.file !== undefined) return readFileInput(cx, opts.file);
  const body = await readInput(cx, data, { code: 'data_file_unreadable', what: 'the body file' });
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}
