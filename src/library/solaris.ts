import { signWebhookBody, verifyWebhookSignature } from '../core/webhook-signature.js';

/** Solaris webhook signatures for code: the engine of `webhooks sign` and `webhooks verify` (src/core/webhook-signature.ts). */

/** The `Solaris-Webhook-Signature` header of a notification body: `sha256=<hex>`, the HMAC-SHA256 of its exact bytes. */
export function solarisSignature(body: string | Uint8Array, secret: string): string {
  return signWebhookBody(secret, body);
}

/** Whether `header` is a valid signature of the body's exact bytes under the secret; compared in constant time. */
export function verifySolarisSignature(body: string | Uint8Array, header: string, secret: string): boolean {
  return verifyWebhookSignature(secret, body, header);
}
