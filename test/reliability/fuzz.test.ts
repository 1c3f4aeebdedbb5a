/**
 * Properties, with fast-check, of the code that reads outside input:
 * - the Solaris-Webhook-Signature parser and verifier: total (never throws), a signature verifies, anything else not;
 * - the `webhooks listen` engine fed random bytes and random HTTP: it never crashes, answers every connection with a
 *   well-formed status (never a 500) or closes it, and keeps serving good requests;
 * - Soldo fingerprint value extraction: deterministic, never throws anything but its documented UsageErrors, and reads
 *   the values as sent (strings, form fields, JSON numbers digit for digit); operation lookup from a URL is total.
 * Runs are bounded so the whole file stays well under a few seconds.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFingerprintFields, computeFingerprint, type FingerprintInput } from '../../src/core/soldo/fingerprint.js';
import { parseSignatureHeader, signWebhookBody, verifyWebhookSignature, webhookAlgorithms } from '../../src/core/webhook-signature.js';
import { CliError, UsageError } from '../../src/errors.js';
import { type ListenerEvent, type RunningListener, startListener } from '../../src/providers/solaris/listener.js';
import { matchOperation, soldoOrders } from '../../src/providers/soldo/orders.js';

/** Reproducible by default; FUZZ_SEED=… replays a reported failure, FUZZ_RUNS=… digs deeper locally. */
const seed = process.env.FUZZ_SEED === undefined ? 20261125 : Number(process.env.FUZZ_SEED);
const runs = (n: number) => ({ seed, numRuns: process.env.FUZZ_RUNS === undefined ? n : Number(process.env.FUZZ_RUNS) });

describe('the webhook signature header parser and verifier', () => {
  const algorithm = fc.constantFrom(...webhookAlgorithms);
  const secret = fc.string({ minLength: 1, maxLength: 64, unit: 'binary' });
  const body = fc.uint8Array({ maxLength: 512 });

  it('parses any header without throwing: undefined, or a known digest name and the rest after the first "="', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), algorithm.chain((a) => fc.string().map((rest) => `${a}=${rest}`))), (header) => {
        const parsed = parseSignatureHeader(header);
        if (parsed === undefined) return;
        expect(webhookAlgorithms).toContain(parsed.algorithm);
        expect(parsed.digest).toBe(header.slice(header.indexOf('=') + 1).trim());
      }),
      runs(500),
    );
  });

  it('verifies any signature it made, of any bytes under any secret, also uppercased or with spaces around', () => {
    fc.assert(
      fc.property(secret, body, algorithm, (key, bytes, name) => {
        const header = signWebhookBody(key, bytes, name);
        expect(header).toMatch(new RegExp(`^${name}=[0-9a-f]+$`));
        expect(verifyWebhookSignature(key, bytes, header)).toBe(true);
        expect(verifyWebhookSignature(key, Buffer.from(bytes), ` ${name.toUpperCase()}=${header.slice(name.length + 1).toUpperCase()} `)).toBe(true);
      }),
      runs(200),
    );
  });

  it('refuses a changed digit, another secret, another body and a cut digest', () => {
    fc.assert(
      fc.property(secret, secret, body, algorithm, fc.nat(), (key, other, bytes, name, at) => {
        const header = signWebhookBody(key, bytes, name);
        const digest = header.slice(name.length + 1);
        const i = at % digest.length;
        const changed = `${name}=${digest.slice(0, i)}${digest[i] === '0' ? '1' : '0'}${digest.slice(i + 1)}`;
        expect(verifyWebhookSignature(key, bytes, changed)).toBe(false);
        expect(verifyWebhookSignature(key, bytes, header.slice(0, -1))).toBe(false);
        if (other !== key) expect(verifyWebhookSignature(other, bytes, header)).toBe(false);
        expect(verifyWebhookSignature(key, Buffer.concat([Buffer.from(bytes), Buffer.from([0])]), header)).toBe(false);
      }),
      runs(200),
    );
  });

  it('answers true or false, never throws, for any header against any body', () => {
    fc.assert(
      fc.property(secret, body, fc.string({ unit: 'binary', maxLength: 300 }), (key, bytes, header) => {
        expect(typeof verifyWebhookSignature(key, bytes, header)).toBe('boolean');
      }),
      runs(500),
    );
  });
});

describe('the webhooks listen engine under random input', () => {
  const SECRET = 'fuzz-listener-secret';
  let listener: RunningListener;
  let port: number;
  const events: ListenerEvent[] = [];

  beforeAll(async () => {
    listener = await startListener({
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 4096,
      secretFor: async () => SECRET,
      now: () => Date.UTC(2026, 10, 25),
      onEvent: (event) => events.push(event),
    });
    port = Number(new URL(listener.url).port);
  });
  afterAll(() => listener.close());

  /** Sends `bytes`, half-closes, and resolves with everything answered once the listener closes (or rejects at 3 s). */
  const exchange = (bytes: Uint8Array) =>
    new Promise<string>((resolve, reject) => {
      let answer = '';
      const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer and no close within 3 s; answered so far: ${JSON.stringify(answer)}`));
      }, 3000);
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(answer);
      });
      // A reset after an answer (the listener closing on a 4xx while bytes were still coming) is an acceptable end.
      socket.on('error', () => undefined);
    });

  const expectWellFormed = (answer: string) => {
    if (answer === '') return; // closed without an answer: allowed
    expect(answer).toMatch(/^HTTP\/1\.1 [1-5]\d\d [^\r\n]*\r\n/);
    expect(answer).not.toMatch(/^HTTP\/1\.1 500 /);
  };

  const stillServing = async () => {
    const body = '{"id":"fuzz"}';
    const signature = signWebhookBody(SECRET, body);
    const answer = await exchange(
      Buffer.from(
        `POST /solaris HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nSolaris-Webhook-Event-Type: BOOKING\r\n` +
          `Solaris-Webhook-Signature: ${signature}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      ),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  };

  it('answers random bytes with a well-formed status, or closes; never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 600 }), async (bytes) => {
        expectWellFormed(await exchange(bytes));
      }),
      runs(60),
    );
    await stillServing();
  });

  const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/);
  const headerValue = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));
  const request = fc.record({
    method: fc.oneof(fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'CONNECT'), token),
    target: fc.oneof(fc.constantFrom('/', '/solaris', '*', 'http://x/y'), fc.string({ maxLength: 30 }).map((s) => `/${s}`)),
    version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x'),
    headers: fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom('Content-Type', 'Content-Length', 'Transfer-Encoding', 'Solaris-Webhook-Signature', 'Solaris-Webhook-Event-Type', 'Solaris-Webhook-Subscription-Id', 'Solaris-Webhook-Attempt', 'Expect'),
          token,
        ),
        fc.oneof(headerValue, fc.constantFrom('chunked', 'WEBHOOK-SUBSCRIPTION', 'sha256=00', '100-continue', '-1', '99999999999999999999')),
      ),
      { maxLength: 8 },
    ),
    body: fc.uint8Array({ maxLength: 5000 }),
    contentLength: fc.oneof(fc.constant('exact'), fc.constant('none'), fc.nat({ max: 6000 }).map(String)),
  });

  it('answers random HTTP requests (bad lengths, odd headers, bodies over --max-body) well, or closes; never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const lines = [`${r.method} ${r.target} ${r.version}`, 'Host: fuzz', ...r.headers.map(([name, value]) => `${name}: ${value}`)];
        if (r.contentLength !== 'none') lines.push(`Content-Length: ${r.contentLength === 'exact' ? r.body.length : r.contentLength}`);
        const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
        expectWellFormed(await exchange(Buffer.concat([head, r.body])));
      }),
      {
        ...runs(120),
        // Found by this property: a body shorter than its Content-Length, then EOF, was a "failed to handle" warning.
        examples: [[{ method: 'POST', target: '/solaris', version: 'HTTP/1.1', headers: [], body: new Uint8Array([123]), contentLength: '10' }]],
      },
    );
    await stillServing();
    expect(events.filter((event) => event.type === 'warning')).toEqual([]);
  });
});

describe('Soldo fingerprint value extraction', () => {
  const order = fc.constantFrom(...soldoOrders);
  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,11}$/).filter((n) => n !== 'token' && n !== 'request_timestamp' && n !== 'join' && n !== 'concat');
  const text = fc.string({ maxLength: 20 });
  const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data');
  const body = fc.oneof(
    fc.constant(undefined),
    fc.json({ maxDepth: 3 }),
    fc.dictionary(name, fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }))).map((o) => JSON.stringify(o)),
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );
  const input = fc.record({
    order,
    pathParams: fc.dictionary(name, text, { maxKeys: 3 }),
    query: fc.oneof(fc.string({ maxLength: 40 }), fc.dictionary(name, text, { maxKeys: 4 })),
    body,
    contentType,
    token: fc.option(text, { nil: undefined }),
  });
  const NOW = 1_764_072_000_000;
  const options = { now: () => NOW };

  it('is deterministic, and never throws anything but its documented UsageErrors', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const given: FingerprintInput = { ...raw, options };
        let first;
        try {
          first = computeFingerprint(given);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect(['invalid_json_body', 'unsupported_body_type']).toContain((error as CliError).code);
          expect(() => computeFingerprint(given)).toThrow((error as Error).message);
          return;
        }
        expect(computeFingerprint(given)).toEqual(first);
        expect(first.fingerprint).toMatch(/^[0-9a-f]{128}$/);
        expect(first.fingerprint).toBe(createHash('sha512').update(first.concatenated, 'utf8').digest('hex'));
        expect(first.concatenated).toBe(first.rows.map((row) => row.value ?? '').join(''));
        expect(first.rows.map((row) => row.field)).toEqual(raw.order.order);
      }),
      runs(400),
    );
  });

  it('reads top-level JSON strings and form fields exactly as sent, and JSON numbers digit for digit', () => {
    const numberText = fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.stringMatching(/^[0-9]{1,4}$/)).map(([int, frac]) => `${int}.${frac}`);
    fc.assert(
      fc.property(fc.dictionary(name, fc.string({ minLength: 1, maxLength: 20 }), { minKeys: 1, maxKeys: 5 }), numberText, (fields, amount) => {
        const names = Object.keys(fields);
        const json = collectFingerprintFields({ order: { order: [...names, 'amount'] }, body: `{${[...names.map((n) => `${JSON.stringify(n)}:${JSON.stringify(fields[n])}`), `"amount":${amount}`].join(',')}}` });
        expect(json.map((row) => row.value)).toEqual([...names.map((n) => fields[n]), amount]);
        const form = collectFingerprintFields({ order: { order: names }, body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' });
        expect(form.map((row) => row.value)).toEqual(names.map((n) => fields[n]));
      }),
      runs(200),
    );
  });

  it('refuses JSON nested deeper than any Soldo body with its UsageError, not a stack overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 257, max: 20_000 }), fc.constantFrom('[', '{"a":'), (depth, open) => {
        const close = open === '[' ? ']' : '}';
        const input = { order: soldoOrders[0]!, body: `{"x":${open.repeat(depth)}1${close.repeat(depth)}}`, contentType: 'application/json' };
        expect(() => computeFingerprint(input)).toThrow(expect.objectContaining({ code: 'invalid_json_body', message: 'The JSON body is nested more than 256 levels deep.' }));
      }),
      runs(20),
    );
  });

  it('finds the operation of any URL without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'get', 'X'), fc.oneof(fc.string({ maxLength: 80 }), fc.webUrl(), order.map((o) => o.path)), (method, url) => {
        const match = matchOperation(method, url);
        if (match !== undefined) expect(soldoOrders).toContain(match.order);
      }),
      runs(300),
    );
  });
});
