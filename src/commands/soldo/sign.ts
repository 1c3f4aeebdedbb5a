import type { Credentials } from '../../config/load-credentials.js';
import { computeFingerprint, type FingerprintResult } from '../../core/soldo/fingerprint.js';
import { headerLines, signFingerprint } from '../../core/soldo/signature.js';
import { UsageError } from '../../errors.js';
import { readSecret } from '../../io/streams.js';
import { loadSigningKey } from '../../providers/soldo/signing.js';
import type { RunContext } from '../../run-context.js';
import { defineCommand, type OptionSpec, type OptionValues } from '../spec.js';
import { orderDispute } from '../../providers/soldo/order-dispute.js';
import { fingerprintJson, noteGenerated, warnDisputed } from './render-fingerprint.js';
import { namesRequest, readFingerprintRequest, requestOptions, soldoCredentials } from './request-input.js';

const options = [
  ...requestOptions,
  { flags: '--fingerprint <hex>', description: 'sign this fingerprint instead of computing one from a request' },
  { flags: '--private-key-file <path>', description: 'PEM private key (default: FINTECH_CLI_SOLDO_PRIVATE_KEY[_FILE] or the config)' },
  { flags: '--passphrase-stdin', description: 'read the passphrase of an encrypted key from standard input' },
] as const satisfies readonly OptionSpec[];

/** Soldo refuses a request whose request_timestamp is older than this. */
const MAX_TIMESTAMP_AGE_MS = 5_000;

export default defineCommand({
  path: ['soldo', 'sign'],
  summary: 'Print the X-Soldo-Fingerprint and X-Soldo-Fingerprint-Signature headers of a request',
  description:
    'Print the two headers of a signed Soldo request: the fingerprint of the request (or the one given with ' +
    '--fingerprint) and its SHA512withRSA signature with your private key. The key is never printed.',
  options,
  examples: [
    'fintech-cli soldo sign --url "/business/v2/transactions?fromDate=2024-01-01"',
    'headers=$(fintech-cli soldo sign --operation wallet-internal-transfer --param fromWalletId=W1 --param toWalletId=W2 --data @body.json) ' +
      '    curl -X PUT -H "$(echo "$headers" | sed -n 1p)" -H "$(echo "$headers" | sed -n 2p)" …',
    'fintech-cli soldo sign --fingerprint "$HEX" --private-key-file private.pem --json',
    'printf %s "$PASSPHRASE" | fintech-cli soldo sign --fingerprint "$HEX" --private-key-file encrypted.pem --passphrase-stdin',
  ],
  async run({ opts }, cx) {
    const given = parseFingerprint(opts.fingerprint);
    if (given !== undefined && namesRequest(opts)) {
      throw new UsageError('--fingerprint and a request (--url, --operation, --param, --data) both give what to sign.', { hint: 'Use one of them.' });
    }
    if (given === undefined && !namesRequest(opts)) {
      throw new UsageError('Nothing to sign.', { hint: 'Describe the request with --url or --operation, or give --fingerprint HEX.' });
    }
    const { passphraseStdin } = opts;
    if (passphraseStdin && opts.data === '-') {
      throw new UsageError('--data - and --passphrase-stdin cannot both read standard input.', { hint: 'Put the body in a file: --data @body.json' });
    }
    const credentials = await soldoCredentials(cx, opts);
    const target = given === undefined ? await fingerprintRequest(opts, cx, credentials) : { fingerprint: given, json: { fingerprint: given } };
    const passphrase = passphraseStdin ? await readSecret(cx, '--passphrase-stdin') : undefined;
    const signature = signFingerprint(target.fingerprint, await loadSigningKey(credentials, passphrase));
    const lines = headerLines(target.fingerprint, signature);

    if (cx.globals.json) {
      cx.io.json({ ...target.json, signature, headers: Object.fromEntries(lines.map((line) => line.split(': ', 2))) });
      return;
    }
    cx.io.out(`${lines.join('\n')}\n`);
    if (target.result !== undefined) {
      noteGenerated(cx.io, target.result);
      warnIfStale(cx, target.result);
    }
  },
});

interface SignTarget {
  fingerprint: string;
  /** What --json shows of it besides the signature. */
  json: object;
  result?: FingerprintResult;
}

async function fingerprintRequest(opts: OptionValues<typeof options>, cx: RunContext, credentials: Credentials): Promise<SignTarget> {
  const { order, source, input } = await readFingerprintRequest(opts, cx, credentials);
  const result = computeFingerprint(input);
  const dispute = orderDispute(order, source, input, result);
  warnDisputed(cx.io, source, dispute);
  return { fingerprint: result.fingerprint, json: fingerprintJson(order, result, source, dispute), result };
}

/** Soldo compares the signature with the lowercase hex it computes, so anything else cannot be right. */
function parseFingerprint(value: string | undefined): string | undefined {
  if (value === undefined || /^[0-9a-f]{128}$/.test(value)) return value;
  const uppercase = /^[0-9A-Fa-f]{128}$/.test(value);
  throw new UsageError(uppercase ? '--fingerprint has uppercase hex digits.' : '--fingerprint is not a SHA-512 hex fingerprint (128 hex digits).', {
    code: 'bad_fingerprint',
    hint: uppercase ? 'Soldo computes lowercase hex and rejects anything else: fix the code that makes it.' : 'Check the value, or let this command compute it from --url / --operation.',
  });
}

function warnIfStale(cx: RunContext, result: FingerprintResult): void {
  const sent = result.rows.find((r) => r.field === 'request_timestamp' && r.source === 'body')?.value;
  if (sent === undefined) return;
  const age = cx.now() - Number(sent);
  if (age > MAX_TIMESTAMP_AGE_MS) {
    cx.io.warn(`request_timestamp ${sent} is ${Math.round(age / 1000)} s old; Soldo refuses requests older than 5 seconds.`);
  }
}
