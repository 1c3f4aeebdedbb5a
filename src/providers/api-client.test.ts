import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useMockedNetwork } from '../../test/helpers/mocked-network.js';
import { SolarisMock } from '../../test/helpers/solaris-mock.js';
import { testRunContext } from '../../test/helpers/test-run-context.js';
import { exitCodeFor } from '../errors.js';
import type { RunContext } from '../run-context.js';

const net = useMockedNetwork();
let cx: RunContext;

beforeEach(() => {
  cx = testRunContext({ ...net.config.env, FINTECH_CLI_SOLARIS_CLIENT_ID: 'cid', FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'csecret' }, net.agent);
});
afterEach(() => cx.dispose());

function tokenAnswers(...tokens: string[]) {
  const solaris = new SolarisMock(net.agent);
  for (const token of tokens) solaris.token(token);
}

function apiAnswer(status: number, seen: string[], method = 'GET') {
  net.agent
    .get('https://api.solaris-sandbox.de')
    .intercept({ path: '/v1/webhooks', method })
    .reply((req) => {
      seen.push(String((req.headers as Record<string, string>)['Authorization']));
      return { statusCode: status, data: status === 200 ? '[]' : JSON.stringify({ errors: [{ id: 'e1', code: 'invalid_token', title: 'Invalid token' }] }) };
    });
}

describe('callApi', () => {
  it('sends the cached token as Bearer and, on 401, fetches a new one and retries once', async () => {
    const seen: string[] = [];
    tokenAnswers('old-token', 'new-token');
    await cx.provider('solaris').token();
    apiAnswer(401, seen);
    apiAnswer(200, seen);
    const res = await cx.provider('solaris').call({ method: 'GET', path: '/v1/webhooks', what: 'listing webhooks' });
    expect(res.status).toBe(200);
    expect(seen).toEqual(['Bearer old-token', 'Bearer new-token']);
  });

  it('does not loop: a second 401 is an authentication failure (exit 4)', async () => {
    const seen: string[] = [];
    tokenAnswers('t1', 't2');
    await cx.provider('solaris').token();
    apiAnswer(401, seen);
    apiAnswer(401, seen);
    const error = await cx.provider('solaris').call({ method: 'GET', path: '/v1/webhooks', what: 'listing webhooks' }).catch((e: unknown) => e);
    expect(exitCodeFor(error)).toBe(4);
    expect(String(error)).toContain('Solaris answered 401 to listing webhooks: Invalid token (code invalid_token, id e1)');
    expect(seen).toHaveLength(2);
  });

  it('reports a 401 to a token fetched for this call at once, without sending the call again, and drops that token', async () => {
    const seen: string[] = [];
    tokenAnswers('fresh');
    apiAnswer(401, seen, 'POST');
    const error = await cx.provider('solaris').call({ method: 'POST', path: '/v1/webhooks', json: {}, what: 'creating a webhook' }).catch((e: unknown) => e);
    expect(exitCodeFor(error)).toBe(4);
    expect(seen).toEqual(['Bearer fresh']);
    tokenAnswers('next');
    expect((await cx.provider('solaris').token()).entry.access_token).toBe('next');
  });

  it('turns other error answers into API errors (exit 1) unless the caller accepts them', async () => {
    tokenAnswers('t1');
    apiAnswer(404, []);
    apiAnswer(404, []);
    const error = await cx.provider('solaris').call({ method: 'GET', path: '/v1/webhooks', what: 'listing webhooks' }).catch((e: unknown) => e);
    expect(exitCodeFor(error)).toBe(1);
    const accepted = await cx.provider('solaris').call({ method: 'GET', path: '/v1/webhooks', what: 'listing webhooks', accept: [404] });
    expect(accepted.status).toBe(404);
  });
});
