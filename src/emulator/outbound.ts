import http from 'node:http';
import https from 'node:https';

export type PostOutcome = { status: number } | { error: string };

/**
 * One POST from the emulator to a user's URL (webhook checks and deliveries). No connection pool
 * (`agent: false`), so closing the emulator leaves no idle socket behind; the answer's body is ignored.
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
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ error: error.code === undefined || error.code === 'ABORT_ERR' ? error.message : `${error.code}: ${error.message}` });
    });
    request.end(body);
  });
}
