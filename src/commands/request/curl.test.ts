import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempConfig } from '../../../test/helpers/run-cli.js';
import { computeFingerprint } from '../../core/soldo/fingerprint.js';
import { loadPublicKey, verifyFingerprintSignature } from '../../core/soldo/signature.js';
import { DEMO_SOLDO_PRIVATE_KEY_PEM, DEMO_SOLDO_PUBLIC_KEY_PEM } from '../../providers/soldo/demo-key.js';
import { matchOperation } from '../../providers/soldo/orders.js';

/** `--curl` output run by the real curl against a local server receives the same request as `request` sends. */

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let base: string;
let received: Received[];
let tokenRequests: number;
let config: Awaited<ReturnType<typeof tempConfig>>;

beforeEach(async () => {
  config = await tempConfig();
  received = [];
  tokenRequests = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/oauth2/token') || req.url?.endsWith('/oauth/authorize')) {
        tokenRequests++;
        res.end(JSON.stringify({ access_token: 'local-token-42', expires_in: 3599, token_type: 'bearer' }));
        return;
      }
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await config.cleanup();
});

const env = () => ({
  ...config.env,
  FINTECH_CLI_SOLARIS_CLIENT_ID: 'sol-client',
  FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'sol-secret-123',
  FINTECH_CLI_SOLARIS_AUTH_URL: `${base}/auth`,
  FINTECH_CLI_SOLARIS_API_URL: `${base}/api`,
  FINTECH_CLI_SOLDO_CLIENT_ID: 'soldo-client',
  FINTECH_CLI_SOLDO_CLIENT_SECRET: 'soldo-secret-123',
  FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN: 'QDX6RK6OH1CZLSWOUWBA',
  FINTECH_CLI_SOLDO_PRIVATE_KEY: DEMO_SOLDO_PRIVATE_KEY_PEM,
  FINTECH_CLI_SOLDO_API_URL: `${base}/soldo`,
});

/** Sends with `request`, then runs its `--curl` command with the variables it names set; returns both requests. */
async function sentAndReplayed(argv: string[], variables: Record<string, string>): Promise<[Received, Received, string]> {
  const now = Date.now();
  const sent = await runCli(argv, { env: env(), now });
  expect(sent.code).toBe(0);
  const shown = await runCli([...argv, '--curl'], { env: env(), now });
  expect(shown.code).toBe(0);
  for (const name of Object.keys(variables)) expect(shown.stderr).toContain(`export ${name}=`);
  const replay = await execa('bash', ['--norc', '--noprofile', '-c', shown.stdout], { env: { PATH: process.env.PATH, ...variables }, extendEnv: false });
  expect(replay.stdout).toBe('{"ok":true}');
  expect(received).toHaveLength(2);
  return [received[0]!, received[1]!, shown.stdout];
}

const compared = ({ method, url, headers, body }: Received) => ({
  method,
  url,
  body,
  headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !['user-agent', 'host', 'connection', 'content-length'].includes(name))),
});

describe('request --curl', () => {
  it('replays a Solaris request exactly, the token coming from the variable', async () => {
    const argv = ['request', 'solaris', 'POST', '/v1/webhooks?page[size]=5', '--query', 'x=a b', '-f', 'event_type=BOOKING', '-f', 'note=it\'s $HOME `x` "q"', '-H', 'X-Trace: t 1'];
    const [sent, replayed, command] = await sentAndReplayed(argv, { FINTECH_CLI_SOLARIS_TOKEN: 'local-token-42' });
    expect(command).not.toContain('local-token-42');
    expect(compared(replayed)).toEqual(compared(sent));
    expect(sent.headers.authorization).toBe('Bearer local-token-42');
    expect(JSON.parse(sent.body)).toEqual({ event_type: 'BOOKING', note: 'it\'s $HOME `x` "q"' });
  });

  it('replays a signed Soldo request whose signature verifies', async () => {
    const argv = ['request', 'soldo', 'PUT', '/business/v2/wallets/internalTransfer/W1/W2', '-F', 'amount=1.50', '-f', 'currencyCode=EUR'];
    const [sent, replayed] = await sentAndReplayed(argv, { FINTECH_CLI_SOLDO_TOKEN: 'local-token-42' });
    expect(compared(replayed)).toEqual(compared(sent));
    const path = replayed.url.replace(/^\/soldo/, '');
    const match = matchOperation('PUT', path)!;
    // Soldo's spec declares a form for the internal transfer.
    expect(replayed.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(replayed.body).toBe('currencyCode=EUR&amount=1.50');
    const { fingerprint } = computeFingerprint({ order: match.order, pathParams: match.pathParams, body: replayed.body, contentType: 'application/x-www-form-urlencoded', token: 'QDX6RK6OH1CZLSWOUWBA' });
    expect(replayed.headers['x-soldo-fingerprint']).toBe(fingerprint);
    expect(verifyFingerprintSignature(fingerprint, String(replayed.headers['x-soldo-fingerprint-signature']), loadPublicKey(DEMO_SOLDO_PUBLIC_KEY_PEM))).toBe(true);
  });

  it('sends nothing at all, not even a token request', async () => {
    const shown = await runCli(['request', 'solaris', 'GET', '/v1/webhooks', '--curl'], { env: env() });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(`curl --request GET \\\n  --url ${base}/api/v1/webhooks \\\n  --header 'Accept: application/json' \\\n  --header "Authorization: Bearer $FINTECH_CLI_SOLARIS_TOKEN"\n`);
    expect(received).toHaveLength(0);
    expect(tokenRequests).toBe(0);
  });
});
