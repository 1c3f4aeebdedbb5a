import { afterEach, describe, expect, it } from 'vitest';
import { adminError } from './error-format.js';
import { contractFor } from './contract.js';
import { listenHttp, type ListeningServer } from './http-server.js';
import type { EmulatorEvent, Route } from './types.js';

const servers: ListeningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const transfer = contractFor({
  spec: 'example-api 1.0 transfer',
  query: [
    { name: 'dryRun', schema: { type: 'boolean' } },
    { name: 'tags', schema: { type: 'array', items: { enum: ['a', 'b'] } } },
  ],
  body: {
    required: true,
    content: {
      'application/x-www-form-urlencoded': {
        type: 'object',
        required: ['amount', 'currency'],
        properties: { amount: { type: 'number', exclusiveMinimum: 0 }, currency: { enum: ['EUR', 'GBP'] } },
      },
    },
  },
});

async function serve(): Promise<{ url: string; events: EmulatorEvent[]; handled: string[] }> {
  const events: EmulatorEvent[] = [];
  const handled: string[] = [];
  const route: Route = {
    method: 'POST',
    path: '/transfer',
    authenticate: (req) => (req.headers.authorization === 'Bearer ok' ? undefined : { status: 401, body: { error: 'unauthorized' } }),
    contract: transfer,
    handler: (req) => {
      handled.push(req.rawBody.toString());
      return { status: 200, body: { done: true } };
    },
  };
  const server = await listenHttp({
    host: '127.0.0.1',
    port: 0,
    hostNames: 'loopback',
    services: [{ prefix: '/example', routes: [route] }],
    errorFormats: [{ root: '/example', errorFormat: adminError }],
    faults: { take: () => undefined },
    now: () => 0,
    log: (event) => events.push(event),
  });
  servers.push(server);
  return { url: `${server.url}/example/transfer`, events, handled };
}

const send = (url: string, type: string, body: string, auth = 'Bearer ok') =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': type, Authorization: auth }, body }).then(async (res) => ({
    status: res.status,
    body: (await res.json()) as { error: { code: string; message: string } },
  }));

const FORM = 'application/x-www-form-urlencoded';

describe('request contracts', () => {
  it('passes a request that follows the description to the handler', async () => {
    const { url, events, handled } = await serve();
    expect((await send(`${url}?dryRun=true`, `${FORM}; charset=utf-8`, 'amount=12.50&currency=EUR')).status).toBe(200);
    expect(handled).toEqual(['amount=12.50&currency=EUR']);
    expect(events.filter((e) => e.type === 'contract')).toEqual([]);
  });

  it.each([
    ['a wrong content type', 'application/json', '{"amount":1,"currency":"EUR"}', 415, 'header content-type', 'content-type', 'send the body as application/x-www-form-urlencoded, not application/json'],
    ['a missing required field', FORM, 'amount=1', 400, 'body currency', 'required', 'currency is required'],
    ['a value outside the enum', FORM, 'amount=1&currency=USD', 400, 'body currency', 'enum', 'currency must be one of "EUR", "GBP", not "USD"'],
    ['a number that is not one', FORM, 'amount=ten&currency=EUR', 400, 'body amount', 'type', 'amount must be a number, not string "ten"'],
  ])('answers %s in the provider format and logs a contract event', async (_name, type, body, status, field, rule, message) => {
    const { url, events, handled } = await serve();
    const answer = await send(url, type, body);
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toBe(`${message} (example-api 1.0 transfer)`);
    expect(handled).toEqual([]);
    expect(events.find((e) => e.type === 'contract')).toEqual({ type: 'contract', method: 'POST', path: '/example/transfer', field, rule, message, spec: 'example-api 1.0 transfer' });
  });

  it('checks query parameters as text', async () => {
    const { url, events } = await serve();
    expect((await send(`${url}?dryRun=maybe`, FORM, 'amount=1&currency=EUR')).status).toBe(400);
    expect(events.find((e) => e.type === 'contract')).toMatchObject({ field: 'query dryRun', rule: 'type', message: 'query dryRun must be a boolean, not string "maybe"' });
    expect((await send(`${url}?tags=a`, FORM, 'amount=1&currency=EUR')).status).toBe(200);
    expect((await send(`${url}?tags=a&tags=c`, FORM, 'amount=1&currency=EUR')).status).toBe(400);
    expect(events.filter((e) => e.type === 'contract')[1]).toMatchObject({ field: 'query tags[1]', rule: 'enum', message: 'query tags[1] must be one of "a", "b", not "c"' });
  });

  it('takes a body in any media type a declared range covers, read by the type sent', () => {
    const anyType = contractFor({ spec: 'example-api 1.0 limit', body: { content: { '*/*': { type: 'object', required: ['max'], properties: { max: { type: 'number' } } } } } });
    const request = (type: string, body: string) => ({ method: 'POST', path: '/', query: new URLSearchParams(), headers: { 'content-type': type }, rawBody: Buffer.from(body), params: {} });
    expect(anyType(request('application/json', '{"max":5}'))).toBeUndefined();
    expect(anyType(request(FORM, 'max=5'))).toBeUndefined();
    expect(anyType(request('application/json', '{"max":"five"}'))).toMatchObject({ field: 'body max', rule: 'type' });
  });

  it('refuses missing credentials before it looks at the request', async () => {
    const { url, events } = await serve();
    const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(answer.status).toBe(401);
    expect(events.some((e) => e.type === 'contract')).toBe(false);
  });
});
