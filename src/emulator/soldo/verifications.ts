import { explainMismatch, type Explanation } from '../../core/soldo/explain.js';
import { computeFingerprint, type FingerprintInput } from '../../core/soldo/fingerprint.js';
import { createRedactor } from '../../core/redact.js';
import { demoCredentials } from '../../providers/demo-credentials.js';
import { orderSourceNames, orderVariants, type SoldoOrder } from '../../providers/soldo/orders.js';
import { createRingBuffer } from '../ring-buffer.js';

/** One check of Soldo's advanced authentication, as the verifier saw it (request-verification.ts). */
export interface Verification {
  at: string;
  operation: string;
  method: string;
  path: string;
  /** Undefined when it passed. */
  error_code?: string;
  reason?: string;
  /** What the fingerprint covers, and the fingerprint sent: kept to explain an INVALID_FINGERPRINT. */
  input: FingerprintInput;
  order: SoldoOrder;
  sent?: string;
}

const KEPT = 20;

/**
 * The last verifications, for the inspector. A rejected fingerprint gets the breakdown `soldo fingerprint --expect`
 * gives (the fields, our string and hash, the likely mistake), computed with the same engine (core/soldo/explain.ts)
 * when first shown, not while the request waits. The fingerprint token is masked.
 */
export function createVerificationLog() {
  const log = createRingBuffer<Verification>(KEPT);
  const explained = new WeakMap<Verification, ReturnType<typeof breakdown>>();
  const redact = createRedactor([demoCredentials.soldo.fingerprint_token]).text;

  function breakdown(v: Verification) {
    const ours = computeFingerprint(v.input);
    const fields = ours.rows.map((row) => ({ field: row.field, value: row.value === undefined ? null : redact(row.value), skipped: row.skipped }));
    let explanation: Explanation | undefined;
    if (v.error_code === 'INVALID_FINGERPRINT' && v.sent !== undefined) {
      const otherOrders = orderVariants(v.order)
        .slice(1)
        .map((variant) => ({ source: orderSourceNames[variant.source], order: variant.order }));
      explanation = explainMismatch({ ...v.input, otherOrders }, v.sent);
    }
    const [found] = explanation?.matches ?? [];
    return {
      fields,
      concatenated: redact(ours.concatenated),
      expected: ours.fingerprint,
      ...(found === undefined ? {} : { likely_mistake: { name: found.name, explanation: found.explanation, hashed: redact(found.hashed) } }),
      ...(explanation === undefined ? {} : { tried: explanation.tried, tried_pairs: explanation.triedPairs }),
    };
  }

  return {
    add: (verification: Verification) => log.push(verification),
    /** Newest first; the breakdown only for rejected ones. */
    view() {
      return log
        .items()
        .reverse()
        .map((v) => {
          const { at, operation, method, path, error_code, reason, sent } = v;
          const shown = { at, operation, method, path, ...(error_code === undefined ? {} : { error_code, reason, sent }) };
          if (v.error_code === undefined) return shown;
          let details = explained.get(v);
          if (details === undefined) explained.set(v, (details = breakdown(v)));
          return { ...shown, breakdown: details };
        });
    },
  };
}
