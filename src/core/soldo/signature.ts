import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { UsageError } from '../../errors.js';

/**
 * X-Soldo-Fingerprint-Signature: RSA PKCS#1 v1.5 with SHA-512 ("SHA512withRSA") over the UTF-8 bytes of the
 * fingerprint's hex string, in Base64. Soldo takes 2048-bit RSA public keys as SubjectPublicKeyInfo PEM.
 */

const MIN_RSA_BITS = 2048;

/** Reads a PKCS#1 (`RSA PRIVATE KEY`) or PKCS#8 (`PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`) PEM key. */
export function loadPrivateKey(pem: string, passphrase?: string): KeyObject {
  const label = pemLabel(pem, 'private key');
  if (!label.endsWith('PRIVATE KEY')) {
    throw new UsageError(`Expected a private key, got a PEM ${label.toLowerCase()}.`, {
      code: 'key_wrong_kind',
      hint: 'Sign with the private key whose public key you uploaded to Soldo.',
    });
  }
  const encrypted = label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type:\s*4,ENCRYPTED/m.test(pem);
  if (encrypted && passphrase === undefined) {
    throw new UsageError('The private key is encrypted: pass its passphrase on standard input with --passphrase-stdin.', {
      code: 'key_passphrase_required',
      hint: 'The passphrase is never taken as an argument, so it stays out of shell history and process lists.',
    });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(encrypted ? { key: pem, format: 'pem', passphrase } : { key: pem, format: 'pem' });
  } catch (error) {
    if (encrypted) {
      throw new UsageError('Cannot decrypt the private key: wrong passphrase.', { code: 'key_bad_passphrase', cause: error });
    }
    throw unreadable('private key', error);
  }
  return checkRsa(key, 'private key');
}

/** Reads an SPKI (`PUBLIC KEY`) or PKCS#1 (`RSA PUBLIC KEY`) PEM public key. */
export function loadPublicKey(pem: string): KeyObject {
  const label = pemLabel(pem, 'public key');
  if (label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY') {
    // createPublicKey would accept certificates and private keys too; refusing them keeps "public key file" honest.
    throw new UsageError(`Expected a public key, got a PEM ${label.toLowerCase()}.`, {
      code: 'key_wrong_kind',
      hint:
        label === 'CERTIFICATE'
          ? 'Extract its public key with: openssl x509 -in cert.pem -pubkey -noout'
          : 'Give the SubjectPublicKeyInfo PEM (-----BEGIN PUBLIC KEY-----).',
    });
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw unreadable('public key', error);
  }
  return checkRsa(key, 'public key');
}

export function signFingerprint(fingerprintHex: string, privateKey: KeyObject): string {
  return sign('sha512', Buffer.from(fingerprintHex, 'utf8'), privateKey).toString('base64');
}

export function verifyFingerprintSignature(fingerprintHex: string, signatureBase64: string, publicKey: KeyObject): boolean {
  const signature = signatureBase64.replace(/\s+/g, '');
  // Buffer.from(…, 'base64') silently drops what is not Base64, which would turn a typo into "invalid signature".
  if (signature === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature) || signature.length % 4 !== 0) {
    throw new UsageError('The signature is not valid Base64.', {
      code: 'bad_signature_encoding',
      hint: 'Give the X-Soldo-Fingerprint-Signature value exactly as sent.',
    });
  }
  return verify('sha512', Buffer.from(fingerprintHex, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
}

export function publicKeyMatches(privateKey: KeyObject, publicKey: KeyObject): boolean {
  return createPublicKey(privateKey).equals(publicKey);
}

/** A new 2048-bit pair in the forms Soldo and this CLI use: PKCS#8 private, SubjectPublicKeyInfo public. */
export function generateKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: MIN_RSA_BITS,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privatePem: privateKey, publicPem: publicKey };
}

/** Identifies a public key: SHA-256 of its DER SubjectPublicKeyInfo in hex, as `openssl pkey -pubin -outform DER | openssl dgst -sha256` prints. */
export function publicKeySha256(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function headerLines(fingerprintHex: string, signatureBase64: string): [string, string] {
  return [`X-Soldo-Fingerprint: ${fingerprintHex}`, `X-Soldo-Fingerprint-Signature: ${signatureBase64}`];
}

function pemLabel(pem: string, what: string): string {
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(pem)?.[1];
  if (label === undefined) {
    throw new UsageError(`The ${what} is not a PEM key.`, {
      code: 'key_not_pem',
      hint: 'Give a PEM file, the text starting with -----BEGIN … KEY-----.',
    });
  }
  return label;
}

function unreadable(what: string, cause: unknown): UsageError {
  return new UsageError(`The ${what} PEM cannot be read (damaged or an unsupported format).`, {
    code: 'key_unreadable',
    hint: `Check the file with: openssl pkey -in FILE -noout${what === 'public key' ? ' -pubin' : ''}`,
    cause,
  });
}

function checkRsa(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    const type = `${key.asymmetricKeyType?.toUpperCase() ?? 'unknown'}${curve === undefined ? '' : ` (${curve})`}`;
    throw new UsageError(`The ${what} is a key of type ${type}; Soldo needs an RSA key.`, {
      code: 'key_not_rsa',
      hint: 'Create an RSA pair with: fintech-cli soldo keygen --out DIR',
    });
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw new UsageError(`The ${what} is ${bits}-bit RSA; Soldo needs at least ${MIN_RSA_BITS} bits.`, {
      code: 'key_too_short',
      hint: 'Create a 2048-bit pair with: fintech-cli soldo keygen --out DIR',
    });
  }
  return key;
}
