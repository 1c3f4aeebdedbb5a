import type { FingerprintResult } from '../../core/soldo/fingerprint.js';
import type { Io } from '../../io/io.js';
import { renderTable } from '../../output/table.js';
import type { OrderDispute } from '../../providers/soldo/order-dispute.js';
import { DEFAULT_ORDER_SOURCE, orderSourceNames, type OrderSource, type SoldoOrder } from '../../providers/soldo/orders.js';

/** The `--json` shape of a fingerprint: stable names, `null` where a field has no value, source or reason. */
export function fingerprintJson(order: SoldoOrder, result: FingerprintResult, source: OrderSource, dispute: OrderDispute | undefined) {
  return {
    operation: order.operationId,
    method: order.method,
    path: order.path,
    content_type: order.contentType ?? null,
    order_source: source,
    fields: result.rows.map((r) => ({
      index: r.index,
      field: r.field,
      value: r.value ?? null,
      source: r.source ?? null,
      skipped: r.skipped,
      reason: r.reason ?? null,
    })),
    concatenated: result.concatenated,
    fingerprint: result.fingerprint,
    generated: result.generated,
    disputed:
      dispute === undefined
        ? null
        : { source: dispute.source, fields: dispute.fields, concatenated: dispute.result.concatenated, fingerprint: dispute.result.fingerprint },
  };
}

/** The request sets fields where Soldo's sources order them differently: the other source's fingerprint, on stderr. */
export function warnDisputed(io: Io, source: OrderSource, dispute: OrderDispute | undefined): void {
  if (dispute === undefined) return;
  const chosen = `${orderSourceNames[source]}${source === DEFAULT_ORDER_SOURCE ? ', the default' : ''}`;
  io.warn(
    `Soldo's sources order ${listed(dispute.fields)} differently. This fingerprint follows ${chosen}; ` +
      `${orderSourceNames[dispute.source]} gives ${dispute.result.fingerprint.slice(0, 16)}… (--order-source ${dispute.source}). ` +
      'If Soldo answers INVALID_FINGERPRINT, try that one (docs/soldo.md, section 10).',
  );
}

/**
 * The operation, one row per field of its order, the concatenated string and the fingerprint. VALUE is the last
 * column: values are the long, ragged cells.
 */
export function renderFingerprint(io: Io, order: SoldoOrder, result: FingerprintResult): void {
  const label = (text: string) => io.outStyle.bold(text.padEnd(14));
  io.out(`${label('Operation:')}${order.operationId} (${order.method} ${order.path})\n\n`);
  renderTable(
    io,
    ['ORDER', 'FIELD', 'SOURCE', 'VALUE'],
    result.rows.map((r) => [String(r.index), r.field, r.source ?? '', r.value ?? { dim: `(${r.reason ?? 'absent'})` }]),
  );
  io.out(`\n${label('Concatenated:')}${result.concatenated}\n${label('Fingerprint:')}${result.fingerprint}\n`);
}

/** The fingerprint includes a request_timestamp we made up: the body sent must carry the same one. */
export function noteGenerated(io: Io, result: FingerprintResult): void {
  const timestamp = result.generated.request_timestamp;
  if (timestamp === undefined) return;
  io.info(
    `${io.errStyle.cyan('note:')} the body has no request_timestamp, so the fingerprint uses ${timestamp} (now). ` +
      `Send "request_timestamp": ${timestamp} in the body, within 5 seconds.`,
  );
}

function listed(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
