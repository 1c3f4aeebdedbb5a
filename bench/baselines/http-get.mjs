// The baseline of `request`: the same GET as a bare script with node:http and nothing else.
//   node bench/baselines/http-get.mjs    GET $BENCH_API_URL$BENCH_API_PATH with $BENCH_TOKEN as bearer; prints the body
import { request } from 'node:http';

const env = process.env;
request(`${env.BENCH_API_URL}${env.BENCH_API_PATH}`, { headers: { authorization: `Bearer ${env.BENCH_TOKEN}`, accept: 'application/json' } }, (res) => {
  const chunks = [];
  res.on('data', (chunk) => chunks.push(chunk));
  res.on('end', () => {
    if (res.statusCode !== 200) throw new Error(`GET answered ${res.statusCode}`);
    process.stdout.write(`${Buffer.concat(chunks)}\n`);
  });
}).end();
