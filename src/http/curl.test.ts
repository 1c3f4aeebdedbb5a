import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest } from './client.js';
import { curlEnvVars, toCurl } from './curl.js';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let server: http.Server;
let origin: string;
const received: Received[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Runs the command with bash, as a user pasting it would, and returns what the server received. */
async function runCurl(command: string, vars: Record<string, string>, stdin?: Uint8Array): Promise<Received> {
  const before = received.length;
  // --norc: stdin is a socket pair, which bash takes for rshd and would read ~/.bashrc.
  const child = spawn('bash', ['--norc', '--noprofile', '-c', `${command} --silent --show-error --output /dev/null`], {
    // Only PATH and the variables: no proxy settings from the test's environment.
    env: { PATH: process.env['PATH'], ...vars },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(received).toHaveLength(before + 1);
  return received[before]!;
}

const ids = {
  clientId: { value: 'solaris-client-id-7788', envVar: 'FINTECH_CLI_SOLARIS_CLIENT_ID' },
  clientSecret: { value: "s3cr'et$with\"quotes!", envVar: 'FINTECH_CLI_SOLARIS_CLIENT_SECRET' },
  token: { value: 'eyJhbGciOi.token.sig', envVar: 'FINTECH_CLI_TOKEN' },
  processToken: { value: 'ptok-1234abcd', envVar: 'FINTECH_CLI_PROCESS_TOKEN' },
  webhookSecret: { value: 'whsec-$pecial!`x`', envVar: 'FINTECH_CLI_WEBHOOK_SECRET' },
};

function decodeBasic(header: string | undefined): string {
  return Buffer.from((header ?? '').replace(/^Basic /, ''), 'base64').toString();
}

describe('toCurl', () => {
  it('renders a token request with --user from variables and replays it exactly', async () => {
    const req: HttpRequest = {
      method: 'POST',
      url: `${origin}/oauth2/token`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=partners',
      basicAuth: { username: ids.clientId.value, password: ids.clientSecret.value },
      secrets: [ids.clientId, ids.clientSecret],
    };
    const command = toCurl(req);
    expect(command).toBe(
      [
        `curl --request POST \\`,
        `  --url ${origin}/oauth2/token \\`,
        `  --user "$FINTECH_CLI_SOLARIS_CLIENT_ID:$FINTECH_CLI_SOLARIS_CLIENT_SECRET" \\`,
        `  --header 'Content-Type: application/x-www-form-urlencoded' \\`,
        `  --data-binary 'grant_type=client_credentials&scope=partners'`,
      ].join('\n'),
    );
    expect(curlEnvVars(req)).toEqual(['FINTECH_CLI_SOLARIS_CLIENT_ID', 'FINTECH_CLI_SOLARIS_CLIENT_SECRET']);

    const got = await runCurl(command, { FINTECH_CLI_SOLARIS_CLIENT_ID: ids.clientId.value, FINTECH_CLI_SOLARIS_CLIENT_SECRET: ids.clientSecret.value });
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/oauth2/token');
    expect(decodeBasic(got.headers.authorization)).toBe(`${ids.clientId.value}:${ids.clientSecret.value}`);
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(got.body.toString()).toBe('grant_type=client_credentials&scope=partners');
  });

  it('splices secrets into headers, URL and body, and keeps awkward characters and brackets intact', async () => {
    const body = `{"note":"it's $HOME \`x\` \\\\ !bang\\n","secret":"${ids.webhookSecret.value}"}\n`;
    const req: HttpRequest = {
      method: 'post',
      url: `${origin}/api/v1/processes/${ids.processToken.value}?invalidate=true&page[number]=1`,
      headers: { Authorization: `Bearer ${ids.token.value}`, 'Content-Type': 'application/json', 'X-Empty': '' },
      body,
      secrets: [ids.token, ids.webhookSecret, ids.processToken],
    };
    const command = toCurl(req);
    for (const secret of Object.values(ids)) expect(command).not.toContain(secret.value);
    expect(command).toContain('--globoff');
    expect(command).toContain(`--header "Authorization: Bearer $FINTECH_CLI_TOKEN"`);
    expect(curlEnvVars(req)).toEqual(['FINTECH_CLI_PROCESS_TOKEN', 'FINTECH_CLI_TOKEN', 'FINTECH_CLI_WEBHOOK_SECRET']);

    const got = await runCurl(command, {
      FINTECH_CLI_TOKEN: ids.token.value,
      FINTECH_CLI_WEBHOOK_SECRET: ids.webhookSecret.value,
      FINTECH_CLI_PROCESS_TOKEN: ids.processToken.value,
    });
    expect(got.method).toBe('POST');
    expect(got.url).toBe(`/api/v1/processes/${ids.processToken.value}?invalidate=true&page[number]=1`);
    expect(got.headers.authorization).toBe(`Bearer ${ids.token.value}`);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-empty']).toBe('');
    expect(got.body.toString()).toBe(body);
  });

  it('keeps a literal username and braces a variable that a name character follows', async () => {
    const req: HttpRequest = {
      method: 'GET',
      url: `${origin}/v1/x?t=${ids.token.value}abc`,
      basicAuth: { username: 'plain-id', password: ids.clientSecret.value },
      secrets: [ids.token, ids.clientSecret],
    };
    const command = toCurl(req);
    expect(command).toContain(`--user "plain-id:$FINTECH_CLI_SOLARIS_CLIENT_SECRET"`);
    expect(command).toContain('${FINTECH_CLI_TOKEN}abc"');
    const got = await runCurl(command, { FINTECH_CLI_TOKEN: ids.token.value, FINTECH_CLI_SOLARIS_CLIENT_SECRET: ids.clientSecret.value });
    expect(got.url).toBe(`/v1/x?t=${ids.token.value}abc`);
    expect(decodeBasic(got.headers.authorization)).toBe(`plain-id:${ids.clientSecret.value}`);
  });

  it('reads a body that is not UTF-8 from stdin, says so, and adds no Content-Type of its own', async () => {
    const bytes = new Uint8Array([0x00, 0xff, 0x27, 0x0a, 0xc3]);
    const req: HttpRequest = { method: 'PUT', url: `${origin}/upload`, body: bytes };
    const command = toCurl(req);
    expect(command.split('\n')[0]).toBe("# the body is 5 bytes of binary data: pipe them into this command's standard input");
    expect(command).toContain('--data-binary @-');
    const got = await runCurl(command, {}, bytes);
    expect(got.method).toBe('PUT');
    expect(got.headers['content-type']).toBeUndefined();
    expect([...got.body]).toEqual([...bytes]);
  });

  it('sends a body starting with @ as text, not as a file name', async () => {
    const req: HttpRequest = { method: 'POST', url: `${origin}/`, headers: { 'content-type': 'text/plain' }, body: '@/etc/passwd' };
    const command = toCurl(req);
    expect(command).toContain(`--data-raw @/etc/passwd`);
    expect((await runCurl(command, {})).body.toString()).toBe('@/etc/passwd');
  });

  it('sends form fields that hold a secret with --data-urlencode, so any character of it replays right', async () => {
    const secret = { value: 'fin&=+/%"\\ Sécret-9c4d $x `y` !z', envVar: 'FINTECH_CLI_FINAPI_CLIENT_SECRET' };
    const body = `grant_type=client_credentials&client_secret=${new URLSearchParams({ v: secret.value }).toString().slice(2)}&scope=all`;
    for (const headers of [{ 'Content-Type': 'application/x-www-form-urlencoded' }, undefined]) {
      const req: HttpRequest = { method: 'POST', url: `${origin}/api/v2/oauth/token`, headers, body, secrets: [secret] };
      const command = toCurl(req);
      expect(command).toContain(`--data-raw 'grant_type=client_credentials' \\\n  --data-urlencode "client_secret=$FINTECH_CLI_FINAPI_CLIENT_SECRET" \\\n  --data-raw 'scope=all'`);
      for (const shown of [secret.value, encodeURIComponent(secret.value), new URLSearchParams({ v: secret.value }).toString().slice(2)]) expect(command).not.toContain(shown);
      const got = await runCurl(command, { FINTECH_CLI_FINAPI_CLIENT_SECRET: secret.value });
      expect(Object.fromEntries(new URLSearchParams(got.body.toString()))).toEqual({ grant_type: 'client_credentials', client_secret: secret.value, scope: 'all' });
    }
  });

  it('never shows a secret in another encoding, and says the variable must then hold it encoded', () => {
    const token = { value: 'pt&=+/%"\\ Tökén-83e0', envVar: 'FINTECH_CLI_FINAPI_PROCESS_TOKEN' };
    const req: HttpRequest = {
      method: 'POST',
      url: `${origin}/api/v1/processes/${encodeURIComponent(token.value)}`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: token.value }),
      secrets: [token],
    };
    const command = toCurl(req);
    for (const shown of [token.value, encodeURIComponent(token.value), JSON.stringify(token.value).slice(1, -1)]) expect(command).not.toContain(shown);
    expect(command.split('\n')[0]).toBe('# here $FINTECH_CLI_FINAPI_PROCESS_TOKEN must hold the value as this request carries it: percent-encoded or JSON-escaped');
  });

  it('uses --head for HEAD and needs no variables without secrets', () => {
    const req: HttpRequest = { method: 'HEAD', url: `${origin}/v1/webhooks`, secrets: [ids.token] };
    expect(toCurl(req)).toBe(`curl --head \\\n  --url ${origin}/v1/webhooks`);
    expect(curlEnvVars(req)).toEqual([]);
  });
});
