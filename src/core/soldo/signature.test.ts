import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import vectorFile from '../../../test/fixtures/soldo/vectors.json' with { type: 'json' };
import { exitCodeFor, UsageError } from '../../errors.js';
import {
  generateKeyPair,
  headerLines,
  loadPrivateKey,
  loadPublicKey,
  publicKeyMatches,
  signFingerprint,
  verifyFingerprintSignature,
} from './signature.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/soldo/${name}`, import.meta.url), 'utf8');
const privateKey = loadPrivateKey(fixture('private.pem'));
const publicKey = loadPublicKey(fixture('public.pem'));
const [vector] = vectorFile.vectors;
const { fingerprint, signature } = vector?.expected ?? { fingerprint: '', signature: '' };

/** Runs `load` and returns the UsageError it throws, checking it maps to exit code 2. */
function usageError(load: () => unknown): UsageError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect(exitCodeFor(error)).toBe(2);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('signFingerprint', () => {
  it.each(vectorFile.vectors.map((v) => [v.name, v.expected] as const))('equals openssl byte for byte: %s', (_, expected) => {
    expect(signFingerprint(expected.fingerprint, privateKey)).toBe(expected.signature);
  });

  it('signs the same with the PKCS#1, PKCS#8 and encrypted PKCS#8 forms of the key', () => {
    expect(signFingerprint(fingerprint, loadPrivateKey(fixture('private-pkcs1.pem')))).toBe(signature);
    expect(signFingerprint(fingerprint, loadPrivateKey(fixture('private-encrypted.pem'), 'test-passphrase'))).toBe(signature);
  });

  it('ignores a passphrase given for a key that has none', () => {
    expect(signFingerprint(fingerprint, loadPrivateKey(fixture('private.pem'), 'unused'))).toBe(signature);
  });
});

describe('verifyFingerprintSignature', () => {
  it('accepts the signature with the SPKI or PKCS#1 public key', () => {
    expect(verifyFingerprintSignature(fingerprint, signature, publicKey)).toBe(true);
    expect(verifyFingerprintSignature(fingerprint, signature, loadPublicKey(fixture('public-pkcs1.pem')))).toBe(true);
    expect(verifyFingerprintSignature(fingerprint, `${signature.slice(0, 40)}\n${signature.slice(40)}`, publicKey)).toBe(true);
  });

  it('rejects another fingerprint, an uppercase one, or another key', () => {
    expect(verifyFingerprintSignature(fingerprint.replace(/^./, '0'), signature, publicKey)).toBe(false);
    expect(verifyFingerprintSignature(fingerprint.toUpperCase(), signature, publicKey)).toBe(false);
    const other = generateKeyPair();
    expect(verifyFingerprintSignature(fingerprint, signature, loadPublicKey(other.publicPem))).toBe(false);
  });

  it.each([['not base64!'], [''], ['abc'], ['YWJj=x']])('refuses %j as bad_signature_encoding', (bad) => {
    expect(usageError(() => verifyFingerprintSignature(fingerprint, bad, publicKey)).code).toBe('bad_signature_encoding');
  });
});

describe('loadPrivateKey', () => {
  it.each([
    ['text that is not PEM', () => loadPrivateKey('hello'), 'key_not_pem', /not a PEM key/],
    ['an encrypted key without passphrase', () => loadPrivateKey(fixture('private-encrypted.pem')), 'key_passphrase_required', /--passphrase-stdin/],
    ['an encrypted key with the wrong passphrase', () => loadPrivateKey(fixture('private-encrypted.pem'), 'wrong'), 'key_bad_passphrase', /wrong passphrase/],
    ['an EC key', () => loadPrivateKey(fixture('ec-p256.pem')), 'key_not_rsa', /EC \(prime256v1\)/],
    ['a 1024-bit RSA key', () => loadPrivateKey(fixture('rsa-1024.pem')), 'key_too_short', /1024-bit/],
    ['a public key', () => loadPrivateKey(fixture('public.pem')), 'key_wrong_kind', /public key/],
    ['a damaged PEM', () => loadPrivateKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'), 'key_unreadable', /cannot be read/],
  ])('refuses %s', (_, load, code, message) => {
    const error = usageError(load);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('recognises a traditional encrypted PKCS#1 key', () => {
    const encryptedPkcs1 = fixture('private-pkcs1.pem').replace('-----\n', '-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00000000000000000000000000000000\n\n');
    expect(usageError(() => loadPrivateKey(encryptedPkcs1)).code).toBe('key_passphrase_required');
  });
});

describe('loadPublicKey', () => {
  const spki = (privatePem: string) => createPublicKey(privatePem).export({ type: 'spki', format: 'pem' }).toString();

  it.each([
    ['text that is not PEM', () => loadPublicKey('ssh-rsa AAAA'), 'key_not_pem'],
    ['a certificate', () => loadPublicKey(fixture('certificate.pem')), 'key_wrong_kind'],
    ['a private key', () => loadPublicKey(fixture('private.pem')), 'key_wrong_kind'],
    ['an EC key', () => loadPublicKey(spki(fixture('ec-p256.pem'))), 'key_not_rsa'],
    ['a 1024-bit RSA key', () => loadPublicKey(spki(fixture('rsa-1024.pem'))), 'key_too_short'],
    ['a damaged PEM', () => loadPublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'), 'key_unreadable'],
  ])('refuses %s', (_, load, code) => {
    expect(usageError(load).code).toBe(code);
  });

  it('tells how to get the public key out of a certificate', () => {
    expect(usageError(() => loadPublicKey(fixture('certificate.pem'))).hint).toMatch(/openssl x509 .*-pubkey/);
  });
});

describe('publicKeyMatches', () => {
  it('tells whether a public key belongs to the private key', () => {
    expect(publicKeyMatches(privateKey, publicKey)).toBe(true);
    expect(publicKeyMatches(privateKey, loadPublicKey(fixture('public-pkcs1.pem')))).toBe(true);
    expect(publicKeyMatches(privateKey, loadPublicKey(generateKeyPair().publicPem))).toBe(false);
  });
});

describe('generateKeyPair', () => {
  it('makes a 2048-bit pair, PKCS#8 private and SPKI public, that signs and verifies', () => {
    const { privatePem, publicPem } = generateKeyPair();
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const pair = { private: loadPrivateKey(privatePem), public: loadPublicKey(publicPem) };
    expect(pair.public.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(publicKeyMatches(pair.private, pair.public)).toBe(true);
    expect(verifyFingerprintSignature(fingerprint, signFingerprint(fingerprint, pair.private), pair.public)).toBe(true);
  });
});

describe('headerLines', () => {
  it('writes the two request headers', () => {
    expect(headerLines('ab12', 'c2ln')).toEqual(['X-Soldo-Fingerprint: ab12', 'X-Soldo-Fingerprint-Signature: c2ln']);
  });
});
