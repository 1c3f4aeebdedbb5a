import { describe, expect, it } from 'vitest';
import { parseSignatureHeader, signWebhookBody, verifyWebhookSignature, webhookDigest } from './webhook-signature.js';

// Known vectors: RFC 4231 test case 2 (key "Jefe", data "what do ya want for nothing?").
const key = 'Jefe';
const data = 'what do ya want for nothing?';

describe('webhook signatures', () => {
  it('computes HMAC-SHA256 and SHA512 as RFC 4231 gives them', () => {
    expect(webhookDigest(key, data)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(webhookDigest(key, data, 'sha512')).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    );
  });

  it('signs as sha256=<hex> and verifies the exact bytes only', () => {
    const header = signWebhookBody(key, data);
    expect(header).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(verifyWebhookSignature(key, data, header)).toBe(true);
    expect(verifyWebhookSignature(key, Buffer.from(data), header)).toBe(true);
    expect(verifyWebhookSignature(key, `${data}\n`, header)).toBe(false);
    expect(verifyWebhookSignature('jefe', data, header)).toBe(false);
  });

  it('accepts other digests named in the header and uppercase hex', () => {
    const header = signWebhookBody(key, data, 'sha512');
    expect(verifyWebhookSignature(key, data, header)).toBe(true);
    expect(verifyWebhookSignature(key, data, header.toUpperCase().replace('SHA512', 'sha512'))).toBe(true);
  });

  it('rejects headers without a known digest name or with a different length', () => {
    expect(parseSignatureHeader('5bdcc146')).toBeUndefined();
    expect(parseSignatureHeader('md5=abc')).toBeUndefined();
    expect(parseSignatureHeader('sha256=abc')).toEqual({ algorithm: 'sha256', digest: 'abc' });
    expect(verifyWebhookSignature(key, data, 'sha256=abc')).toBe(false);
    expect(verifyWebhookSignature(key, data, '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')).toBe(false);
  });
});
