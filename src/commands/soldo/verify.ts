import { resolve } from 'node:path';
import { verifyFingerprintSignature } from '../../core/soldo/signature.js';
import { UsageError, VerificationError } from '../../errors.js';
import { loadPublicKeyFile } from '../../providers/soldo/signing.js';
import { defineCommand } from '../spec.js';

export default defineCommand({
  path: ['soldo', 'verify'],
  summary: 'Check an X-Soldo-Fingerprint-Signature against a public key (exit 0 or 3)',
  description:
    'Check that a signature is the SHA512withRSA signature of the fingerprint\'s lowercase hex by the private key of ' +
    'the given public key, as Soldo does with the key you uploaded. Exit 0 when it is, 3 when it is not.',
  options: [
    { flags: '--fingerprint <hex>', description: 'the X-Soldo-Fingerprint value', required: true },
    { flags: '--signature <base64>', description: 'the X-Soldo-Fingerprint-Signature value', required: true },
    { flags: '--public-key-file <path>', description: 'the public key PEM (the one uploaded to Soldo)', required: true },
  ],
  examples: [
    'fintech-cli soldo verify --fingerprint "$FP" --signature "$SIG" --public-key-file public.pem',
    'fintech-cli soldo verify --fingerprint "$FP" --signature "$SIG" --public-key-file public.pem --json',
  ],
  async run({ opts }, cx) {
    const { fingerprint, signature } = opts;
    const keyFile = resolve(cx.cwd, opts.publicKeyFile);
    if (!/^[0-9a-f]+$/i.test(fingerprint)) {
      throw new UsageError('--fingerprint is not hex.', { code: 'bad_fingerprint', hint: 'Give the X-Soldo-Fingerprint value: 128 hex digits.' });
    }
    const valid = verifyFingerprintSignature(fingerprint, signature, await loadPublicKeyFile(keyFile));
    if (cx.globals.json) cx.io.json({ fingerprint, valid });
    if (valid) {
      if (!cx.globals.json) cx.io.info(`${cx.io.errStyle.green('✓')} The signature is valid for this fingerprint and key.`);
      return;
    }
    throw new VerificationError('The signature does not match this fingerprint and public key.', {
      code: 'signature_mismatch',
      hint: /[A-F]/.test(fingerprint)
        ? 'The fingerprint has uppercase digits: Soldo signs and checks the lowercase hex.'
        : 'Sign the fingerprint hex (not the concatenated string) with SHA-512 and PKCS#1 v1.5, using the private half of this key.',
    });
  },
});
