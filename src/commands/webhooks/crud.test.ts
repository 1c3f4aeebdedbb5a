import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type RunOptions } from '../../../test/helpers/run-cli.js';
import type { Prompter } from '../../io/prompter.js';
import { useMockedNetwork } from '../../../test/helpers/mocked-network.js';
import { SolarisMock } from '../../../test/helpers/solaris-mock.js';

const net = useMockedNetwork();

const API = 'https://api.solaris-sandbox.de';
const PROD_API = 'https://api.solarisbank.de';
const SECRET = 'whsec-0123456789abcdef0123456789abcdef';
const json = { 'content-type': 'application/json' };
const env = () => ({ ...net.config.env, FINTECH_CLI_SOLARIS_CLIENT_ID: 'partner-client', FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'partner-secret' });
const run = (argv: string[], options: RunOptions = {}) => runCli(['webhooks', ...argv], { env: env(), dispatcher: net.agent, ...options });

const interceptToken = (token = 'tok-1', environment: 'sandbox' | 'production' = 'sandbox') => new SolarisMock(net.agent, environment).token(token);

const hook = (n: number) => ({ id: `wh-${n}`, event_type: `EVENT_${n}`, url: `https://hooks.example/${n}`, secret: null });
const storedSecrets = async () => JSON.parse(await readFile(join(net.config.dir, 'config.json'), 'utf8')).profiles.default.solaris.sandbox.webhook_secrets;

describe('webhooks create', () => {
  it('sends event type and URL, shows the secret once on stdout and stores it under the id', async () => {
    interceptToken();
    const bodies: unknown[] = [];
    net.agent
      .get(API)
      .intercept({ path: '/v1/webhooks', method: 'POST', headers: { authorization: 'Bearer tok-1', 'content-type': 'application/json' } })
      .reply((req) => {
        bodies.push(JSON.parse(String(req.body)));
        return { statusCode: 201, data: { id: 'wh-1', event_type: 'IDENTIFICATION', url: 'https://hooks.example/a', secret: SECRET }, responseOptions: { headers: json } };
      });
    const result = await run(['create', '--event-type', 'IDENTIFICATION', '--url', 'https://hooks.example/a']);
    expect(bodies).toEqual([{ event_type: 'IDENTIFICATION', url: 'https://hooks.example/a' }]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`id\twh-1\nevent_type\tIDENTIFICATION\nurl\thttps://hooks.example/a\nsecret\t${SECRET}\n`);
    expect(result.stderr).toBe(`The secret is shown only this once; it is stored in ${join(net.config.dir, 'config.json')} for --webhook-id wh-1.\n`);
    expect(await storedSecrets()).toEqual({ 'wh-1': SECRET });
  });

  it('prints JSON with --json and never shows the secret in the --verbose trace', async () => {
    interceptToken();
    net.agent.get(API).intercept({ path: '/v1/webhooks', method: 'POST' }).reply(201, { id: 'wh-2', event_type: 'BOOKING', url: 'https://h/b', secret: SECRET }, { headers: json });
    const result = await run(['create', '--event-type', 'BOOKING', '--url', 'https://h/b', '--json', '--verbose']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ id: 'wh-2', event_type: 'BOOKING', url: 'https://h/b', secret: SECRET });
    expect(result.stderr).toContain('POST https://api.solaris-sandbox.de/v1/webhooks');
    expect(result.stderr).not.toContain(SECRET);
    expect(result.stderr).not.toContain('tok-1');
    expect(result.stderr).toContain('"secret":"[REDACTED]"');
  });

  it.each([
    ['invalid_webhook_url', 'Solaris POSTs an empty body with "Solaris-Webhook-Event-Type: WEBHOOK-SUBSCRIPTION"'],
    ['unsafe_webhook_url', 'Solaris delivers only to https:// URLs'],
  ])('explains %s in plain words and quotes the Solaris error', async (code, hint) => {
    interceptToken();
    const error = { id: 'err-7', status: '400', code, title: 'Invalid Webhook URL', detail: 'url is not acceptable', source: { field: 'url' } };
    net.agent.get(API).intercept({ path: '/v1/webhooks', method: 'POST' }).reply(400, { errors: [error] }, { headers: json });
    const result = await run(['create', '--event-type', 'BOOKING', '--url', 'http://example.com/x']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const [message, advice] = result.stderr.trimEnd().split('\n');
    expect(message).toBe(`error: Solaris answered 400 to creating the webhook: Invalid Webhook URL: url is not acceptable (code ${code}, id err-7)`);
    expect(advice).toContain(hint);
  });

  it('creates documented types without a note, and an undocumented one with a neutral note, sent as given', async () => {
    const bodies: unknown[] = [];
    const reply = (eventType: string) =>
      net.agent
        .get(API)
        .intercept({ path: '/v1/webhooks', method: 'POST' })
        .reply((req) => {
          bodies.push(JSON.parse(String(req.body)));
          return { statusCode: 201, data: { id: `wh-${eventType}`, event_type: eventType, url: 'https://h/x', secret: SECRET }, responseOptions: { headers: json } };
        });
    interceptToken(); // cached for the later runs
    for (const eventType of ['CARD_AUTHORIZATION_DECLINE_V2', 'CARD_FRAUD_CASE_PENDING', 'CARD_AUTHORIZATION_RESOLUTION']) {
      reply(eventType);
      const result = await run(['create', '--event-type', eventType, '--url', 'https://h/x']);
      expect(result.code).toBe(0);
      expect(result.stderr).not.toContain('note:');
      expect(result.stderr).not.toContain('warning:');
    }
    reply('CARD_SOMETHING_NEW');
    const unknown = await run(['create', '--event-type', 'CARD_SOMETHING_NEW', '--url', 'https://h/x']);
    expect(unknown.code).toBe(0);
    expect(unknown.stderr.split('\n')[0]).toBe(
      'note: CARD_SOMETHING_NEW is not among the event types Solaris documents (as this version of the CLI knows them); it is sent as given.',
    );
    expect(unknown.stderr).not.toMatch(/spelling|misspel/);
    expect(bodies.at(-1)).toEqual({ event_type: 'CARD_SOMETHING_NEW', url: 'https://h/x' });
  });

  it('tells how to store the secret when a server answers without one', async () => {
    interceptToken();
    net.agent.get(API).intercept({ path: '/v1/webhooks', method: 'POST' }).reply(201, { id: 'mock-sub-1', event_type: 'BOOKING', url: 'https://h/b' }, { headers: json });
    const result = await run(['create', '--event-type', 'BOOKING', '--url', 'https://h/b']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('id\tmock-sub-1\nevent_type\tBOOKING\nurl\thttps://h/b\n');
    expect(result.stderr).toBe(
      'warning: The answer carried no signing secret, so none was stored.\n' +
        'If the server signs with a secret you know (a mock, another tool), store it for the listener and --webhook-id: ' +
        'fintech-cli webhooks secret set mock-sub-1 --secret-stdin\n',
    );
    // The hint's command works as printed.
    const stored = await runCli(['webhooks', 'secret', 'set', 'mock-sub-1', '--secret-stdin'], { env: env(), stdin: 'mock-secret' });
    expect(stored.code).toBe(0);
    expect(await storedSecrets()).toEqual({ 'mock-sub-1': 'mock-secret' });
  });

  it('warns about an unknown event type and refuses a URL that is none, before any request', async () => {
    const result = await run(['create', '--event-type', 'IDENTIFICATON', '--url', 'not a url']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url is not a URL: not a url');
    expect((await run(['create', '--url', 'https://h'])).stderr).toContain('--event-type is required');
  });
});

describe('webhooks list', () => {
  const page = (n: number, size: number) => ({ path: '/v1/webhooks', method: 'GET', query: { 'page[number]': String(n), 'page[size]': String(size) } });
  const link = (n: number, last: number) =>
    [`<${API}/v1/webhooks?page[number]=1&page[size]=2>; rel="first"`, ...(n < last ? [`<${API}/v1/webhooks?page[number]=${n + 1}&page[size]=2>; rel="next"`] : []), `<${API}/v1/webhooks?page[number]=${last}&page[size]=2>; rel="last"`].join(', ');

  it('follows every page by the link header; TSV when piped', async () => {
    interceptToken();
    const pool = net.agent.get(API);
    pool.intercept(page(1, 2)).reply(200, [hook(1), hook(2)], { headers: { ...json, link: link(1, 3), total: '5' } });
    pool.intercept(page(2, 2)).reply(200, [hook(3), hook(4)], { headers: { ...json, link: link(2, 3), total: '5' } });
    pool.intercept(page(3, 2)).reply(200, [hook(5)], { headers: { ...json, link: link(3, 3), total: '5' } });
    const result = await run(['list', '--page-size', '2']);
    expect(result).toEqual({
      code: 0,
      stdout: [1, 2, 3, 4, 5].map((n) => `wh-${n}\tEVENT_${n}\thttps://hooks.example/${n}\n`).join(''),
      stderr: '',
    });
  });

  it('follows the total header when there is no link; a table on a terminal, JSON with --json', async () => {
    interceptToken();
    const pool = net.agent.get(API);
    pool.intercept(page(1, 1)).reply(200, [hook(1)], { headers: { ...json, total: '2' } });
    pool.intercept(page(2, 1)).reply(200, [hook(2)], { headers: { ...json, total: '2' } });
    const table = await run(['list', '--page-size', '1', '--no-color'], { tty: true });
    expect(table.stdout).toBe(
      'ID    EVENT TYPE  URL\n' + 'wh-1  EVENT_1     https://hooks.example/1\n' + 'wh-2  EVENT_2     https://hooks.example/2\n',
    );
    pool.intercept(page(1, 100)).reply(200, [hook(1)], { headers: json });
    expect(JSON.parse((await run(['list', '--json'])).stdout)).toEqual([hook(1)]);
  });

  it('says so on stderr when there are none, and checks --page-size', async () => {
    interceptToken();
    net.agent.get(API).intercept(page(1, 100)).reply(200, [], { headers: { ...json, total: '0' } });
    expect(await run(['list'])).toEqual({ code: 0, stdout: '', stderr: 'No webhook subscriptions.\n' });
    expect((await run(['list', '--page-size', '1001'])).stderr).toContain('--page-size must be a whole number from 1 to 1000');
  });
});

describe('webhooks get', () => {
  it('drops an expired token, fetches a new one and retries once', async () => {
    interceptToken('tok-old');
    await runCli(['auth', 'token', 'solaris'], { env: env(), dispatcher: net.agent });
    const pool = net.agent.get(API);
    pool.intercept({ path: '/v1/webhooks/wh-1', method: 'GET', headers: { authorization: 'Bearer tok-old' } }).reply(401, { errors: [{ id: 'e', status: 401, code: 'invalid_token', title: 'Invalid Token' }] }, { headers: json });
    interceptToken('tok-new');
    pool.intercept({ path: '/v1/webhooks/wh-1', method: 'GET', headers: { authorization: 'Bearer tok-new' } }).reply(200, hook(1), { headers: json });
    const result = await run(['get', 'wh-1']);
    expect(result).toEqual({ code: 0, stdout: 'id\twh-1\nevent_type\tEVENT_1\nurl\thttps://hooks.example/1\n', stderr: '' });
  });

  it('prints aligned fields on a terminal and label<TAB>value lines when piped, as lists', async () => {
    interceptToken();
    const pool = net.agent.get(API);
    pool.intercept({ path: '/v1/webhooks/wh-1', method: 'GET' }).reply(200, hook(1), { headers: json }).times(2);
    expect((await run(['get', 'wh-1'])).stdout).toBe('id\twh-1\nevent_type\tEVENT_1\nurl\thttps://hooks.example/1\n');
    const tty = await run(['get', 'wh-1'], { tty: true, env: { ...env(), NO_COLOR: '1' } });
    expect(tty.stdout).toBe('id          wh-1\nevent_type  EVENT_1\nurl         https://hooks.example/1\n');
  });

  it('shows the Solaris error of an unknown id', async () => {
    interceptToken();
    net.agent.get(API).intercept({ path: '/v1/webhooks/nope', method: 'GET' }).reply(404, { errors: [{ id: 'err-9', status: 404, code: 'model_not_found', title: 'Model Not Found', detail: 'No webhook nope' }] }, { headers: json });
    const result = await run(['get', 'nope']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Solaris answered 404 to getting webhook nope: Model Not Found: No webhook nope (code model_not_found, id err-9)');
  });
});

describe('answers of servers that are not Solaris', () => {
  it.each([
    ['plain text', 404, 'text/plain', 'no such route: GET /v1/webhooks/wh-1', 'Solaris answered 404 Not Found to getting webhook wh-1: no such route: GET /v1/webhooks/wh-1'],
    ['an empty body', 503, 'text/plain', '', 'Solaris answered 503 Service Unavailable to getting webhook wh-1: empty body'],
    ['an error without title or detail', 500, 'application/json', '{"errors":[{"id":"mock-err-1"}]}', 'Solaris answered 500 Internal Server Error to getting webhook wh-1: no message (id mock-err-1)'],
  ])('shows %s as text with the status line', async (_, status, type, body, message) => {
    interceptToken();
    net.agent.get(API).intercept({ path: '/v1/webhooks/wh-1', method: 'GET' }).reply(status, body, { headers: { 'content-type': type } });
    const result = await run(['get', 'wh-1', '--retries', '0']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(`error: ${message}`);
  });
});

describe('webhooks delete', () => {
  const prodEnv = () => ({ ...env(), FINTECH_CLI_ENV: 'production' });
  const prompter = (answer: boolean, asked: string[]): Prompter => ({
    input: () => Promise.reject(new Error('unexpected')),
    password: () => Promise.reject(new Error('unexpected')),
    confirm: async ({ message }) => {
      asked.push(message);
      return answer;
    },
  });

  it('deletes without a question outside production and forgets the stored secret', async () => {
    interceptToken();
    net.agent.get(API).intercept({ path: '/v1/webhooks', method: 'POST' }).reply(201, { id: 'wh-1', event_type: 'BOOKING', url: 'https://h', secret: SECRET }, { headers: json });
    await run(['create', '--event-type', 'BOOKING', '--url', 'https://h']);
    net.agent.get(API).intercept({ path: '/v1/webhooks/wh-1', method: 'DELETE' }).reply(204, '');
    expect(await run(['delete', 'wh-1'])).toEqual({ code: 0, stdout: '', stderr: '✓ Deleted webhook wh-1.\n' });
    expect(await storedSecrets()).toEqual({});
  });

  it('in production needs --yes without a terminal (exit 2, nothing sent)', async () => {
    const result = await run(['delete', 'wh-1'], { env: prodEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: Cannot ask for input: no terminal is attached.\nTo delete a production subscription without a question, add --yes.\n');
    interceptToken('tok-1', 'production');
    net.agent.get(PROD_API).intercept({ path: '/v1/webhooks/wh-1', method: 'DELETE' }).reply(204, '');
    expect((await run(['delete', 'wh-1', '--yes', '--json'], { env: prodEnv() })).stdout).toBe('{\n  "id": "wh-1",\n  "deleted": true\n}\n');
  });

  it('in production asks on a terminal, and a "no" deletes nothing', async () => {
    const asked: string[] = [];
    const declined = await run(['delete', 'wh-1'], { env: prodEnv(), tty: true, prompter: prompter(false, asked) });
    expect(declined.code).toBe(2);
    expect(declined.stderr).toContain('Not deleted.');
    expect(asked).toEqual(['Delete the production webhook wh-1? Notifications queued for it are lost.']);

    interceptToken('tok-1', 'production');
    net.agent.get(PROD_API).intercept({ path: '/v1/webhooks/wh-1', method: 'DELETE' }).reply(204, '');
    expect((await run(['delete', 'wh-1'], { env: prodEnv(), tty: true, prompter: prompter(true, asked) })).code).toBe(0);
  });
});
