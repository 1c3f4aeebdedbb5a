import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diagnoseSignature, type MistakeId } from './webhook-explain.js';

const secret = 'Jefe';
const body = 'what do ya want for nothing?';
// RFC 4231 test case 2.
const rfcHex = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

const hmac = (key: string | Buffer, data: string, algorithm = 'sha256') => createHmac(algorithm, key).update(data).digest();
const ids = (signature: string, given = body, key = secret) =>
  diagnoseSignature({ secret: key, body: Buffer.from(given), signature }).explanations.map((mistakes) => mistakes.map((m) => m.id));

describe('diagnoseSignature', () => {
  it('finds no mistake for a correct signature and gives the expected header', () => {
    const diagnosis = diagnoseSignature({ secret, body: Buffer.from(body), signature: `sha256=${rfcHex}` });
    expect(diagnosis.explanations).toEqual([[]]);
    expect(diagnosis.expected).toBe(`sha256=${rfcHex}`);
  });

  it.each<[string, string, MistakeId[]]>([
    ['a missing prefix', rfcHex, ['prefix_missing']],
    ['a Base64 digest', `sha256=${hmac(secret, body).toString('base64')}`, ['base64_digest']],
    ['Base64 without the prefix', hmac(secret, body).toString('base64'), ['prefix_missing', 'base64_digest']],
    ['a digest labelled with another algorithm', `sha256=${hmac(secret, body, 'sha512').toString('hex')}`, ['other_digest']],
    ['a dashed digest name', `sha-256=${rfcHex}`, ['prefix_missing']],
    ['a newline the signer added', `sha256=${hmac(secret, `${body}\n`).toString('hex')}`, ['trailing_newline_removed']],
    ['a secret with a newline', `sha256=${hmac(`${secret}\n`, body).toString('hex')}`, ['secret_whitespace']],
  ])('recognises %s', (_, signature, expected) => {
    expect(ids(signature)).toEqual([expected]);
  });

  it('recognises a newline added to the copy, and CRLF line endings', () => {
    expect(ids(`sha256=${rfcHex}`, `${body}\n`)).toEqual([['trailing_newline_added']]);
    expect(ids(`sha256=${hmac(secret, 'a\nb').toString('hex')}`, 'a\r\nb')).toEqual([['line_endings_changed']]);
  });

  it('recognises a re-serialised JSON body and names the style', () => {
    const original = '{"id":"abc","amount":{"value":10,"unit":"cents"},"note":"café"}';
    const pretty = JSON.stringify(JSON.parse(original), null, 2);
    const diagnosis = diagnoseSignature({ secret, body: Buffer.from(pretty), signature: `sha256=${hmac(secret, original).toString('hex')}` });
    expect(diagnosis.explanations).toHaveLength(1);
    expect(diagnosis.explanations[0]![0]!.id).toBe('body_reserialised');
    expect(diagnosis.explanations[0]![0]!.explanation).toContain('compactly');

    const python = '{"id": "abc", "amount": {"value": 10, "unit": "cents"}, "note": "caf\\u00e9"}';
    expect(diagnoseSignature({ secret, body: Buffer.from(original), signature: `sha256=${hmac(secret, python).toString('hex')}` }).explanations[0]![0]!.explanation).toContain('Python');
  });

  it('recognises a hex secret decoded to bytes', () => {
    const hexSecret = 'a1b2c3d4e5f60718';
    expect(ids(`sha256=${hmac(Buffer.from(hexSecret, 'hex'), body).toString('hex')}`, body, hexSecret)).toEqual([['secret_decoded']]);
  });

  it('says a different secret is the likely cause when nothing reproduces a well-formed signature', () => {
    const diagnosis = diagnoseSignature({ secret, body: Buffer.from(body), signature: `sha256=${hmac('other', body).toString('hex')}` });
    expect(diagnosis.explanations).toEqual([]);
    expect(diagnosis.tried).toBeGreaterThan(20);
    expect(diagnosis.notes[0]).toContain('the secret is most likely a different one');
  });

  it('points at a truncated digest and an empty body', () => {
    const diagnosis = diagnoseSignature({ secret, body: Buffer.alloc(0), signature: `sha256=${rfcHex.slice(0, 40)}` });
    expect(diagnosis.notes[0]).toContain('40 hex digits');
    expect(diagnosis.notes[1]).toContain('The body is empty');
  });
});
