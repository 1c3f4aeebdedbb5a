import { createHmac, timingSafeEqual } from 'node:crypto';

/** Digests a `Solaris-Webhook-Signature: <algorithm>=<hex>` header may name; Solaris sends sha256. */
export const webhookAlgorithms = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type WebhookAlgorithm = (typeof webhookAlgorithms)[number];

export function isWebhookAlgorithm(value: string): value is WebhookAlgorithm {
  return (webhookAlgorithms as readonly string[]).includes(value);
}

/** Lowercase hex HMAC of the exact body bytes. */
export function webhookDigest(secret: string, body: Uint8Array | string, algorithm: WebhookAlgorithm = 'sha256'): string {
  return createHmac(algorithm, secret).update(body).digest('hex');
}

/** The header value Solaris sends: `sha256=<hex>`. */
export function signWebhookBody(secret: string, body: Uint8Array | string, algorithm: WebhookAlgorithm = 'sha256'): string {
  return `${algorithm}=${webhookDigest(secret, body, algorithm)}`;
}

export type SignatureHeader = { algorithm: WebhookAlgorithm; digest: string };

/** Splits the header on its first `=`, as Solaris' integration guide does; undefined when it has no known digest name. */
export function parseSignatureHeader(header: string): SignatureHeader | undefined {
  const at = header.indexOf('=');
  if (at <= 0) return undefined;
  const algorithm = header.slice(0, at).trim().toLowerCase();
  if (!isWebhookAlgorithm(algorithm)) return undefined;
  return { algorithm, digest: header.slice(at + 1).trim() };
}

/** True when `header` is a valid signature of `body`; compared in constant time. */
export function verifyWebhookSignature(secret: string, body: Uint8Array | string, header: string): boolean {
  const parsed = parseSignatureHeader(header);
  if (!parsed) return false;
  const expected = Buffer.from(webhookDigest(secret, body, parsed.algorithm), 'utf8');
  const given = Buffer.from(parsed.digest.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
