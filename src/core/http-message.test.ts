import { describe, expect, it } from 'vitest';
import { formatRecordedRequest, forwardableHeaders, headerValue, parseRecordedRequest, type RecordedRequest } from './http-message.js';

const request: RecordedRequest = {
  method: 'POST',
  target: '/hooks?x=1',
  headers: [
    ['Host', '127.0.0.1:4242'],
    ['Content-Type', 'application/json'],
    ['Solaris-Webhook-Signature', 'sha256=abc'],
    ['Content-Length', '15'],
  ],
  body: Buffer.from('{"a":1}\r\n\r\n\n\xff', 'latin1'),
};

describe('recorded requests', () => {
  it('round-trips the exact body bytes, blank lines in the body included', () => {
    const bytes = formatRecordedRequest(request);
    expect(bytes.subarray(0, 36).toString()).toBe('POST /hooks?x=1 HTTP/1.1\r\nHost: 127.');
    const parsed = parseRecordedRequest(bytes);
    expect(parsed).toEqual(request);
    expect(parsed.body.equals(request.body)).toBe(true);
  });

  it('accepts a hand-written file with LF line ends and no HTTP version', () => {
    const parsed = parseRecordedRequest(Buffer.from('POST /x\nA: 1\nA: 2\n\n{}'));
    expect(parsed).toEqual({ method: 'POST', target: '/x', headers: [['A', '1'], ['A', '2']], body: Buffer.from('{}') });
    expect(headerValue(parsed.headers, 'a')).toBe('1, 2');
    expect(headerValue(parsed.headers, 'b')).toBeUndefined();
  });

  it('says what is wrong with a broken file', () => {
    expect(() => parseRecordedRequest(Buffer.from('{"a":1}'))).toThrow('no blank line');
    expect(() => parseRecordedRequest(Buffer.from('hello\r\n\r\n'))).toThrow('not a request line');
    expect(() => parseRecordedRequest(Buffer.from('POST / HTTP/1.1\r\nnot a header\r\n\r\n'))).toThrow('line 2 is not a header');
  });

  it('drops hop-by-hop headers and joins repeated ones', () => {
    expect(forwardableHeaders([...request.headers, ['Connection', 'close'], ['X-A', '1'], ['x-a', '2']])).toEqual({
      'Content-Type': 'application/json',
      'Solaris-Webhook-Signature': 'sha256=abc',
      'X-A': '1, 2',
    });
  });
});
