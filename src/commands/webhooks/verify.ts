import { diagnoseSignature } from '../../core/webhook-explain.js';
import { parseSignatureHeader, verifyWebhookSignature } from '../../core/webhook-signature.js';
import { VerificationError } from '../../errors.js';
import { defineCommand } from '../spec.js';
import { bodyOnStdin, bodyOptions, readBody } from './body-input.js';
import { diagnosisJson, renderDiagnosis } from './render-diagnosis.js';
import { requireWebhookSecret, secretOptions } from './secret-options.js';

export default defineCommand({
  path: ['webhooks', 'verify'],
  summary: 'Check a Solaris-Webhook-Signature against a body and secret (exit 0, or 3 on mismatch)',
  description:
    'Check that a signature header ("sha256=<hex>", or another digest it names) is the HMAC of the body\'s exact bytes under ' +
    'the secret, compared in constant time. Exit 0 when it is, 3 when it is not. --explain searches for the likely cause of ' +
    'a mismatch: a re-serialised body, changed whitespace or trailing newline, the secret\'s whitespace or encoding, another ' +
    'digest, Base64 instead of hex, a missing "sha256=" prefix; when nothing explains it, the secret is likely different.',
  options: [
    { flags: '--signature <value>', description: 'the Solaris-Webhook-Signature header value, e.g. sha256=<hex>', required: true },
    ...bodyOptions,
    ...secretOptions,
    { flags: '--explain', description: 'on a mismatch, look for the likely cause' },
  ],
  examples: [
    'fintech-cli webhooks verify --webhook-id "$ID" --signature "sha256=5bdc…" --data @body.json',
    'fintech-cli webhooks verify --secret-stdin --signature "$SIG" --data @body.json --explain < secret.txt',
    'curl -s https://… | fintech-cli webhooks verify --webhook-id "$ID" --signature "$SIG"',
  ],
  async run({ opts }, cx) {
    const { signature } = opts;
    const secret = await requireWebhookSecret(opts, cx, { stdinCarriesBody: bodyOnStdin(opts) });
    const body = await readBody(opts, cx);
    const valid = verifyWebhookSignature(secret.value, body, signature);
    const diagnosis = valid || !opts.explain ? undefined : diagnoseSignature({ secret: secret.value, body, signature });
    if (cx.globals.json) cx.io.json({ valid, signature, ...(diagnosis === undefined ? {} : { explanation: diagnosisJson(diagnosis) }) });
    if (valid) {
      if (!cx.globals.json) cx.io.info(`${cx.io.errStyle.green('✓')} The signature matches this body and secret.`);
      return;
    }
    if (diagnosis !== undefined && !cx.globals.json) {
      cx.io.info(`${cx.io.errStyle.red('✗')} The signature does not match this body and secret (${secret.from}).`);
      renderDiagnosis(cx.io, signature, diagnosis);
    }
    throw new VerificationError('The signature does not match this body and secret.', {
      code: 'signature_mismatch',
      hint:
        diagnosis !== undefined
          ? undefined
          : parseSignatureHeader(signature) === undefined
            ? 'A signature looks like "sha256=<hex>"; run again with --explain to find out what this one is.'
            : 'Run again with --explain to look for the likely cause.',
    });
  },
});
