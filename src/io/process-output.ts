import { fstatSync, statSync, writeSync } from 'node:fs';
import type { OutStream } from './streams.js';

/**
 * The process's stdout or stderr (`fd` 1 or 2) as the process context hands it to commands. Node builds
 * `process.stdout` on first use as a stream, which loads its whole stream library (9 million instructions, a tenth
 * of `node -e 0`); a file, a pipe, a socket or /dev/null is written directly instead, synchronously as Node's own
 * stream writes files and pipes on Linux. A terminal, or any other device, gets Node's stream (`nodeStream`), which
 * knows its width and colours and which the spinner and the prompts drive.
 *
 * A write the reader has gone away from (EPIPE: `fintech-cli … | head`) is dropped, as the context drops that error
 * of Node's streams. A descriptor left non-blocking by the parent (EAGAIN) is handed to Node's stream from there on.
 */
export function processOutput(fd: number, nodeStream: () => NodeJS.WriteStream): OutStream {
  if (!writtenDirectly(fd)) return nodeStream();
  let stream: NodeJS.WriteStream | undefined;
  let readerGone = false;
  return {
    isTTY: false,
    write(chunk: string): boolean {
      if (stream !== undefined) return stream.write(chunk);
      if (readerGone) return false;
      const data = Buffer.from(chunk, 'utf8');
      let written = 0;
      try {
        while (written < data.length) written += writeSync(fd, data, written);
        return true;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          readerGone = true;
          return false;
        }
        if (code !== 'EAGAIN') throw error;
        stream = nodeStream();
        return stream.write(data.subarray(written));
      }
    },
  };
}

/** Files, pipes, sockets and /dev/null; not terminals, other devices, nor anything on Windows (Node's stream knows those better). */
function writtenDirectly(fd: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice()) return stat.isFile() || stat.isFIFO() || stat.isSocket();
    return stat.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}
