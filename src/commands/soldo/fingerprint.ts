import { explainMismatch } from '../../core/soldo/explain.js';
import { computeFingerprint } from '../../core/soldo/fingerprint.js';
import { UsageError, VerificationError } from '../../errors.js';
import { defineCommand } from '../spec.js';
import { orderDispute } from '../../providers/soldo/order-dispute.js';
import { fingerprintJson, noteGenerated, renderFingerprint, warnDisputed } from './render-fingerprint.js';
import { diagnosisInput } from './diagnosis-input.js';
import { masksOf } from '../../core/soldo/mismatch-report.js';
import { mismatchJson, mistakeHint, renderMismatch } from './render-mismatch.js';
import { readFingerprintRequest, requestOptions, soldoCredentials } from './request-input.js';

export default defineCommand({
  path: ['soldo', 'fingerprint'],
  summary: 'Show how the fingerprint of a Soldo request is made, and explain one that differs',
  description:
    'Show how the X-Soldo-Fingerprint of a request is made: each field of the operation\'s order with its value and ' +
    'where it came from, the concatenated string and its SHA-512. With --expect, compare the fingerprint your code ' +
    'produced and, when it differs (exit 3), search which common mistake, or pair of mistakes, reproduces it: ' +
    'values, rendering, order, token, separators, hash and print (docs/soldo.md lists the catalogue).',
  options: [
    ...requestOptions,
    { flags: '--expect <hex>', description: 'the fingerprint your code produced: exit 0 when equal, else 3 and the mistakes (one or two) that reproduce it' },
    { flags: '--access-token <token>', description: 'with --expect: also test this OAuth access token in place of the fingerprint token (cached ones are tested too)' },
    { flags: '--quiet', description: 'print only the fingerprint (ignored with --json)' },
    // -q is --query (request, as the CLI contract names it); here it stays for a release.
    { flags: '-q', description: 'print only the fingerprint', deprecated: '--quiet' },
  ],
  examples: [
    'fintech-cli soldo fingerprint --url "/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01"',
    'fintech-cli soldo fingerprint --operation wallet-internal-transfer --param fromWalletId=W1 --param toWalletId=W2 --data \'{"amount":10.50,"currencyCode":"EUR"}\'',
    'fintech-cli soldo fingerprint --url /business/v2/wallets --method POST --data @body.json --expect "$FINGERPRINT_FROM_MY_CODE"',
    'fintech-cli soldo fingerprint --operation transaction-search --param status=Settled --quiet',
  ],
  async run({ opts }, cx) {
    const expected = parseExpected(opts.expect);
    const { accessToken } = opts;
    if (accessToken !== undefined && expected === undefined) {
      throw new UsageError('--access-token is for --expect.', { hint: 'Add --expect <hex> with the fingerprint your code produced.' });
    }
    const credentials = await soldoCredentials(cx, opts);
    const { order, source, input } = await readFingerprintRequest(opts, cx, credentials);
    const result = computeFingerprint(input);
    const dispute = orderDispute(order, source, input, result);
    const diagnosis = expected === undefined || expected === result.fingerprint ? undefined : await diagnosisInput(cx, order, source, input, credentials, accessToken);
    const explanation = diagnosis === undefined || expected === undefined ? undefined : explainMismatch(diagnosis, expected);
    const masks = diagnosis === undefined ? [] : masksOf(diagnosis);

    if (cx.globals.json) {
      cx.io.json({ ...fingerprintJson(order, result, source, dispute), ...(expected === undefined ? {} : { expect: mismatchJson(expected, explanation, masks) }) });
    } else {
      if (opts.quiet || opts.q) cx.io.out(`${result.fingerprint}\n`);
      else renderFingerprint(cx.io, order, result);
      noteGenerated(cx.io, result);
    }
    warnDisputed(cx.io, source, dispute);
    if (expected === undefined) return;
    if (explanation === undefined) {
      if (!cx.globals.json) cx.io.info(`${cx.io.errStyle.green('✓')} Your fingerprint matches.`);
      return;
    }
    if (!cx.globals.json) renderMismatch(cx.io, expected, explanation, accessToken !== undefined, masks);
    throw new VerificationError('The fingerprint does not match this request.', {
      code: 'fingerprint_mismatch',
      hint: explanation.matches[0] !== undefined ? mistakeHint(cx.globals.json, explanation.matches[0]) : `See the ${cx.globals.json ? '"notes" in the JSON on stdout' : 'next steps above'}, and the troubleshooting section of docs/soldo.md.`,
    });
  },
});

/**
 * The fingerprint the user's code produced: hex in any case (uppercase is a mistake to explain, not to refuse),
 * or the Base64 of a SHA-512, another mistake the explanation recognises.
 */
function parseExpected(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^[0-9a-f]+$/i.test(trimmed) || /^[A-Za-z0-9+/]{86}==$/.test(trimmed)) return trimmed;
  throw new UsageError('--expect is not a hex fingerprint.', {
    code: 'bad_fingerprint',
    hint: 'Give the X-Soldo-Fingerprint value your code sent: 128 hex digits.',
  });
}
