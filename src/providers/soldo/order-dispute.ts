import { computeFingerprint, type FingerprintInput, type FingerprintResult } from '../../core/soldo/fingerprint.js';
import { orderSources, orderUnder, type OrderSource, type SoldoOrder } from './orders.js';

/** A request whose fingerprint depends on which of Soldo's sources orders its fields. */
export interface OrderDispute {
  /** The source the fingerprint was not computed with. */
  readonly source: OrderSource;
  /** The operation under that source. */
  readonly order: SoldoOrder;
  /** The fingerprint that source gives. */
  readonly result: FingerprintResult;
  /** The fields the request sets whose place differs between the two sources. */
  readonly fields: readonly string[];
}

/**
 * The other source's fingerprint of the request, when it differs from `result` (computed under `source`): the
 * request sets fields at a place Soldo's guide and its OpenAPI export disagree on. Undefined otherwise.
 */
export function orderDispute(order: SoldoOrder, source: OrderSource, input: FingerprintInput, result: FingerprintResult): OrderDispute | undefined {
  for (const other of orderSources) {
    const otherOrder = orderUnder(order, other);
    if (other === source || otherOrder.order === orderUnder(order, source).order) continue;
    const otherResult = computeFingerprint({ ...input, order: otherOrder });
    if (otherResult.fingerprint === result.fingerprint) continue;
    return { source: other, order: otherOrder, result: otherResult, fields: movedFields(result, otherResult) };
  }
  return undefined;
}

/** The fields with a value whose position among the fields with a value differs. */
function movedFields(ours: FingerprintResult, theirs: FingerprintResult): string[] {
  const present = (result: FingerprintResult) => result.rows.filter((r) => !r.skipped).map((r) => r.field);
  const [a, b] = [present(ours), present(theirs)];
  return a.filter((field, i) => b[i] !== field);
}
