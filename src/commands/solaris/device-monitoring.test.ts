import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type RunOptions } from '../../../test/helpers/run-cli.js';
import { useMockedNetwork } from '../../../test/helpers/mocked-network.js';
import { SolarisMock } from '../../../test/helpers/solaris-mock.js';

const net = useMockedNetwork();

const API = 'https://api.solaris-sandbox.de';
const SEON = 'eyJkZXZpY2VfaWQiOiJhYmMxMjMifQ==';
const env = () => ({ ...net.config.env, FINTECH_CLI_SOLARIS_CLIENT_ID: 'c', FINTECH_CLI_SOLARIS_CLIENT_SECRET: 's' });
const run = (argv: string[], options: RunOptions = {}) => runCli(['solaris', ...argv], { env: env(), dispatcher: net.agent, ...options });

/** The token is asked for once per test: later runs find it in the cache. */
function expectPost(path: string, answer: unknown, { token = true } = {}): unknown[] {
  const bodies: unknown[] = [];
  if (token) new SolarisMock(net.agent).token('t');
  net.agent
    .get(API)
    .intercept({ path, method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' } })
    .reply((req) => {
      bodies.push(JSON.parse(String(req.body)));
      return { statusCode: 201, data: JSON.stringify(answer), responseOptions: { headers: { 'content-type': 'application/json' } } };
    });
  return bodies;
}

describe('solaris device-consent create', () => {
  it('sends the consent with confirmed_at defaulting to now', async () => {
    const bodies = expectPost('/v1/persons/p%2F1/device_consents', { id: 'dc-1', person_id: 'p/1', event_type: 'APPROVED', confirmed_at: '2026-11-25T12:00:00.000Z' });
    const result = await run(['device-consent', 'create', '--person-id', 'p/1', '--event-type', 'APPROVED']);
    expect(bodies).toEqual([{ event_type: 'APPROVED', confirmed_at: '2026-11-25T12:00:00.000Z' }]);
    expect(result).toEqual({
      code: 0,
      stdout: 'id\tdc-1\nperson_id\tp/1\nevent_type\tAPPROVED\nconfirmed_at\t2026-11-25T12:00:00.000Z\n',
      stderr: '',
    });
  });

  it('prints the answer as JSON', async () => {
    expectPost('/v1/persons/p1/device_consents', { id: 'dc-2' });
    const result = await run(['device-consent', 'create', '--person-id', 'p1', '--event-type', 'REJECTED', '--confirmed-at', '2026-01-31T13:00:00+01:00', '--json']);
    expect(JSON.parse(result.stdout)).toEqual({ id: 'dc-2' });
  });

  it.each([
    [['--event-type', 'MAYBE', '--person-id', 'p'], "argument 'MAYBE' is invalid"],
    [['--event-type', 'APPROVED'], '--person-id is required.'],
    [['--person-id', 'p', '--event-type', 'APPROVED', '--confirmed-at', '2026-01-31 12:00'], '--confirmed-at is not an ISO 8601 date-time with a zone'],
    [['--person-id', 'p', '--event-type', 'APPROVED', '--confirmed-at', '2026-11-25T12:00:01Z'], '--confirmed-at is in the future'],
  ])('exits 2 before sending anything: %j', async (argv, message) => {
    const result = await run(['device-consent', 'create', ...argv]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('solaris device-activity create', () => {
  it('sends the Seon fingerprint as device_data, from the option or @file', async () => {
    const bodies = expectPost('/v1/persons/p1/device_activities', { id: 'da-1', person_id: 'p1', activity_type: 'APP_START' });
    const file = join(net.config.dir, '..', 'seon.txt');
    await writeFile(file, `${SEON}\n`);
    const result = await run(['device-activity', 'create', '--person-id', 'p1', '--activity-type', 'APP_START', '--device-data', `@${file}`]);
    expect(result.code).toBe(0);
    expect(bodies).toEqual([{ activity_type: 'APP_START', device_data: SEON }]);
    expect(result.stdout).toBe('id\tda-1\nperson_id\tp1\nactivity_type\tAPP_START\n');

    const again = expectPost('/v1/persons/p1/device_activities', { id: 'da-2' }, { token: false });
    await run(['device-activity', 'create', '--person-id', 'p1', '--activity-type', 'PASSWORD_RESET', '--device-data', SEON]);
    expect(again).toEqual([{ activity_type: 'PASSWORD_RESET', device_data: SEON }]);
  });

  it.each([
    [['--device-data', 'not base64!'], '--device-data is not Base64.'],
    [['--device-data', '@/nonexistent/seon.txt'], 'Cannot read /nonexistent/seon.txt'],
    [['--device-data', SEON, '--activity-type', 'LOGIN'], "argument 'LOGIN' is invalid"],
  ])('exits 2 before sending anything: %j', async (argv, message) => {
    const result = await run(['device-activity', 'create', '--person-id', 'p1', '--activity-type', 'APP_START', ...argv]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
