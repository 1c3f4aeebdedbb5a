/**
 * Under a Soldo INVALID_FINGERPRINT or INVALID_FINGERPRINT_SIGNATURE answer to `request soldo`: the fingerprint's
 * breakdown, and the likely cause. With the user's own X-Soldo-Fingerprint (-H, to replay what their code sent), the
 * mistake search runs on it, as `soldo fingerprint --expect` would.
 */
import { explainMismatch } from '../../core/soldo/explain.js';
import { computeFingerprint, type FingerprintInput } from '../../core/soldo/fingerprint.js';
import { headerValue } from '../../core/headers.js';
import { orderDispute, type OrderDispute } from '../../providers/soldo/order-dispute.js';
import { matchOperation, orderSourceNames, orderUnder, type OrderSource } from '../../providers/soldo/orders.js';
import type { RunContext } from '../../run-context.js';
import { diagnosisInput } from '../soldo/diagnosis-input.js';
import { masksOf } from '../../core/soldo/mismatch-report.js';
import { mismatchJson, renderMismatch } from '../soldo/render-mismatch.js';

export interface SentRequest {
  readonly method: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly body: string | Buffer | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** Which of Soldo's sources the CLI's own fingerprint followed (`--order-source`). */
  readonly orderSource: OrderSource;
}

/** Prints the breakdown and the diagnosis on stderr (or as one JSON line there with --json); returns the likely cause. */
export async function diagnoseFingerprintError(cx: RunContext, code: string, sent: SentRequest): Promise<string | undefined> {
  const match = matchOperation(sent.method, sent.pathname);
  if (match === undefined) return undefined;
  const source = sent.orderSource;
  const order = orderUnder(match.order, source);
  const credentials = await cx.provider('soldo').credentials();
  const token = order.order.includes('token') ? await credentials.get('fingerprint_token') : undefined;
  const input: FingerprintInput = {
    order,
    pathParams: match.pathParams,
    query: sent.query.toString(),
    body: sent.body === undefined ? undefined : sent.body.toString(),
    contentType: headerValue(sent.headers, 'content-type'),
    token,
  };
  let result;
  try {
    result = computeFingerprint(input);
  } catch {
    return undefined; // A body the fingerprint cannot read: the answer above says enough.
  }
  const theirs = headerValue(sent.headers, 'x-soldo-fingerprint')?.trim();
  const givenSignature = headerValue(sent.headers, 'x-soldo-fingerprint-signature') !== undefined;
  const diagnosis = theirs !== undefined && theirs !== result.fingerprint ? await diagnosisInput(cx, order, source, input, credentials, undefined) : undefined;
  const explanation = diagnosis === undefined || theirs === undefined ? undefined : explainMismatch(diagnosis, theirs);
  const [found] = explanation?.matches ?? [];
  // Ours was refused: where the sources disagree on this request, the other source's order is the likeliest cure.
  const dispute = code === 'INVALID_FINGERPRINT' && (theirs === undefined || theirs === result.fingerprint) ? orderDispute(order, source, input, result) : undefined;
  const needsTimestamp = result.rows.some((r) => r.field === 'request_timestamp' && r.skipped);
  const cause = likelyCause(code, { theirs, ours: result.fingerprint, found: found?.name, givenSignature, needsTimestamp, dispute });
  const masks = diagnosis === undefined ? [] : masksOf(diagnosis);

  if (cx.globals.json) {
    const fields = result.rows.map((r) => ({ field: r.field, value: r.value ?? null, source: r.source ?? null }));
    const expect = theirs === undefined ? undefined : mismatchJson(theirs, explanation, masks);
    const disputed = dispute === undefined ? {} : { disputed: { source: dispute.source, fields: dispute.fields, concatenated: dispute.result.concatenated, fingerprint: dispute.result.fingerprint } };
    const fingerprint = { operation: order.operationId, orderSource: source, fields, concatenated: result.concatenated, fingerprint: result.fingerprint, ...disputed, ...(expect ? { expect } : {}), cause };
    cx.io.info(JSON.stringify({ fingerprint }));
    return cause;
  }
  const { errStyle: style } = cx.io;
  const inOrderOf = order.sources === undefined ? '' : `, in the order of ${orderSourceNames[source]}`;
  cx.io.info(style.bold(`The fingerprint of ${order.operationId}, as this CLI computes it${inOrderOf}:`));
  for (const r of result.rows) cx.io.info(`  ${String(r.index).padStart(2)}  ${r.field.padEnd(22)} ${r.value ?? style.dim(`(${r.reason ?? 'absent'})`)}`);
  cx.io.info(`  Concatenated: ${result.concatenated}\n  Fingerprint:  ${result.fingerprint}`);
  if (dispute !== undefined) {
    cx.io.info(`${orderSourceNames[dispute.source]} orders ${dispute.fields.join(', ')} otherwise:`);
    cx.io.info(`  Concatenated: ${dispute.result.concatenated}\n  Fingerprint:  ${dispute.result.fingerprint}`);
  }
  if (explanation !== undefined && theirs !== undefined) renderMismatch(cx.io, theirs, explanation, false, masks);
  return cause;
}

function likelyCause(
  code: string,
  seen: { theirs: string | undefined; ours: string; found: string | undefined; givenSignature: boolean; needsTimestamp: boolean; dispute: OrderDispute | undefined },
): string {
  if (code === 'INVALID_FINGERPRINT_SIGNATURE') {
    if (seen.givenSignature) {
      return `Likely cause: the signature you sent with -H; find the mistake with: fintech-cli soldo verify --explain --fingerprint ${seen.theirs ?? seen.ours} --signature <it> --public-key-file <the uploaded public key>`;
    }
    return 'Likely cause: Soldo has another public key than the pair of the private key used: compare their SHA-256 (fintech-cli doctor soldo --public-key-file FILE).';
  }
  if (seen.theirs !== undefined && seen.theirs !== seen.ours) {
    return seen.found === undefined ? 'Likely cause: your X-Soldo-Fingerprint is not this request\'s, and no common mistake explains it (see above).' : `Likely cause: ${seen.found} (see above).`;
  }
  if (seen.dispute !== undefined) {
    const { source, fields } = seen.dispute;
    return `Likely cause: Soldo's sources order ${fields.join(', ')} differently, and Soldo checks the other order: send it again with --order-source ${source}.`;
  }
  if (seen.needsTimestamp) return 'Likely cause: the request_timestamp in the body is not the one the fingerprint covers.';
  return 'Likely cause: the fingerprint token is not the one Soldo issued for this environment, or Soldo orders the fields otherwise (docs/soldo.md, section 10).';
}
