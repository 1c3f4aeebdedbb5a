import { verifyWebhookSignature } from '../../core/webhook-signature.js';
import { UsageError } from '../../errors.js';

/**
 * Whether `webhooks listen` may accept a notification: only when its `Solaris-Webhook-Signature` verifies. Anything
 * else fails closed, with the reason the listener prints; `--no-verify` is the one explicit way around it.
 */

/** `unchecked`: no secret was known for it, or `--no-verify`; `missing`: it carries no signature. */
export type SignatureCheck = 'valid' | 'invalid' | 'missing' | 'unchecked';

export interface SignatureVerdict {
  signature: SignatureCheck;
  /** Why it was not verified; null when it was. */
  reason: string | null;
}

/** Solaris signs with HMAC-SHA256; a header naming another digest is refused rather than checked with it. */
const ALLOWED_ALGORITHM = 'sha256';

export interface VerdictInput {
  body: Uint8Array;
  /** The `Solaris-Webhook-Signature` header, if any. */
  header: string | undefined;
  subscriptionId: string | undefined;
  /** The secret to check with (given, or stored for the subscription); undefined when none is known. An empty one is refused (thrown). */
  secretFor(subscriptionId: string | undefined): Promise<string | undefined>;
  /** `--no-verify`: accept it unchecked. */
  noVerify?: boolean;
}

export async function signatureVerdict({ body, header, subscriptionId, secretFor, noVerify }: VerdictInput): Promise<SignatureVerdict> {
  if (noVerify === true) return { signature: 'unchecked', reason: 'not checked (--no-verify)' };
  if (header === undefined) return { signature: 'missing', reason: 'no signature' };
  const at = header.indexOf('=');
  const algorithm = at > 0 ? header.slice(0, at).trim().toLowerCase() : '';
  if (algorithm !== ALLOWED_ALGORITHM) {
    return { signature: 'invalid', reason: `algorithm not allowed: ${algorithm === '' ? 'the header names none' : algorithm} (only ${ALLOWED_ALGORITHM}=)` };
  }
  const secret = await secretFor(subscriptionId);
  if (secret === undefined) {
    return {
      signature: 'unchecked',
      reason:
        subscriptionId === undefined
          ? 'unknown subscription: no Solaris-Webhook-Subscription-Id header, and no secret given'
          : `unknown subscription: no secret is stored for ${subscriptionId}`,
    };
  }
  if (secret === '') {
    // Anyone can sign with the key "", so it must never verify. Thrown like a stored reference that cannot be resolved,
    // so the listener answers the same 500: the fault is the listener's setup, not the notification, and Solaris
    // retries it, so it is not lost while the real secret is stored (a 422 would tell Solaris it was refused).
    const why =
      subscriptionId === undefined
        ? 'the webhook secret is empty'
        : `the secret stored for ${subscriptionId} is empty, so it cannot verify anything (store the real one with "webhooks secret set ${subscriptionId}")`;
    throw new UsageError(why, { code: 'webhook_secret_empty' });
  }
  return verifyWebhookSignature(secret, body, header) ? { signature: 'valid', reason: null } : { signature: 'invalid', reason: 'wrong secret, or the body was changed' };
}
