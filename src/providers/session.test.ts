import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FinapiMock, finapiHosts } from '../../test/helpers/finapi-mock.js';
import { useMockedNetwork } from '../../test/helpers/mocked-network.js';
import { testRunContext } from '../../test/helpers/test-run-context.js';
import { openConfig, setProviderSettings } from '../config/config-file.js';
import { exitCodeFor } from '../errors.js';
import type { RunContext } from '../run-context.js';

const net = useMockedNetwork();
let finapi: FinapiMock;
let cx: RunContext;

beforeEach(() => {
  finapi = new FinapiMock(net.agent);
  cx = testRunContext({ ...net.config.env, FINTECH_CLI_FINAPI_CLIENT_ID: 'cid', FINTECH_CLI_FINAPI_CLIENT_SECRET: 'csecret' }, net.agent);
});
afterEach(() => cx.dispose());

describe('a provider session', () => {
  it('is one per provider and run, and reads the credentials once', async () => {
    const session = cx.provider('finapi');
    expect(cx.provider('finapi')).toBe(session);
    const first = await session.credentials();
    // Stored after the first read: this run keeps what it read.
    await setProviderSettings(openConfig(net.config.dir), { profile: 'default', provider: 'finapi', env: 'sandbox' }, { process_url: 'https://elsewhere.example' });
    expect(await session.credentials()).toBe(first);
    expect(await session.baseUrl('process_url')).toBe(finapiHosts.process);
  });

  it('reads webhook secrets anew at each call, so a listener sees one stored after it started', async () => {
    const solaris = cx.provider('solaris');
    expect(await solaris.webhookSecret('wh1')).toBeUndefined();
    await setProviderSettings(openConfig(net.config.dir), { profile: 'default', provider: 'solaris', env: 'sandbox' }, { webhook_secrets: { wh1: 'shh' } });
    expect(await solaris.webhookSecret('wh1')).toBe('shh');
  });

  it('sends a call without a token on the same path: the provider headers, and a refusal of the client credentials is exit 4', async () => {
    finapi.answer('process', 'POST', '/api/v1/processes', 401, { errors: [{ code: 'UNAUTHORIZED_ACCESS', message: 'Bad client credentials.' }] });
    const error = await cx
      .provider('finapi')
      .call({ method: 'POST', service: 'process_url', path: '/api/v1/processes', json: {}, auth: 'none', carriesClientCredentials: true, what: 'the process creation' })
      .catch((e: unknown) => e);
    expect(exitCodeFor(error)).toBe(4);
    const [sent] = finapi.seen;
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a given token as is and never again: its 401 is an API error (exit 1), and no token is fetched', async () => {
    finapi.answer('giroident', 'GET', '/api/v2/checks/c1', 401, { errors: [{ code: 'UNAUTHORIZED', message: 'Expired.' }] });
    const error = await cx
      .provider('finapi')
      .call({ method: 'GET', service: 'giroident_url', path: '/api/v2/checks/c1', auth: { accessToken: 'given' }, what: 'the check c1' })
      .catch((e: unknown) => e);
    expect(exitCodeFor(error)).toBe(1);
    expect(finapi.seen.map((request) => request.headers.authorization)).toEqual(['Bearer given']);
  });
});
