import { createHmac } from 'node:crypto';
import { jsonStyles, writeJson } from './json-styles.js';
import { isWebhookAlgorithm, webhookAlgorithms, webhookDigest, type WebhookAlgorithm } from './webhook-signature.js';

/**
 * Explains a webhook signature that does not match: recomputes the HMAC with the common mistakes (body re-serialised
 * or its whitespace changed, a trailing newline, the secret's whitespace or encoding, another digest, Base64 instead
 * of hex, the `sha256=` prefix missing) and reports the fewest mistakes that reproduce the signature. A wrong secret
 * cannot be recognised: an HMAC does not reveal its key, so "nothing reproduces it" points there.
 */

export type MistakeId =
  | 'body_reserialised'
  | 'whitespace_changed'
  | 'trailing_newline_added'
  | 'trailing_newline_removed'
  | 'line_endings_changed'
  | 'secret_whitespace'
  | 'secret_decoded'
  | 'other_digest'
  | 'base64_digest'
  | 'prefix_missing';

export interface Mistake {
  readonly id: MistakeId;
  /** What happened, in one sentence. */
  readonly explanation: string;
}

export interface SignatureDiagnosis {
  /** Each combination of mistakes that reproduces the signature, all with the fewest mistakes; empty when none does. */
  readonly explanations: Mistake[][];
  /** The header a correct signer would send for this body and secret. */
  readonly expected: string;
  /** How many signatures were compared. */
  readonly tried: number;
  /** What else to check when nothing reproduces it. */
  readonly notes: string[];
}

export interface DiagnoseInput {
  secret: string;
  /** The exact bytes the signature was checked against. */
  body: Uint8Array;
  /** The header value as received, e.g. `sha256=<hex>`. */
  signature: string;
}

interface Variant<T> {
  readonly value: T;
  readonly mistake?: Mistake;
}

export function diagnoseSignature({ secret, body, signature }: DiagnoseInput): SignatureDiagnosis {
  const header = splitHeader(signature);
  const named = header.algorithm !== undefined && isWebhookAlgorithm(header.algorithm) ? header.algorithm : undefined;
  const expectedAlgorithm = named ?? 'sha256';
  const bodies = bodyVariants(Buffer.from(body));
  const secrets = secretVariants(secret);

  let tried = 0;
  let found: Mistake[][] = [];
  for (const b of bodies) {
    for (const s of secrets) {
      for (const algorithm of webhookAlgorithms) {
        const digest = createHmac(algorithm, s.value).update(b.value).digest();
        tried += 1;
        const encoding = encodingOf(header.digest, digest);
        if (encoding === undefined) continue;
        const mistakes = [b.mistake, s.mistake, ...headerMistakes(header.algorithm, named, algorithm, encoding)].filter(
          (m): m is Mistake => m !== undefined,
        );
        if (found.length === 0 || mistakes.length < found[0]!.length) found = [mistakes];
        else if (mistakes.length === found[0]!.length) found.push(mistakes);
      }
    }
  }
  return {
    explanations: found,
    expected: `${expectedAlgorithm}=${webhookDigest(secret, body, expectedAlgorithm)}`,
    tried,
    notes: found.length > 0 ? [] : notesWhenUnexplained(header, named, body.length),
  };
}

function splitHeader(signature: string): { algorithm?: string; digest: string } {
  const value = signature.trim();
  const at = value.indexOf('=');
  // Only a word before the first `=` is a digest name: Base64 may end in `=` itself.
  if (at > 0 && /^[A-Za-z][A-Za-z0-9-]{0,9}$/.test(value.slice(0, at))) {
    return { algorithm: value.slice(0, at).toLowerCase(), digest: value.slice(at + 1).trim() };
  }
  return { digest: value };
}

type Encoding = 'hex' | 'base64';

function encodingOf(given: string, digest: Buffer): Encoding | undefined {
  if (given.toLowerCase() === digest.toString('hex')) return 'hex';
  const unpadded = given.replace(/=+$/, '');
  const base64 = digest.toString('base64').replace(/=+$/, '');
  if (unpadded === base64 || unpadded === digest.toString('base64url')) return 'base64';
  return undefined;
}

function headerMistakes(label: string | undefined, named: WebhookAlgorithm | undefined, algorithm: WebhookAlgorithm, encoding: Encoding): (Mistake | undefined)[] {
  const prefix: Mistake | undefined =
    label === undefined
      ? { id: 'prefix_missing', explanation: `The header has no digest name: Solaris sends "${algorithm}=<hex>", the receiver splits on the first "=".` }
      : named === undefined
        ? { id: 'prefix_missing', explanation: `The header names "${label}", which is no digest name; write "${algorithm}=" (lowercase, no dash).` }
        : undefined;
  const digest: Mistake | undefined =
    named !== undefined && named !== algorithm
      ? { id: 'other_digest', explanation: `The digest was computed with ${algorithm}, but the header names ${named}.` }
      : undefined;
  const base64: Mistake | undefined =
    encoding === 'base64' ? { id: 'base64_digest', explanation: 'The digest is Base64; Solaris sends it as lowercase hex.' } : undefined;
  return [prefix, digest, base64];
}

function bodyVariants(body: Buffer): Variant<Buffer>[] {
  const text = body.toString('utf8');
  const candidates: Variant<Buffer>[] = [{ value: body }];
  const add = (value: string, id: MistakeId, explanation: string) => candidates.push({ value: Buffer.from(value, 'utf8'), mistake: { id, explanation } });

  add(`${text}\n`, 'trailing_newline_removed', 'The signature matches this body plus a final newline: your copy lost its trailing newline (or the signer added one).');
  if (/\r?\n$/.test(text)) {
    add(text.replace(/\r?\n$/, ''), 'trailing_newline_added', 'The signature matches this body without its final newline: a newline was added to your copy (an editor, echo or a heredoc adds one).');
  }
  if (text.includes('\r\n')) {
    add(text.replaceAll('\r\n', '\n'), 'line_endings_changed', 'The signature matches this body with LF line endings: your copy has CRLF (Windows) line endings.');
  } else if (text.includes('\n')) {
    add(text.replaceAll('\n', '\r\n'), 'line_endings_changed', 'The signature matches this body with CRLF line endings: your copy has LF line endings.');
  }
  if (text.trim() !== text) {
    add(text.trim(), 'whitespace_changed', 'The signature matches this body without its leading and trailing whitespace: whitespace was added to your copy.');
  }
  const value = parseJson(text);
  if (value !== undefined) {
    for (const style of jsonStyles) {
      const written = writeJson(value.parsed, style);
      const explanation = `The signature matches the same JSON written ${style.description}: the body was parsed and written again (re-serialised) before the check. Verify the raw bytes as received.`;
      add(written, 'body_reserialised', explanation);
      add(`${written}\n`, 'body_reserialised', explanation.replace(' before the check', ' with a final newline before the check'));
    }
  }
  // The first of identical bytes names the cause; the body as given is first.
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = c.value.toString('base64');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function secretVariants(secret: string): Variant<string | Buffer>[] {
  const variants: Variant<string | Buffer>[] = [{ value: secret }];
  if (secret.trim() !== secret) {
    variants.push({ value: secret.trim(), mistake: { id: 'secret_whitespace', explanation: "Your secret has surrounding whitespace (a newline from a file or echo?) that the signer's lacks." } });
  }
  variants.push({ value: `${secret}\n`, mistake: { id: 'secret_whitespace', explanation: "The signer's secret ends with a newline: it was read from a file or echo without trimming." } });
  if (/^(?:[0-9a-f]{2})+$/i.test(secret)) {
    variants.push({ value: Buffer.from(secret, 'hex'), mistake: { id: 'secret_decoded', explanation: 'The signer decoded the secret from hex to bytes; the key is the secret text as given.' } });
  } else if (secret.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(secret)) {
    variants.push({ value: Buffer.from(secret, 'base64'), mistake: { id: 'secret_decoded', explanation: 'The signer decoded the secret from Base64 to bytes; the key is the secret text as given.' } });
  }
  return variants;
}

function parseJson(text: string): { parsed: unknown } | undefined {
  try {
    return { parsed: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

const hexLengths = new Map(webhookAlgorithms.map((a) => [a, webhookDigest('', '', a).length]));

function notesWhenUnexplained(header: { algorithm?: string; digest: string }, named: WebhookAlgorithm | undefined, bodyLength: number): string[] {
  const notes: string[] = [];
  const { digest } = header;
  const wellFormed = named !== undefined && /^[0-9a-f]+$/i.test(digest) && digest.length === hexLengths.get(named);
  if (wellFormed) {
    notes.push(
      'The signature is well formed, so the secret is most likely a different one (an HMAC does not reveal which): use the secret ' +
        'returned when this subscription was created; re-creating a subscription gives it a new secret.',
    );
  } else if (/^[0-9a-f]+$/i.test(digest)) {
    notes.push(`The digest has ${digest.length} hex digits, which fits none of ${webhookAlgorithms.join(', ')}: was it cut off when copied?`);
  } else {
    notes.push('The digest is neither hex nor Base64 of an HMAC: check that the whole header value was copied.');
  }
  if (bodyLength === 0) notes.push('The body is empty: was it consumed (e.g. by a body parser) before the signature was checked?');
  notes.push('Check that you verify the raw bytes as received, before any JSON parsing, decompression or character set conversion.');
  return notes;
}
