/**
 * SHA-256, SHA-512 and HMAC-SHA256 (FIPS 180-4, RFC 2104) in plain TypeScript, with no imports: the commands that
 * hash only a short text (a Soldo fingerprint, the token-cache key) then need not load node:crypto, whose OpenSSL
 * start-up costs more than the rest of such a run. Meant for short inputs: the whole padded message is built in memory.
 * Everything is 32-bit integer arithmetic on typed arrays; SHA-512's 64-bit words are (high, low) pairs, since BigInt
 * would be many times slower.
 */

/** SHA-256 round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K256 = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 initial hash: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H256 = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** SHA-512 round constants as (high, low) pairs: 64 bits of the cube roots of the first 80 primes. */
const K512 = new Int32Array([
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd,
  0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc,
  0x3956c25b, 0xf348b538, 0x59f111f1, 0xb605d019,
  0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118,
  0xd807aa98, 0xa3030242, 0x12835b01, 0x45706fbe,
  0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2,
  0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1,
  0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694,
  0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3,
  0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65,
  0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483,
  0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5,
  0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210,
  0xb00327c8, 0x98fb213f, 0xbf597fc7, 0xbeef0ee4,
  0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725,
  0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70,
  0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926,
  0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
  0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8,
  0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b,
  0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001,
  0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30,
  0xd192e819, 0xd6ef5218, 0xd6990624, 0x5565a910,
  0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8,
  0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53,
  0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8,
  0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb,
  0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3,
  0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60,
  0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
  0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9,
  0xbef9a3f7, 0xb2c67915, 0xc67178f2, 0xe372532b,
  0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207,
  0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178,
  0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6,
  0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
  0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493,
  0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c,
  0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a,
  0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
]);

/** SHA-512 initial hash as (high, low) pairs: 64 bits of the square roots of the first 8 primes. */
const H512 = new Int32Array([
  0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b,
  0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1,
  0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f,
  0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
]);

/** Strings as UTF-8 bytes; TextEncoder is a global, so this needs no import. */
function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/**
 * The message padded per FIPS 180-4 §5.1: a 1 bit, zeros, then the length in bits as a big-endian integer of 8
 * (SHA-256) or 16 (SHA-512) bytes, to a whole number of blocks. Lengths are below 2^53 bytes, so only the last 8
 * bytes of the length field can be non-zero.
 */
function pad(message: Uint8Array, blockSize: 64 | 128): Uint8Array {
  const lengthSize = blockSize / 8;
  const total = Math.ceil((message.length + 1 + lengthSize) / blockSize) * blockSize;
  const padded = new Uint8Array(total);
  padded.set(message);
  padded[message.length] = 0x80;
  // Bits = bytes * 8, split without overflowing 32 bits: the high word holds bytes / 2^29.
  writeUint32(padded, total - 8, Math.floor(message.length / 0x20000000));
  writeUint32(padded, total - 4, (message.length % 0x20000000) * 8);
  return padded;
}

function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = value >>> 16;
  bytes[offset + 2] = value >>> 8;
  bytes[offset + 3] = value;
}

function readInt32(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
}

/** Big-endian bytes of 32-bit words (the digest). */
function wordsToBytes(words: Int32Array): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) writeUint32(bytes, i * 4, words[i]!);
  return bytes;
}

/** Lowercase hex of 32-bit words, one string per word joined once rather than one per byte. */
function wordsToHex(words: Int32Array): string {
  const parts = new Array<string>(words.length);
  for (let i = 0; i < words.length; i++) parts[i] = (words[i]! >>> 0).toString(16).padStart(8, '0');
  return parts.join('');
}

function sha256Words(data: Uint8Array | string): Int32Array {
  const message = pad(toBytes(data), 64);
  const h = H256.slice();
  const w = new Int32Array(64);
  for (let block = 0; block < message.length; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = readInt32(message, block + t * 4);
    for (let t = 16; t < 64; t++) {
      const w15 = w[t - 15]!;
      const w2 = w[t - 2]!;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      w[t] = (s1 + w[t - 7]! + s0 + w[t - 16]!) | 0;
    }
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (k + S1 + ch + K256[t]! + w[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = h[0]! + a;
    h[1] = h[1]! + b;
    h[2] = h[2]! + c;
    h[3] = h[3]! + d;
    h[4] = h[4]! + e;
    h[5] = h[5]! + f;
    h[6] = h[6]! + g;
    h[7] = h[7]! + k;
  }
  return h;
}

/** The 32-bit carry out of a sum of unsigned low words (exact: such sums stay far below 2^53). */
function carry(sum: number): number {
  return (sum / 0x100000000) | 0;
}

function sha512Words(data: Uint8Array | string): Int32Array {
  const message = pad(toBytes(data), 128);
  const h = H512.slice();
  // w[2t] and w[2t + 1] are the high and low halves of word t of the schedule.
  const w = new Int32Array(160);
  for (let block = 0; block < message.length; block += 128) {
    for (let i = 0; i < 32; i++) w[i] = readInt32(message, block + i * 4);
    for (let i = 32; i < 160; i += 2) {
      // σ0 = ROTR1 ^ ROTR8 ^ SHR7 of w[t-15]; σ1 = ROTR19 ^ ROTR61 ^ SHR6 of w[t-2].
      const xh = w[i - 30]!, xl = w[i - 29]!;
      const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
      const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
      const yh = w[i - 4]!, yl = w[i - 3]!;
      const s1h = ((yh >>> 19) | (yl << 13)) ^ ((yl >>> 29) | (yh << 3)) ^ (yh >>> 6);
      const s1l = ((yl >>> 19) | (yh << 13)) ^ ((yh >>> 29) | (yl << 3)) ^ ((yl >>> 6) | (yh << 26));
      const lo = (s1l >>> 0) + (w[i - 13]! >>> 0) + (s0l >>> 0) + (w[i - 31]! >>> 0);
      w[i] = s1h + w[i - 14]! + s0h + w[i - 32]! + carry(lo);
      w[i + 1] = lo;
    }
    let ah = h[0]!, al = h[1]!, bh = h[2]!, bl = h[3]!, ch = h[4]!, cl = h[5]!, dh = h[6]!, dl = h[7]!;
    let eh = h[8]!, el = h[9]!, fh = h[10]!, fl = h[11]!, gh = h[12]!, gl = h[13]!, kh = h[14]!, kl = h[15]!;
    for (let i = 0; i < 160; i += 2) {
      // Σ1 = ROTR14 ^ ROTR18 ^ ROTR41 of e; rotations past 32 swap the halves.
      const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
      const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
      const chh = (eh & fh) ^ (~eh & gh);
      const chl = (el & fl) ^ (~el & gl);
      const t1lo = (kl >>> 0) + (S1l >>> 0) + (chl >>> 0) + (K512[i + 1]! >>> 0) + (w[i + 1]! >>> 0);
      const t1h = (kh + S1h + chh + K512[i]! + w[i]! + carry(t1lo)) | 0;
      const t1l = t1lo | 0;
      // Σ0 = ROTR28 ^ ROTR34 ^ ROTR39 of a.
      const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
      const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
      const majh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
      const majl = (al & bl) ^ (al & cl) ^ (bl & cl);
      const t2lo = (S0l >>> 0) + (majl >>> 0);
      const t2h = (S0h + majh + carry(t2lo)) | 0;
      const t2l = t2lo | 0;
      kh = gh;
      kl = gl;
      gh = fh;
      gl = fl;
      fh = eh;
      fl = el;
      const elo = (dl >>> 0) + (t1l >>> 0);
      eh = (dh + t1h + carry(elo)) | 0;
      el = elo | 0;
      dh = ch;
      dl = cl;
      ch = bh;
      cl = bl;
      bh = ah;
      bl = al;
      const alo = (t1l >>> 0) + (t2l >>> 0);
      ah = (t1h + t2h + carry(alo)) | 0;
      al = alo | 0;
    }
    add64(h, 0, ah, al);
    add64(h, 2, bh, bl);
    add64(h, 4, ch, cl);
    add64(h, 6, dh, dl);
    add64(h, 8, eh, el);
    add64(h, 10, fh, fl);
    add64(h, 12, gh, gl);
    add64(h, 14, kh, kl);
  }
  return h;
}

/** h[i], h[i + 1] += (high, low), modulo 2^64; Int32Array stores wrap the sums to 32 bits. */
function add64(h: Int32Array, i: number, high: number, low: number): void {
  const lo = (h[i + 1]! >>> 0) + (low >>> 0);
  h[i] = h[i]! + high + carry(lo);
  h[i + 1] = lo;
}

/** SHA-512 (FIPS 180-4) of bytes, or of a string's UTF-8, as 128 lowercase hex digits. */
export function sha512Hex(data: Uint8Array | string): string {
  return wordsToHex(sha512Words(data));
}

/** SHA-256 (FIPS 180-4) of bytes, or of a string's UTF-8, as 64 lowercase hex digits. */
export function sha256Hex(data: Uint8Array | string): string {
  return wordsToHex(sha256Words(data));
}

/** HMAC-SHA256 (RFC 2104) as 64 lowercase hex digits; strings are taken as UTF-8. */
export function hmacSha256Hex(key: Uint8Array | string, data: Uint8Array | string): string {
  let keyBytes = toBytes(key);
  // A key longer than the 64-byte block is replaced by its hash; shorter keys are zero-padded below.
  if (keyBytes.length > 64) keyBytes = wordsToBytes(sha256Words(keyBytes));
  const message = toBytes(data);
  const inner = new Uint8Array(64 + message.length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    const byte = keyBytes[i] ?? 0;
    inner[i] = byte ^ 0x36;
    outer[i] = byte ^ 0x5c;
  }
  inner.set(message, 64);
  outer.set(wordsToBytes(sha256Words(inner)), 64);
  return wordsToHex(sha256Words(outer));
}
