import type { KeyObject } from 'node:crypto';
import { computeFingerprint, listRequestFields, type FingerprintInput, type FingerprintRow } from '../../core/soldo/fingerprint.js';
import { verifyFingerprintSignature } from '../../core/soldo/signature.js';
import { CliError } from '../../errors.js';
import { demoCredentials } from '../../providers/demo-credentials.js';
import { matchOperation, orderVariants, type OrderSource } from '../../providers/soldo/orders.js';
import type { EmuRequest, EmulatorEnv } from '../types.js';
import { SoldoFailure } from './http.js';
import type { Verification } from './verifications.js';

/** Soldo's advanced authentication, checked the way Soldo does: fingerprint, then signature, then request_timestamp. */

export interface VerifiedRequest {
  readonly operationId: string;
  readonly pathParams: Readonly<Record<string, string>>;
  /** The fingerprint's fields with the values the request gave them. */
  readonly rows: readonly FingerprintRow[];
  /** Whose order the fingerprint followed, where Soldo's sources disagree: the guide's unless only the export's matched. */
  readonly orderSource: OrderSource;
}

/** How far `request_timestamp` may be from the emulator's clock (providers.md §3: older than 5 s is rejected). */
export const TIMESTAMP_TOLERANCE_MS = 5_000;
const TIMESTAMP_FIELD = 'request_timestamp';

export function createVerifier(
  env: EmulatorEnv,
  publicKey: KeyObject,
  observe: (verification: Verification) => void = () => undefined,
): (req: EmuRequest) => VerifiedRequest {
  return (req) => {
    // The router chose a route of the order table; matchOperation also settles a literal segment against a parameter.
    const match = matchOperation(req.method, req.path);
    if (match === undefined) throw new Error(`${req.method} ${req.path} is served as a signed operation but has no order`);
    const { operationId } = match.order;
    const seen = () => ({ at: new Date(env.now()).toISOString(), operation: operationId, method: req.method, path: req.path, input: base, order: match.order, sent: sentFingerprint });
    const reject = (code: string, message: string, reason: string): SoldoFailure => {
      // Soldo's message says nothing more; the emulator's log says why, for whoever debugs their client.
      env.log({ type: 'soldo_request_rejected', operation: operationId, error_code: code, reason });
      observe({ ...seen(), error_code: code, reason });
      return new SoldoFailure(400, code, message);
    };
    const base: FingerprintInput = {
      order: match.order,
      pathParams: match.pathParams,
      query: req.query,
      body: req.rawBody.toString('utf8'),
      contentType: header(req, 'content-type'),
      token: demoCredentials.soldo.fingerprint_token,
    };
    const sentFingerprint = header(req, 'x-soldo-fingerprint');
    if (sentFingerprint === undefined) throw reject('INVALID_FINGERPRINT', 'invalid fingerprint', 'no X-Soldo-Fingerprint header');
    // Where Soldo's guide and its OpenAPI export order the fields differently, a client of either is accepted.
    const variants = orderVariants(match.order).map((variant) => {
      const input = { ...base, order: { ...match.order, order: variant.order } };
      return { ...variant, input, ...readable(() => computeFingerprint(input)) };
    });
    const accepted = variants.find((variant) => variant.fingerprint === sentFingerprint);
    if (accepted === undefined) {
      const orders = variants.map((variant) => variant.order.join(', ') + (variants.length > 1 ? ` (${variant.source})` : '')).join(' or ');
      throw reject('INVALID_FINGERPRINT', 'invalid fingerprint', `X-Soldo-Fingerprint is not the lowercase SHA-512 of ${orders}`);
    }
    const { fingerprint, rows, input } = accepted;
    const signature = header(req, 'x-soldo-fingerprint-signature');
    if (signature === undefined || !signatureValid(fingerprint, signature, publicKey)) {
      const reason = signature === undefined ? 'no X-Soldo-Fingerprint-Signature header' : 'not signed with the registered key';
      throw reject('INVALID_FINGERPRINT_SIGNATURE', 'invalid fingerprint signature', reason);
    }
    checkTimestamp(env, input, match.order.order.includes(TIMESTAMP_FIELD), reject);
    observe(seen());
    return { operationId, pathParams: match.pathParams, rows, orderSource: accepted.source };
  };
}

/** Soldo rejects a `request_timestamp` more than 5 s from its clock, and one missing where the order names it. */
function checkTimestamp(
  env: EmulatorEnv,
  input: FingerprintInput,
  required: boolean,
  reject: (code: string, message: string, reason: string) => SoldoFailure,
): void {
  const sent = listRequestFields(input).find((field) => field.name === TIMESTAMP_FIELD)?.value;
  if (sent === undefined) {
    if (required) throw reject('INVALID_REQUEST_TIMESTAMP', 'request_timestamp is required', 'no request_timestamp');
    return;
  }
  if (!/^\d+$/.test(sent)) throw reject('INVALID_REQUEST_TIMESTAMP', 'invalid request_timestamp', 'request_timestamp is not epoch milliseconds');
  const skew = env.now() - Number(sent);
  if (Math.abs(skew) > TIMESTAMP_TOLERANCE_MS) {
    throw reject('INVALID_REQUEST_TIMESTAMP', 'invalid request_timestamp', `request_timestamp is ${skew} ms off the emulator's clock`);
  }
}

function signatureValid(fingerprint: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verifyFingerprintSignature(fingerprint, signature, publicKey);
  } catch (error) {
    if (error instanceof CliError) return false; // Not Base64: as invalid as a wrong signature.
    throw error;
  }
}

/** A body the fingerprint cannot read (bad JSON, another content type) is a bad request, not an emulator failure. */
function readable<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    throw new SoldoFailure(400, 'BAD_REQUEST', error.message);
  }
}

function header(req: EmuRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
