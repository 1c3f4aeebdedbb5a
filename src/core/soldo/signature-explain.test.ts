import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainSignature, type SignatureExplainInput } from './signature-explain.js';

/**
 * Every signature here is made by the openssl binary, the way a buggy client's shell script would:
 * `openssl dgst -sha512 -sign key.pem`, with `-sha256`, `-sha1`, `-sigopt rsa_padding_mode:pss`, over the hex, its
 * uppercase, the concatenated string or the digest bytes. Only the encoding of openssl's raw output (Base64, hex,
 * base64url) is done in the test, as a client would.
 */
const fixture = (name: string) => new URL(`../../../test/fixtures/soldo/${name}`, import.meta.url).pathname;
const concatenated = 'Payment2024-01-01TOKEN';
const fingerprint = createHash('sha512').update(concatenated, 'utf8').digest('hex');

let dir: string;
let otherKeyFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fp-sig-'));
  otherKeyFile = join(dir, 'other.pem');
  execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', otherKeyFile], { stdio: 'ignore' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `openssl dgst -<digest> -sign KEY [-sigopt …] FILE` over `data`; the raw signature bytes. */
function opensslSign(data: string | Buffer, { digest = 'sha512', key = fixture('private.pem'), pss = false } = {}): Buffer {
  const file = join(dir, 'data');
  writeFileSync(file, data);
  const args = ['dgst', `-${digest}`, '-sign', key, ...(pss ? ['-sigopt', 'rsa_padding_mode:pss'] : []), file];
  return execFileSync('openssl', args);
}

const publicKey = createPublicKey(readFileSync(fixture('public.pem'), 'utf8'));
const ownPrivate = createPrivateKey(readFileSync(fixture('private.pem'), 'utf8'));
const base: Omit<SignatureExplainInput, 'signature'> = { fingerprint, publicKey, concatenated };
const names = (signature: string, extra: Partial<SignatureExplainInput> = {}) => explainSignature({ ...base, signature, ...extra }).matches.map((m) => m.name);

describe('explainSignature, against signatures made by openssl', () => {
  it('says a correct signature is valid', () => {
    const result = explainSignature({ ...base, signature: opensslSign(fingerprint).toString('base64') });
    expect(result).toMatchObject({ valid: true, matches: [] });
  });

  it.each<[string, () => string, (() => Partial<SignatureExplainInput>)?]>([
    ['signed-concatenation', () => opensslSign(concatenated).toString('base64')],
    ['signed-uppercase-hex', () => opensslSign(fingerprint.toUpperCase()).toString('base64')],
    ['signed-digest-bytes', () => opensslSign(Buffer.from(fingerprint, 'hex')).toString('base64')],
    ['sha256-with-rsa', () => opensslSign(fingerprint, { digest: 'sha256' }).toString('base64')],
    ['sha1-with-rsa', () => opensslSign(fingerprint, { digest: 'sha1' }).toString('base64')],
    ['rsa-pss', () => opensslSign(fingerprint, { pss: true }).toString('base64')],
    ['signature-hex', () => opensslSign(fingerprint).toString('hex')],
    ['signature-base64url', () => opensslSign(fingerprint).toString('base64url')],
    ['other-key', () => opensslSign(fingerprint, { key: otherKeyFile }).toString('base64'), () => ({ privateKey: createPrivateKey(readFileSync(otherKeyFile, 'utf8')) })],
  ])('names %s', (name, make, extra = () => ({})) => {
    const result = explainSignature({ ...base, signature: make(), ...extra() });
    expect(result.valid).toBe(false);
    expect(result.matches.map((m) => m.name)).toEqual([name]);
    expect(result.matches[0]?.explanation).toMatch(/^Your code .+\.$/);
  });

  it.each<[string, () => string]>([
    ['sha256-with-rsa+signature-hex', () => opensslSign(fingerprint, { digest: 'sha256' }).toString('hex')],
    ['signed-concatenation+rsa-pss', () => opensslSign(concatenated, { pss: true }).toString('base64')],
    ['signed-uppercase-hex+signature-base64url', () => opensslSign(fingerprint.toUpperCase()).toString('base64url')],
  ])('names two mistakes at once: %s', (name, make) => {
    expect(names(make())).toEqual([name]);
  });

  it('compares the keys by the SHA-256 of their public halves, and names the one that signed', () => {
    const other = createPrivateKey(readFileSync(otherKeyFile, 'utf8'));
    const spkiSha = (key: typeof publicKey) => createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
    const result = explainSignature({ ...base, signature: opensslSign(fingerprint, { key: otherKeyFile }).toString('base64'), privateKey: other });
    expect(result.keys).toEqual({ uploaded: spkiSha(publicKey), privateKey: spkiSha(createPublicKey(other)), same: false });
    expect(result.matches[0]?.explanation).toContain(spkiSha(createPublicKey(other)));
    const same = explainSignature({ ...base, signature: opensslSign(fingerprint).toString('base64'), privateKey: ownPrivate });
    expect(same.keys.same).toBe(true);
  });

  it('without the private key, says what else it cannot rule out', () => {
    const result = explainSignature({ ...base, signature: opensslSign(fingerprint, { key: otherKeyFile }).toString('base64'), concatenated: undefined });
    expect(result.matches).toEqual([]);
    expect(result.triedNames).toEqual(expect.arrayContaining(['signed-uppercase-hex', 'rsa-pss', 'signature-hex']));
    expect(result.notes.join(' ')).toMatch(/--private-key-file/);
    expect(result.notes.join(' ')).toMatch(/--concatenated/);
  });
});
