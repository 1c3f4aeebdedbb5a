// The baseline of `webhooks listen`: the least a receiver can do and still verify each notification — node:http,
// the body read whole, HMAC-SHA256 of it compared in constant time with Solaris-Webhook-Signature, 200 or 422.
//   BENCH_SECRET=… node bench/baselines/minimal-listener.mjs   (prints "Listening on http://127.0.0.1:PORT" on stderr)
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.BENCH_SECRET ?? '';
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const header = String(req.headers['solaris-webhook-signature'] ?? '');
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    const given = Buffer.from(header);
    const valid = given.length === expected.length && timingSafeEqual(given, expected);
    res.writeHead(valid ? 200 : 422, { 'content-length': '0' }).end();
  });
});
server.listen(0, '127.0.0.1', () => process.stderr.write(`Listening on http://127.0.0.1:${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
