import { explainMismatch } from '../core/soldo/explain.js';
import { computeFingerprint } from '../core/soldo/fingerprint.js';
import { signFingerprint } from '../core/soldo/signature.js';
import { ApiError, VerificationError } from '../errors.js';
import { describeErrorBody } from '../providers/api-errors.js';
import { fingerprintInput } from '../providers/soldo/fingerprint-input.js';
import { resolveRequest } from '../providers/soldo/operation.js';
import { loadSigningKey } from '../providers/soldo/signing.js';
import type { RunContext } from '../run-context.js';
import type { DemoStep } from './step.js';

/** The worked example of Soldo's advanced-authentication guide (docs/soldo.md), here with the emulator's fingerprint token. */
const SEARCH = '/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01&dateType=SETTLEMENT&category=Payment&status=Settled';
const SHOWN_HEX = 16;

/** The search as `soldo fingerprint --url` reads it: its operation's order filled from the URL and the fingerprint token. */
async function searchRequest(cx: RunContext) {
  const credentials = await cx.provider('soldo').credentials();
  const request = resolveRequest({ url: SEARCH });
  const input = await fingerprintInput(request, undefined, credentials, { now: cx.now() });
  return { credentials, order: request.order, input, result: computeFingerprint(input) };
}

/**
 * Soldo's advanced authentication: the fingerprint table of `soldo fingerprint`, a request signed as `request soldo`
 * signs it and accepted, then the same request with a fingerprint made without the fingerprint token (a common
 * client bug), refused with INVALID_FINGERPRINT and explained by the explainer behind `soldo fingerprint --expect`.
 */
export const soldoSteps: readonly DemoStep[] = [
  {
    name: 'Soldo fingerprint of a transaction search',
    command: `fintech-cli soldo fingerprint --emulator --url '${SEARCH}'`,
    async run({ cx }) {
      const { order, result } = await searchRequest(cx);
      const present = result.rows.filter((row) => !row.skipped);
      return {
        table: {
          head: ['ORDER', 'FIELD', 'SOURCE', 'VALUE'],
          rows: present.map((row) => [String(row.index), row.field, row.source ?? '', row.value ?? '']),
        },
        detail: [
          `${order.operationId} (${order.method} ${order.path}): the ${result.rows.length - present.length} other fields of its order are absent`,
          `concatenated  ${result.concatenated}`,
          `fingerprint   ${result.fingerprint.slice(0, SHOWN_HEX)}… (SHA-512 of the concatenation, lowercase hex)`,
        ],
      };
    },
  },
  {
    name: 'Signed Soldo request accepted',
    command: `fintech-cli request soldo GET '${SEARCH}' --emulator`,
    async run({ cx }) {
      const res = await cx.provider('soldo').call({ method: 'GET', path: SEARCH, sign: true, what: 'the transaction search' });
      const { total } = res.json<{ total?: unknown }>();
      return {
        detail: [
          'GET with X-Soldo-Fingerprint and X-Soldo-Fingerprint-Signature (SHA512withRSA, the emulator\'s demo key)',
          `→ ${res.status}: the emulator recomputed the fingerprint, verified the signature and found ${String(total)} transactions`,
        ],
      };
    },
  },
  {
    name: 'INVALID_FINGERPRINT explained',
    command: `fintech-cli soldo fingerprint --emulator --url '${SEARCH}' --expect <fingerprint>`,
    async run({ cx }) {
      const { credentials, input } = await searchRequest(cx);
      const wrong = computeFingerprint({ ...input, token: undefined }).fingerprint;
      const headers = { 'X-Soldo-Fingerprint': wrong, 'X-Soldo-Fingerprint-Signature': signFingerprint(wrong, await loadSigningKey(credentials)) };
      const res = await cx.provider('soldo').call({ method: 'GET', path: SEARCH, headers, accept: [400], what: 'the transaction search' });
      const answer = describeErrorBody(res.body);
      if (res.status !== 400 || answer.code !== 'INVALID_FINGERPRINT') {
        throw new ApiError(`The emulator answered ${res.status} (${answer.text}) to a wrong fingerprint, not 400 INVALID_FINGERPRINT.`, { status: res.status, provider: 'soldo' });
      }
      const explanation = explainMismatch(input, wrong);
      const [found] = explanation.matches;
      if (found === undefined) {
        throw new VerificationError(`None of ${explanation.tried} common mistakes reproduces the wrong fingerprint.`, { code: 'fingerprint_unexplained' });
      }
      return {
        command: `fintech-cli soldo fingerprint --emulator --url '${SEARCH}' --expect ${wrong}`,
        detail: [
          'the same search, with a fingerprint made as a buggy client makes it: without the fingerprint token',
          `→ ${res.status} ${answer.text}`,
          `soldo fingerprint --expect tried ${explanation.tried} common mistakes and found: ${found.explanation}`,
          `  your code hashes ${JSON.stringify(found.concatenated)}`,
        ],
      };
    },
  },
];
