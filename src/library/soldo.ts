import { explainMismatch } from '../core/soldo/explain.js';
import { computeFingerprint, type FingerprintInput } from '../core/soldo/fingerprint.js';
import { masksOf, mismatchReport } from '../core/soldo/mismatch-report.js';
import { loadPrivateKey, loadPublicKey, signFingerprint, verifyFingerprintSignature } from '../core/soldo/signature.js';
import { explainInputFor } from '../providers/soldo/explain-input.js';
import { fingerprintInputWith } from '../providers/soldo/fingerprint-input.js';
import { resolveRequestUnder, type ResolvedRequest } from '../providers/soldo/operation.js';
import { DEFAULT_ORDER_SOURCE } from '../providers/soldo/orders.js';
import type {
  SoldoExplainOptions,
  SoldoFingerprint,
  SoldoFingerprintExplanation,
  SoldoFingerprintOptions,
  SoldoRequest,
  SoldoSignOptions,
} from './types.js';

/**
 * Soldo's advanced authentication for code: the engine of `soldo fingerprint`, `soldo sign` and `soldo verify`
 * (src/core/soldo, src/providers/soldo), with values in place of flags, files and credentials.
 */

/** The `X-Soldo-Fingerprint` of a request, the string it hashes and each field of the operation's order. */
export function soldoFingerprint(request: SoldoRequest, options: SoldoFingerprintOptions = {}): SoldoFingerprint {
  const { input } = fingerprintRequest(request, options);
  const { fingerprint, concatenated, rows, generated } = computeFingerprint(input);
  return { fingerprint, concatenated, fields: rows.map((row) => ({ ...row })), generated: { ...generated } };
}

/**
 * Compares the fingerprint your code produced with the request's, and when they differ, searches which common
 * mistake, or pair of them, reproduces yours: what `soldo fingerprint --expect --json` reports as `expect`.
 */
export function explainSoldoFingerprint(request: SoldoRequest, expectedHex: string, options: SoldoExplainOptions = {}): SoldoFingerprintExplanation {
  const { request: resolved, input } = fingerprintRequest(request, options);
  const expected = expectedHex.trim();
  if (computeFingerprint(input).fingerprint === expected) return mismatchReport(expected, undefined);
  const explainInput = explainInputFor(resolved.order, options.orderSource ?? DEFAULT_ORDER_SOURCE, input, options);
  return mismatchReport(expected, explainMismatch(explainInput, expected), masksOf(explainInput));
}

/** `X-Soldo-Fingerprint-Signature`: SHA512withRSA over the fingerprint's hex text with your private key (PEM), in Base64. */
export function soldoSign(fingerprintHex: string, privateKeyPem: string, options: SoldoSignOptions = {}): string {
  return signFingerprint(fingerprintHex, loadPrivateKey(privateKeyPem, options.passphrase));
}

/** Whether the signature is the fingerprint's, by the private half of this public key (PEM), as Soldo checks it. */
export function soldoVerify(fingerprintHex: string, signatureBase64: string, publicKeyPem: string): boolean {
  return verifyFingerprintSignature(fingerprintHex, signatureBase64, loadPublicKey(publicKeyPem));
}

function fingerprintRequest(request: SoldoRequest, options: SoldoFingerprintOptions): { request: ResolvedRequest; input: FingerprintInput } {
  const { operation, url, method, params = [] } = request;
  const pairs = Array.isArray(params) ? (params as readonly (readonly [string, string])[]) : Object.entries(params);
  const resolved = resolveRequestUnder({ operationId: operation, url, method, params: pairs }, options.orderSource);
  const { listSeparator, numbers, booleans, alwaysToken, now = Date.now() } = options;
  const input = fingerprintInputWith(resolved, request.body, request.token, { listSeparator, numbers, booleans, alwaysToken, now });
  return { request: resolved, input };
}
