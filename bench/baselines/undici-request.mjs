// The baseline of `request` and `auth token`: the same call as a bare script, with undici and nothing else.
//   node bench/baselines/undici-request.mjs get    GET  $BENCH_API_URL$BENCH_API_PATH with $BENCH_TOKEN as bearer; prints the body
//   node bench/baselines/undici-request.mjs token  POST a client-credentials token request to $BENCH_AUTH_URL; prints the token
import { request } from 'undici';

const env = process.env;
if (process.argv[2] === 'token') {
  const { statusCode, body } = await request(`${env.BENCH_AUTH_URL}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${env.BENCH_CLIENT_ID}:${env.BENCH_CLIENT_SECRET}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=partners',
  });
  const json = await body.json();
  if (statusCode < 200 || statusCode > 299) throw new Error(`token request answered ${statusCode}`);
  process.stdout.write(`${json.access_token}\n`);
} else {
  const { statusCode, body } = await request(`${env.BENCH_API_URL}${env.BENCH_API_PATH}`, {
    headers: { authorization: `Bearer ${env.BENCH_TOKEN}`, accept: 'application/json' },
  });
  const text = await body.text();
  if (statusCode !== 200) throw new Error(`GET answered ${statusCode}`);
  process.stdout.write(`${text}\n`);
}
