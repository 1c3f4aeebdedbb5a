import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, sha256Hex, sha512Hex } from './sha2.js';

const bytes = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);
const two448 = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
const two896 =
  'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu';
const millionA = 'a'.repeat(1_000_000);

// The FIPS 180-4 example vectors (NIST CSRC "Examples with Intermediate Values"), independent of node:crypto.
describe('sha256Hex', () => {
  it.each([
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['the 448-bit message', two448, '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['the 896-bit message', two896, 'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1'],
    ['one million "a"', millionA, 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ])('hashes %s', (_name, input, expected) => {
    expect(sha256Hex(input)).toBe(expected);
    expect(sha256Hex(new TextEncoder().encode(input))).toBe(expected);
  });
});

describe('sha512Hex', () => {
  it.each([
    [
      '"abc"',
      'abc',
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    ],
    [
      'the empty string',
      '',
      'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
    ],
    [
      'the 448-bit message',
      two448,
      '204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445',
    ],
    [
      'the 896-bit message',
      two896,
      '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909',
    ],
    [
      'one million "a"',
      millionA,
      'e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b',
    ],
  ])('hashes %s', (_name, input, expected) => {
    expect(sha512Hex(input)).toBe(expected);
    expect(sha512Hex(new TextEncoder().encode(input))).toBe(expected);
  });
});

// RFC 4231 §4 (case 5 is a truncated MAC, which this API does not offer).
describe('hmacSha256Hex', () => {
  it.each([
    [1, bytes(20, 0x0b), 'Hi There', 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [2, 'Jefe', 'what do ya want for nothing?', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    [3, bytes(20, 0xaa), bytes(50, 0xdd), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    [
      4,
      Uint8Array.from({ length: 25 }, (_, i) => i + 1),
      bytes(50, 0xcd),
      '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
    ],
    [
      6,
      bytes(131, 0xaa),
      'Test Using Larger Than Block-Size Key - Hash Key First',
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      7,
      bytes(131, 0xaa),
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be ' +
        'hashed before being used by the HMAC algorithm.',
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ])('matches RFC 4231 test case %i', (_case, key, data, expected) => {
    expect(hmacSha256Hex(key, data)).toBe(expected);
  });
});

describe('against node:crypto', () => {
  // A seeded generator (mulberry32), so a failure reproduces.
  let seed = 0x5eed;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  };
  const randomBytes = (length: number): Uint8Array => Uint8Array.from({ length }, () => Math.floor(random() * 256));
  const node = (algorithm: string, data: Uint8Array | string): string =>
    createHash(algorithm).update(data).digest('hex');
  const nodeHmac = (key: Uint8Array | string, data: Uint8Array | string): string =>
    createHmac('sha256', key).update(data).digest('hex');

  // Every length 0..300, so each padding case (the length field fitting in the last block or spilling into another)
  // is met for both block sizes, plus a second sample at the block boundaries.
  const boundaries = [55, 56, 63, 64, 111, 112, 127, 128, 129];
  const lengths = [...Array.from({ length: 301 }, (_, i) => i), ...boundaries];

  it(`hashes random bytes of ${lengths.length} lengths from 0 to 300 alike`, () => {
    for (const length of lengths) {
      const data = randomBytes(length);
      expect(sha256Hex(data), `SHA-256 of ${length} bytes`).toBe(node('sha256', data));
      expect(sha512Hex(data), `SHA-512 of ${length} bytes`).toBe(node('sha512', data));
    }
  });

  // Characters of 1 to 4 UTF-8 bytes, added until the text reaches at least the target length in bytes.
  const alphabet = ['a', 'Z', '0', ' ', 'é', 'ß', 'Ω', '€', '中', '✓', '😀', '𝄞'];
  const randomText = (minBytes: number): string => {
    const chars: string[] = [];
    let size = 0;
    while (size < minBytes) {
      const char = alphabet[Math.floor(random() * alphabet.length)]!;
      chars.push(char);
      size += new TextEncoder().encode(char).length;
    }
    return chars.join('');
  };

  it('hashes multi-byte UTF-8 text around the block boundaries alike', () => {
    for (const target of [0, 1, 2, 3, ...boundaries.flatMap((b) => [b - 3, b - 2, b - 1, b, b + 1]), 200, 300]) {
      for (let i = 0; i < 4; i++) {
        const text = randomText(target);
        expect(sha256Hex(text), `SHA-256 of ${JSON.stringify(text)}`).toBe(node('sha256', text));
        expect(sha512Hex(text), `SHA-512 of ${JSON.stringify(text)}`).toBe(node('sha512', text));
      }
    }
  });

  it('encodes a lone surrogate as U+FFFD, as Node does', () => {
    for (const text of ['\ud800', 'a\udc00b', '😀\ud83d']) {
      expect(sha256Hex(text)).toBe(node('sha256', text));
      expect(sha512Hex(text)).toBe(node('sha512', text));
    }
  });

  it('computes HMAC-SHA256 alike for random keys (0 to 200 bytes) and data', () => {
    for (let i = 0; i < 300; i++) {
      const key = randomBytes(Math.floor(random() * 201));
      const data = randomBytes(Math.floor(random() * 301));
      expect(hmacSha256Hex(key, data), `key of ${key.length}, data of ${data.length} bytes`).toBe(nodeHmac(key, data));
    }
    for (const keyLength of [63, 64, 65]) {
      const key = randomText(keyLength);
      const text = randomText(Math.floor(random() * 300));
      expect(hmacSha256Hex(key, text)).toBe(nodeHmac(key, text));
    }
  });
});
