import { describe, expect, it } from 'vitest';
import vectorFile from '../../../test/fixtures/soldo/vectors.json' with { type: 'json' };
import { exitCodeFor, UsageError } from '../../errors.js';
import { findOrderById, matchOperation, orderUnder } from '../../providers/soldo/orders.js';
import {
  collectFingerprintFields,
  computeFingerprint,
  fingerprint,
  fingerprintString,
  listRequestFields,
  namesInOrder,
  type FingerprintInput,
  type FingerprintOptions,
} from './fingerprint.js';

interface Vector {
  name: string;
  operationId: string;
  request: { method: string; url: string; contentType?: string; body?: string; token: string; now?: number };
  options?: FingerprintOptions;
  expected: {
    concatenated: string;
    fingerprint: string;
    skipped: Partial<Record<string, string>>;
    generated?: Record<string, string>;
    /** Where Soldo's sources disagree: what its OpenAPI export's order gives. */
    openapi?: { concatenated: string; fingerprint: string };
  };
}

const vectors: Vector[] = vectorFile.vectors;

/** What a command does with a vector: find the operation from the URL, then fingerprint the request. */
function vectorInput({ request, options }: Vector): FingerprintInput {
  const match = matchOperation(request.method, request.url);
  if (match === undefined) throw new Error(`no operation for ${request.url}`);
  const { now } = request;
  return {
    ...match,
    query: new URL(request.url, 'http://localhost').search,
    body: request.body,
    contentType: request.contentType,
    token: request.token,
    options: { ...options, now: now === undefined ? undefined : () => now },
  };
}

describe('known vectors (openssl-derived, see test/fixtures/soldo/make-vectors.sh)', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_, vector) => {
    const input = vectorInput(vector);
    expect(matchOperation(vector.request.method, vector.request.url)?.order.operationId).toBe(vector.operationId);
    const result = computeFingerprint(input);
    expect(result.concatenated).toBe(vector.expected.concatenated);
    expect(result.fingerprint).toBe(vector.expected.fingerprint);
    expect(result.generated).toEqual(vector.expected.generated ?? {});
    for (const [field, reason] of Object.entries(vector.expected.skipped)) {
      expect(result.rows.find((r) => r.field === field)).toMatchObject({ skipped: true, reason, value: undefined });
    }
  });

  it.each(vectors.filter((v) => v.expected.openapi !== undefined).map((v) => [v.name, v] as const))("%s under the OpenAPI export's order", (_, vector) => {
    const input = vectorInput(vector);
    const result = computeFingerprint({ ...input, order: orderUnder(matchOperation(vector.request.method, vector.request.url)!.order, 'openapi') });
    expect(result.concatenated).toBe(vector.expected.openapi?.concatenated);
    expect(result.fingerprint).toBe(vector.expected.openapi?.fingerprint);
  });

  it("reproduces providers.md's worked check", () => {
    const [worked] = vectors;
    expect(worked?.expected.fingerprint.startsWith('2681a9bc561c7458')).toBe(true);
  });
});

const token = 'TOKEN';
const order = (...fields: string[]) => ({ order: fields });
const concatenated = (input: FingerprintInput) => fingerprintString(collectFingerprintFields(input));

describe('collectFingerprintFields', () => {
  it('reports each field of the order with its value and where it came from', () => {
    const rows = collectFingerprintFields({
      order: findOrderById('wallet-internal-transfer') ?? order(),
      pathParams: { fromWalletId: 'W1', toWalletId: 'W2' },
      query: { currencyCode: 'EUR' },
      body: '{"amount":10.50,"note":"not in the order"}',
      token,
    });
    expect(rows).toEqual([
      { index: 1, field: 'amount', value: '10.50', source: 'body', skipped: false },
      { index: 2, field: 'currencyCode', value: 'EUR', source: 'query', skipped: false },
      { index: 3, field: 'fromWalletId', value: 'W1', source: 'path', skipped: false },
      { index: 4, field: 'toWalletId', value: 'W2', source: 'path', skipped: false },
      { index: 5, field: 'token', value: token, source: 'token', skipped: false },
    ]);
  });

  it('looks a name up in the path, then the query, then the body', () => {
    const input = { order: order('id'), pathParams: { id: 'path' }, query: 'id=query', body: '{"id":"body"}' };
    expect(concatenated(input)).toBe('path');
    expect(concatenated({ ...input, pathParams: {} })).toBe('query');
    expect(concatenated({ ...input, pathParams: {}, query: '' })).toBe('body');
  });

  it('skips absent, null and empty values and says why', () => {
    const rows = collectFingerprintFields({ order: order('a', 'b', 'c', 'd', 'token'), body: '{"b":null,"c":"","d":[]}' });
    expect(rows.map((r) => [r.field, r.skipped, r.reason, r.source])).toEqual([
      ['a', true, 'absent', undefined],
      ['b', true, 'empty', 'body'],
      ['c', true, 'empty', 'body'],
      ['d', true, 'empty', 'body'],
      ['token', true, 'absent', undefined],
    ]);
    expect(fingerprintString(rows)).toBe('');
  });

  it('keeps JSON numbers exactly as written, unless told otherwise', () => {
    const body = '{"a": 10.50, "b": -0.0, "c": 1E+3, "d": 7, "e": "10.50 \\"quoted\\" 3"}';
    const input = { order: order('a', 'b', 'c', 'd', 'e'), body };
    expect(concatenated(input)).toBe('10.50-0.01E+37' + '10.50 "quoted" 3');
    expect(concatenated({ ...input, options: { formatNumber: (n) => String(Number(n)) } })).toBe('10.501000' + '7' + '10.50 "quoted" 3');
  });

  it('writes booleans as true/false, or as told', () => {
    const input = { order: order('yes', 'no'), body: '{"no":false,"yes":true}' };
    expect(concatenated(input)).toBe('truefalse');
    expect(concatenated({ ...input, options: { formatBoolean: (b) => (b ? '1' : '0') } })).toBe('10');
  });

  it('joins lists with the list separator (default none), objects by their JSON', () => {
    const input = { order: order('list'), body: '{"list":["a", 2.50, true, {"k": 1.0, "n": null}, ["x", "y"]]}' };
    expect(concatenated(input)).toBe('a2.50true{"k":1.0,"n":null}xy');
    expect(concatenated({ ...input, options: { listSeparator: ',' } })).toBe('a,2.50,true,{"k":1.0,"n":null},x,y');
  });

  it('makes a repeated query or form name a list', () => {
    expect(concatenated({ order: order('tag', 'id'), query: 'tag=a&tag=b', body: 'id=1&id=2', options: { listSeparator: '|' } })).toBe('a|b1|2');
  });

  it('reads dotted names from nested objects, or as flat form names', () => {
    expect(concatenated({ order: order('m.v', 'm.missing'), body: '{"m":{"v":"nested"}}' })).toBe('nested');
    expect(concatenated({ order: order('m.v'), body: 'm.v=flat', contentType: 'application/x-www-form-urlencoded' })).toBe('flat');
  });

  it('concatenates concat(...) parts item by item and joins the items', () => {
    const body = '{"e":[{"p":"DAILY","a":5.0},{"p":"TOTAL","c":"EUR"}]}';
    expect(concatenated({ order: order('join(concat(e.p, e.a, e.c))'), body, options: { listSeparator: ';' } })).toBe('DAILY5.0;TOTALEUR');
    expect(concatenated({ order: order('concat(x, y)'), query: 'y=2&x=1' })).toBe('12');
  });

  it('always takes token from the fingerprint token, never from the request', () => {
    expect(concatenated({ order: order('token'), query: 'token=q', body: '{"token":"b"}', token })).toBe(token);
  });

  it('generates a missing request_timestamp from the injected clock', () => {
    const input = { order: order('request_timestamp', 'token'), token, options: { now: () => 1_700_000_000_123 } };
    expect(computeFingerprint(input)).toMatchObject({
      concatenated: `1700000000123${token}`,
      generated: { request_timestamp: '1700000000123' },
      rows: [{ field: 'request_timestamp', value: '1700000000123', source: 'generated', skipped: false }, { field: 'token' }],
    });
    expect(computeFingerprint({ ...input, body: '{"request_timestamp":""}' }).generated).toEqual({ request_timestamp: '1700000000123' });
  });

  it('keeps a request_timestamp the request has, and generates none without a clock', () => {
    const input = { order: order('request_timestamp'), body: '{"request_timestamp":1600000000000}', options: { now: () => 1 } };
    expect(computeFingerprint(input)).toMatchObject({ concatenated: '1600000000000', generated: {} });
    expect(collectFingerprintFields({ order: order('request_timestamp') })[0]).toMatchObject({ skipped: true, reason: 'absent' });
  });

  it('reads the body by content type, else JSON when it starts with {', () => {
    const fields = order('a');
    expect(concatenated({ order: fields, body: ' {"a":"json"}' })).toBe('json');
    expect(concatenated({ order: fields, body: 'a=form' })).toBe('form');
    expect(concatenated({ order: fields, body: '{"a":1}', contentType: 'application/json; charset=utf-8' })).toBe('1');
    expect(concatenated({ order: fields, body: 'a=%7B', contentType: 'application/x-www-form-urlencoded' })).toBe('{');
  });

  it('locates a JSON syntax error without quoting the body', () => {
    expect(() => collectFingerprintFields({ order: order('a'), body: '{"a": "secret-ish", }', contentType: 'application/json' })).toThrow(
      'The body is not valid JSON: unexpected character at line 1, column 21 (position 20).',
    );
  });

  it('reads JSON nested up to 256 levels', () => {
    const nested = `{"a":${'['.repeat(255)}"x"${']'.repeat(255)}}`;
    expect(concatenated({ order: order('a'), body: nested, contentType: 'application/json' })).toBe('x');
  });

  it('treats __proto__ as an ordinary key', () => {
    expect(concatenated({ order: order('__proto__'), body: '{"__proto__":"p"}' })).toBe('p');
  });

  it.each([
    ['invalid JSON', { body: '{"a":', contentType: 'application/json' }, 'invalid_json_body'],
    ['a JSON array', { body: '[1]', contentType: 'application/json' }, 'invalid_json_body'],
    ['a multipart body', { body: '--x', contentType: 'multipart/form-data; boundary=x' }, 'unsupported_body_type'],
    // The walk is recursive: 5000 levels overflowed the stack ("Unexpected failure") before the limit.
    ['JSON nested 5000 deep', { body: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, contentType: 'application/json' }, 'invalid_json_body'],
  ])('refuses %s as a usage error', (_, body, code) => {
    const run = () => collectFingerprintFields({ order: order('a'), ...body });
    expect(run).toThrow(UsageError);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ code });
      expect(exitCodeFor(error)).toBe(2);
    }
  });
});

describe('fingerprint', () => {
  it('is the lowercase SHA-512 hex of the UTF-8 concatenation', () => {
    const rows = collectFingerprintFields({ order: order('text', 'token'), query: 'text=Caf%C3%A9', token });
    // printf %s 'CaféTOKEN' | openssl dgst -sha512
    expect(fingerprint(rows)).toBe(
      '1b1e9defd5ec9f7089cb1ac0a6c1fcc0afe5a00c4b3ffb3613b16a83e1ee5b032f20d1c7e246de1c9baa26d81d7d142d799af011812678735ff0ee42c5100c8d',
    );
  });
});

describe('listRequestFields', () => {
  it('lists path, query and body values, each in its own order', () => {
    const fields = listRequestFields({ order: order(), pathParams: { id: 'P' }, query: 'z=1&a=', body: '{"b":true,"a":[1,2]}' });
    expect(fields).toEqual([
      { name: 'id', value: 'P', source: 'path' },
      { name: 'z', value: '1', source: 'query' },
      { name: 'a', value: undefined, source: 'query' },
      { name: 'b', value: 'true', source: 'body' },
      { name: 'a', value: '12', source: 'body' },
    ]);
  });
});

describe('namesInOrder', () => {
  it('names the top-level request fields an order reads', () => {
    expect(namesInOrder(order('a', 'join(b)', 'join(concat(c.x, c.y))', 'm.v'))).toEqual(new Set(['a', 'b', 'c.x', 'c', 'c.y', 'm.v', 'm']));
  });
});
