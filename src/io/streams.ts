import { UsageError } from '../errors.js';

/** The smallest stream surfaces the CLI needs, so tests can pass buffers instead of process streams. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface InStream extends AsyncIterable<string | Uint8Array> {
  isTTY?: boolean;
}

export interface Streams {
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
}

/** Reads standard input to its end. */
export async function readAll(stream: InStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * A secret piped on standard input. One trailing newline is what `echo` adds and is dropped; anything else
 * is part of the secret. Empty input is a usage error naming the flag. The value joins the run's secrets, so nothing
 * the run prints afterwards (an error quoting a server's echo, `--verbose`) shows it.
 */
export async function readSecret(cx: { streams: Streams; secrets?: Set<string> }, flag: string): Promise<string> {
  const value = (await readAll(cx.streams.stdin)).toString('utf8').replace(/\r?\n$/, '');
  if (value === '') {
    throw new UsageError(`${flag}: standard input was empty.`, { hint: `Pipe the value in, e.g. printf %s "$SECRET" | fintech-cli … ${flag}` });
  }
  cx.secrets?.add(value);
  return value;
}
