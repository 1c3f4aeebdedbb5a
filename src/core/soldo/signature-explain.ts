import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { publicKeySha256 } from './signature.js';

/**
 * Explains an INVALID_FINGERPRINT_SIGNATURE: Soldo checks an RSA PKCS#1 v1.5 SHA-512 signature of the fingerprint's
 * lowercase hex, sent in Base64, against the public key uploaded. The search varies what was signed, the digest,
 * the padding, how the signature was encoded and which key signed; one mistake before two, common before rare, and
 * it stops at the first signature that verifies.
 */

export interface SignatureExplainInput {
  /** The X-Soldo-Fingerprint sent. */
  readonly fingerprint: string;
  /** The X-Soldo-Fingerprint-Signature sent, as text. */
  readonly signature: string;
  /** The public key uploaded to Soldo. */
  readonly publicKey: KeyObject;
  /** The private key the client signed with, when at hand: tells whether it is the uploaded key's other half. */
  readonly privateKey?: KeyObject;
  /** The concatenated string the fingerprint hashes, to recognise it signed in place of the hex. */
  readonly concatenated?: string;
}

export interface SignatureMistake {
  /** A catalogue name, or two joined with `+` (`sha256-with-rsa+signature-hex`). */
  readonly name: string;
  readonly explanation: string;
  /** What the client signed: the text, or the hex of the bytes for `signed-digest-bytes`. */
  readonly signed: string;
}

export interface SignatureExplanation {
  /** True when the signature is what Soldo expects: nothing to explain. */
  readonly valid: boolean;
  readonly matches: SignatureMistake[];
  /** Names of the single mistakes compared. */
  readonly triedNames: string[];
  readonly keys: {
    /** SHA-256 of the uploaded public key (DER SubjectPublicKeyInfo), in hex. */
    readonly uploaded: string;
    /** The same for the private key's public half, when the private key was given. */
    readonly privateKey?: string;
    readonly same?: boolean;
  };
  readonly notes: string[];
}

interface Choice {
  readonly name?: string;
  readonly explanation?: string;
}

interface Message extends Choice {
  readonly bytes: Buffer;
  readonly shown: string;
}
interface Digest extends Choice {
  readonly algorithm: string;
}
interface Padding extends Choice {
  readonly padding: number;
}
interface Encoding extends Choice {
  readonly bytes: Buffer | undefined;
}
interface Signer extends Choice {
  readonly key: KeyObject;
}

export function explainSignature(input: SignatureExplainInput): SignatureExplanation {
  const hex = input.fingerprint.trim().toLowerCase();
  const uploaded = publicKeySha256(input.publicKey);
  const privatePublic = input.privateKey === undefined ? undefined : createPublicKey(input.privateKey);
  const privateSha = privatePublic === undefined ? undefined : publicKeySha256(privatePublic);
  const keys = { uploaded, ...(privateSha === undefined ? {} : { privateKey: privateSha, same: privateSha === uploaded }) };

  const messages: Message[] = [
    { bytes: Buffer.from(hex, 'utf8'), shown: hex },
    {
      name: 'signed-uppercase-hex',
      explanation: 'Your code signs the fingerprint in uppercase hex; Soldo signs and checks the lowercase hex',
      bytes: Buffer.from(hex.toUpperCase(), 'utf8'),
      shown: hex.toUpperCase(),
    },
    ...(input.concatenated === undefined
      ? []
      : [
          {
            name: 'signed-concatenation',
            explanation: 'Your code signs the concatenated string; Soldo signs its SHA-512 in lowercase hex',
            bytes: Buffer.from(input.concatenated, 'utf8'),
            shown: input.concatenated,
          },
        ]),
    {
      name: 'signed-digest-bytes',
      explanation: 'Your code signs the 64 bytes of the SHA-512 digest; Soldo signs the 128 characters of its hex',
      bytes: Buffer.from(hex, 'hex'),
      shown: hex,
    },
  ];
  const digests: Digest[] = [
    { algorithm: 'sha512' },
    { name: 'sha256-with-rsa', explanation: 'Your code signs with SHA256withRSA; Soldo uses SHA512withRSA', algorithm: 'sha256' },
    { name: 'sha1-with-rsa', explanation: 'Your code signs with SHA1withRSA; Soldo uses SHA512withRSA', algorithm: 'sha1' },
  ];
  const paddings: Padding[] = [
    { padding: constants.RSA_PKCS1_PADDING },
    { name: 'rsa-pss', explanation: 'Your code signs with RSA-PSS padding; Soldo uses PKCS#1 v1.5', padding: constants.RSA_PKCS1_PSS_PADDING },
  ];
  const text = input.signature.replace(/\s+/g, '');
  const encodings: Encoding[] = [
    { bytes: strictBase64(text) },
    { name: 'signature-hex', explanation: 'Your code sends the signature hex-encoded; Soldo expects Base64', bytes: /^(?:[0-9a-f]{2})+$/i.test(text) ? Buffer.from(text, 'hex') : undefined },
    {
      name: 'signature-base64url',
      explanation: 'Your code sends the signature in base64url (- and _); Soldo expects standard Base64 (+ and /)',
      bytes: /^[A-Za-z0-9_-]+=*$/.test(text) && /[-_]|[^=]$/.test(text) ? Buffer.from(text, 'base64url') : undefined,
    },
  ];
  const signers: Signer[] = [
    { key: input.publicKey },
    ...(privatePublic === undefined || keys.same === true
      ? []
      : [
          {
            name: 'other-key',
            explanation: `Your code signs with a private key that is not the uploaded one (its public key's SHA-256 is ${privateSha}; the uploaded key's is ${uploaded})`,
            key: privatePublic,
          },
        ]),
  ];

  const stages: readonly (readonly Choice[])[] = [messages, digests, paddings, encodings, signers];
  const combinations: Choice[][] = [];
  const walk = (stage: number, chosen: Choice[]) => {
    if (stage === stages.length) return void combinations.push(chosen);
    for (const choice of stages[stage] ?? []) walk(stage + 1, [...chosen, choice]);
  };
  walk(0, []);
  const mistakesOf = (chosen: readonly Choice[]) => chosen.filter((c) => c.name !== undefined);
  const ranked = combinations
    .filter((chosen) => mistakesOf(chosen).length <= 2)
    .map((chosen) => ({ chosen, weight: mistakesOf(chosen).length * 1000 + mistakesOf(chosen).reduce((sum, c) => sum + rank(c.name ?? ''), 0) }))
    .sort((a, b) => a.weight - b.weight);

  const triedNames = stages.flatMap((choices) => choices.flatMap((c) => (c.name === undefined ? [] : [c.name])));
  for (const { chosen } of ranked) {
    const [message, digest, padding, encoding, signer] = chosen as [Message, Digest, Padding, Encoding, Signer];
    if (encoding.bytes === undefined || encoding.bytes.length === 0) continue;
    const ok = verify(digest.algorithm, message.bytes, { key: signer.key, padding: padding.padding, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, encoding.bytes);
    if (!ok) continue;
    const mistakes = mistakesOf(chosen);
    if (mistakes.length === 0) return { valid: true, matches: [], triedNames, keys, notes: [] };
    const explanation = mistakes
      .map((m, i) => (i === 0 ? (m.explanation ?? '') : (m.explanation ?? '').replace(/^Your code /, 'It also ')))
      .map((t) => `${t}.`)
      .join(' ');
    return { valid: false, matches: [{ name: mistakes.map((m) => m.name).join('+'), explanation, signed: message.shown }], triedNames, keys, notes: [] };
  }
  return { valid: false, matches: [], triedNames, keys, notes: notes(input, keys) };
}

/** Common before rare. */
const COMMONNESS = ['signed-concatenation', 'other-key', 'signed-uppercase-hex', 'sha256-with-rsa', 'signature-hex', 'rsa-pss', 'signature-base64url', 'signed-digest-bytes', 'sha1-with-rsa'];

function rank(name: string): number {
  return COMMONNESS.indexOf(name);
}

function strictBase64(text: string): Buffer | undefined {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0 ? Buffer.from(text, 'base64') : undefined;
}

function notes(input: SignatureExplainInput, keys: SignatureExplanation['keys']): string[] {
  const result: string[] = [];
  if (input.privateKey === undefined) {
    result.push('A key that is not the uploaded one also gives this: give the private key your code signs with (--private-key-file) to compare.');
  } else if (keys.same === false) {
    result.push(`The private key given is not the uploaded one's other half (SHA-256 ${keys.privateKey} vs ${keys.uploaded}), and did not make this signature either.`);
  }
  if (input.concatenated === undefined) result.push('Give the concatenated string (--concatenated) to test it signed in place of the hex.');
  result.push('The fingerprint itself may differ from the one Soldo computes: check it with soldo fingerprint --expect.');
  return result;
}
