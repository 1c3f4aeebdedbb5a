import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Receiver {
  /** `http://127.0.0.1:<port>/solaris` */
  url: string;
  /** Every request received, in order. */
  seen: { headers: IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

/** A webhook endpoint on loopback answering `statuses` in turn (the last one forever). */
export async function startReceiver(...statuses: number[]): Promise<Receiver> {
  const seen: Receiver['seen'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      res.writeHead(statuses[Math.min(seen.length, statuses.length) - 1]!).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/solaris`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
