import http from 'node:http';
import https from 'node:https';

const IGNORED_BODY_LIMIT = 64 * 1024;

export type PostOutcome = { status: number } | { error: string };

/**
 * One POST from the emulator to a user's URL (webhook checks and deliveries). No connection pool
 * (`agent: false`), so closing the emulator leaves no idle socket behind; the answer's body is ignored, and a body
 * longer than `IGNORED_BODY_LIMIT` ends the connection, so an endless answer cannot hold a socket open.
 * Never throws: a refused connection, a timeout or an abort comes back as `{error}`.
 */
export function postOnce(
  url: URL,
  body: Buffer,
  headers: Record<string, string>,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<PostOutcome> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'Content-Length': String(body.length) },
      signal: options.signal,
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    request.on('response', (response) => {
      clearTimeout(timer);
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > IGNORED_BODY_LIMIT) response.destroy();
      });
      response.on('error', () => undefined);
      resolve({ status: response.statusCode ?? 0 });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ error: error.code === undefined || error.code === 'ABORT_ERR' ? error.message : `${error.code}: ${error.message}` });
    });
    request.end(body);
  });
}
