import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import vectorFile from '../../test/fixtures/soldo/vectors.json' with { type: 'json' };
import { startReceiver } from '../../test/helpers/receiver.js';
import * as library from './index.js';
import {
  explainSoldoFingerprint,
  solarisSignature,
  soldoFingerprint,
  soldoSign,
  soldoVerify,
  startEmulator,
  verifySolarisSignature,
  type RunningEmulator,
} from './index.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/soldo/${name}`, import.meta.url), 'utf8');
const [worked] = vectorFile.vectors;
if (worked === undefined) throw new Error('test/fixtures/soldo/vectors.json has no vectors');
/** Soldo's worked example (docs/soldo.md): the transaction search; fingerprint and signature made by openssl. */
const SEARCH = { url: worked.request.url, token: worked.request.token };
const sha512 = (text: string) => createHash('sha512').update(text).digest('hex');

describe('the public API', () => {
  it('is exactly the seven functions of docs/library.md', () => {
    expect(Object.keys(library).sort()).toEqual(
      ['explainSoldoFingerprint', 'solarisSignature', 'soldoFingerprint', 'soldoSign', 'soldoVerify', 'startEmulator', 'verifySolarisSignature'],
    );
  });
});

describe('soldoFingerprint', () => {
  it("reproduces Soldo's worked example, field by field", () => {
    const result = soldoFingerprint(SEARCH);
    expect(result.fingerprint).toBe(worked.expected.fingerprint);
    expect(result.concatenated).toBe(worked.expected.concatenated);
    expect(result.fields.filter((f) => !f.skipped).map((f) => [f.field, f.value, f.source])).toEqual([
      ['fromDate', '2024-01-01', 'query'],
      ['toDate', '2024-02-01', 'query'],
      ['dateType', 'SETTLEMENT', 'query'],
      ['category', 'Payment', 'query'],
      ['status', 'Settled', 'query'],
      ['token', 'QDX6RK6OH1CZLSWOUWBA', 'token'],
    ]);
    expect(result.generated).toEqual({});
  });

  it('takes an operation id with its parameters as a record or as pairs, and the body as sent', () => {
    const body = '{"amount":10.50,"currencyCode":"EUR"}';
    const byRecord = soldoFingerprint({ operation: 'wallet-internal-transfer', params: { fromWalletId: 'W1', toWalletId: 'W2' }, body, token: 'T0K' });
    const byPairs = soldoFingerprint({ operation: 'wallet-internal-transfer', params: [['fromWalletId', 'W1'], ['toWalletId', 'W2']], body, token: 'T0K' });
    expect(byPairs).toEqual(byRecord);
    // The order: amount, currencyCode, fromWalletId, toWalletId, token.
    expect(byRecord.concatenated).toBe('10.50EURW1W2T0K');
    expect(byRecord.fingerprint).toBe(sha512('10.50EURW1W2T0K'));
    expect(soldoFingerprint({ operation: 'wallet-internal-transfer', params: { fromWalletId: 'W1', toWalletId: 'W2' }, body, token: 'T0K' }, { numbers: 'normalized' }).concatenated).toBe('10.5EURW1W2T0K');
  });

  it('generates the request_timestamp an order names from `now`, and says so', () => {
    const { concatenated, generated, fields } = soldoFingerprint({ operation: 'card-add', body: '{"name":"A"}', token: 'T' }, { now: 1_700_000_000_000 });
    expect(fields.find((f) => f.field === 'request_timestamp')).toMatchObject({ value: '1700000000000', source: 'generated' });
    expect(generated).toEqual({ request_timestamp: '1700000000000' });
    expect(concatenated).toContain('1700000000000');
  });

  it('fails with a coded error on an unknown operation', () => {
    expect(() => soldoFingerprint({ operation: 'no-such-thing', token: 'T' })).toThrow(/Unknown Soldo operation "no-such-thing"/);
  });
});

describe('explainSoldoFingerprint', () => {
  it('reports equal when the fingerprint is the request’s', () => {
    expect(explainSoldoFingerprint(SEARCH, worked.expected.fingerprint)).toEqual({ expected: worked.expected.fingerprint, equal: true });
  });

  it('finds the mistake that made another one: the token left out, the hex in upper case', () => {
    const withoutToken = sha512(worked.expected.concatenated.replace(SEARCH.token, ''));
    const report = explainSoldoFingerprint(SEARCH, withoutToken);
    expect(report.equal).toBe(false);
    if (report.equal) return;
    expect(report.mistakes[0]).toMatchObject({ name: 'token-missing', hashed: '2024-01-012024-02-01SETTLEMENTPaymentSettled' });
    expect(report.tried).toContain('token-missing');

    const upper = explainSoldoFingerprint(SEARCH, worked.expected.fingerprint.toUpperCase());
    expect(upper.equal === false && upper.mistakes.map((m) => m.name)).toContain('uppercase-hex');
  });

  it('recognises the access token hashed in place of the fingerprint token, and shows it by name', () => {
    const accessToken = 'the-oauth-access-token';
    const report = explainSoldoFingerprint(SEARCH, sha512(worked.expected.concatenated.replace(SEARCH.token, accessToken)), { accessTokens: [accessToken] });
    expect(report.equal === false && report.mistakes[0]).toMatchObject({ hashed: '2024-01-012024-02-01SETTLEMENTPaymentSettled<access token>' });
  });
});

describe('soldoSign and soldoVerify', () => {
  it('sign byte for byte as openssl did, and verify that signature', () => {
    expect(soldoSign(worked.expected.fingerprint, fixture('private.pem'))).toBe(worked.expected.signature);
    expect(soldoSign(worked.expected.fingerprint, fixture('private-encrypted.pem'), { passphrase: 'test-passphrase' })).toBe(worked.expected.signature);
    expect(soldoVerify(worked.expected.fingerprint, worked.expected.signature, fixture('public.pem'))).toBe(true);
  });

  it('refuse a signature of another fingerprint, and one in upper-case hex', () => {
    expect(soldoVerify(sha512('other'), worked.expected.signature, fixture('public.pem'))).toBe(false);
    expect(soldoVerify(worked.expected.fingerprint.toUpperCase(), worked.expected.signature, fixture('public.pem'))).toBe(false);
  });

  it('name what is wrong with a key', () => {
    expect(() => soldoSign(worked.expected.fingerprint, fixture('public.pem'))).toThrow(/Expected a private key/);
    expect(() => soldoSign(worked.expected.fingerprint, fixture('private-encrypted.pem'))).toThrow(/encrypted/);
  });
});

describe('solarisSignature and verifySolarisSignature', () => {
  const body = '{"id":"n1","amount":10.50}';
  // printf %s "$body" | openssl dgst -sha256 -hmac whsec-test
  const OPENSSL = 'sha256=e4718968b9afa5f76de4a16537939b2e85a62bc0016dffd6bc166e4daffaf3e1';

  it('sign the exact bytes with HMAC-SHA256, as openssl does', () => {
    expect(solarisSignature(body, 'whsec-test')).toBe(OPENSSL);
    expect(solarisSignature(new TextEncoder().encode(body), 'whsec-test')).toBe(OPENSSL);
  });

  it('verify a header, and refuse another body, secret or a malformed header', () => {
    expect(verifySolarisSignature(body, OPENSSL, 'whsec-test')).toBe(true);
    expect(verifySolarisSignature(body, OPENSSL.toUpperCase().replace('SHA256', 'sha256'), 'whsec-test')).toBe(true);
    expect(verifySolarisSignature(`${body} `, OPENSSL, 'whsec-test')).toBe(false);
    expect(verifySolarisSignature(body, OPENSSL, 'other')).toBe(false);
    expect(verifySolarisSignature(body, 'e4718968', 'whsec-test')).toBe(false);
    expect(verifySolarisSignature(body, `sha512=${createHmac('sha512', 'whsec-test').update(body).digest('hex')}`, 'whsec-test')).toBe(true);
  });
});

describe('startEmulator', () => {
  const withEmulator = async (use: (emulator: RunningEmulator) => Promise<void>, options?: Parameters<typeof startEmulator>[0]) => {
    const emulator = await startEmulator(options);
    try {
      await use(emulator);
    } finally {
      await emulator.close();
    }
  };
  const solarisToken = async ({ url, credentials }: RunningEmulator) => {
    const basic = Buffer.from(`${credentials.solaris.client_id}:${credentials.solaris.client_secret}`).toString('base64');
    const answer = await fetch(`${url}/solaris/auth/oauth2/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=partners',
    });
    return { status: answer.status, body: (await answer.json()) as { access_token: string } };
  };

  it('answers a token request on a free loopback port, logs what it received, and frees the port on close', async () => {
    const emulator = await startEmulator();
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.credentials.soldo.fingerprint_token).toBe('DEMOFINGERPRINTTOKEN');
    const { status, body } = await solarisToken(emulator);
    expect(status).toBe(201);
    expect(body.access_token).toMatch(/\S{16,}/);
    expect(emulator.requests()).toEqual([expect.objectContaining({ type: 'request', method: 'POST', path: '/solaris/auth/oauth2/token', status: 201 })]);
    await emulator.close();
    await emulator.close();
    const port = Number(new URL(emulator.url).port);
    await new Promise<void>((resolve, reject) => {
      const server = createServer().once('error', reject);
      server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
    });
  });

  it('logs a request that departs from the published API description as a contract event', () =>
    withEmulator(async (emulator) => {
      const answer = await fetch(`${emulator.url}/finapi/access/api/v2/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      expect(answer.status).toBe(400);
      expect(emulator.requests()).toEqual([
        expect.objectContaining({ type: 'contract', field: 'body client_id', rule: 'required', spec: expect.stringMatching(/^finapi-access-v2/) }),
        expect.objectContaining({ type: 'request', status: 400 }),
      ]);
    }));

  it('checks Soldo signatures with the public key given', () =>
    withEmulator(
      async (emulator) => {
        const authorize = await fetch(`${emulator.url}/soldo/oauth/authorize`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ client_id: emulator.credentials.soldo.client_id, client_secret: emulator.credentials.soldo.client_secret }).toString(),
        });
        const { access_token } = (await authorize.json()) as { access_token: string };
        const path = '/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01';
        const { fingerprint } = soldoFingerprint({ url: path, token: emulator.credentials.soldo.fingerprint_token });
        const send = (signature: string) =>
          fetch(`${emulator.url}/soldo${path}`, {
            headers: { Authorization: `Bearer ${access_token}`, 'X-Soldo-Fingerprint': fingerprint, 'X-Soldo-Fingerprint-Signature': signature },
          });
        expect((await send(soldoSign(fingerprint, fixture('private.pem')))).status).toBe(200);
        const refused = await send(soldoSign(sha512('another request'), fixture('private.pem')));
        expect(refused.status).toBe(400);
        expect(await refused.json()).toMatchObject({ error_code: 'INVALID_FINGERPRINT_SIGNATURE' });
      },
      { soldoPublicKey: fixture('public.pem') },
    ));

  it('triggers a Solaris event to its subscription, signed as Solaris signs', async () => {
    const receiver = await startReceiver(200);
    try {
      await withEmulator(async (emulator) => {
        const { body: token } = await solarisToken(emulator);
        const created = await fetch(`${emulator.url}/solaris/api/v1/webhooks`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ event_type: 'ACCOUNT_BLOCK', url: receiver.url }),
        });
        const { secret, id } = (await created.json()) as { secret: string; id: string };
        const triggered = await emulator.trigger('ACCOUNT_BLOCK', { payload: { id: 'acc-1', reason: 'test' }, entityId: 'acc-1' });
        expect(triggered).toMatchObject({ event_type: 'ACCOUNT_BLOCK', entity_id: 'acc-1', notifications: [{ subscription_id: id, url: receiver.url }] });
        // The first request is the check Solaris makes of a new webhook's URL, with no body.
        await expect.poll(() => receiver.seen.filter((r) => r.body !== '').length).toBe(1);
        const delivery = receiver.seen.find((r) => r.body !== '');
        expect(delivery?.body).toBe('{"id":"acc-1","reason":"test"}');
        expect(verifySolarisSignature(delivery?.body ?? '', String(delivery?.headers['solaris-webhook-signature']), secret)).toBe(true);
        await expect.poll(() => emulator.requests().some((e) => e.type === 'delivery' && e.status === 200)).toBe(true);
      });
    } finally {
      await receiver.close();
    }
  });
});
