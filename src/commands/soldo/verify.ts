import { resolve } from 'node:path';
import { explainSignature, type SignatureExplanation } from '../../core/soldo/signature-explain.js';
import { verifyFingerprintSignature } from '../../core/soldo/signature.js';
import { UsageError, VerificationError } from '../../errors.js';
import type { Io } from '../../io/io.js';
import { loadPrivateKeyFile, loadPublicKeyFile } from '../../providers/soldo/signing.js';
import { defineCommand } from '../spec.js';
import { mistakeHint } from './render-mismatch.js';

export default defineCommand({
  path: ['soldo', 'verify'],
  summary: 'Check an X-Soldo-Fingerprint-Signature against a public key (exit 0 or 3), and explain one that fails',
  description:
    'Check that a signature is the SHA512withRSA signature of the fingerprint\'s lowercase hex by the private key of ' +
    'the given public key, as Soldo does with the key you uploaded. Exit 0 when it is, 3 when it is not. With ' +
    '--explain, search which common mistake, or pair of them, made the signature: the concatenated string, the ' +
    'uppercase hex or the digest bytes signed, SHA256withRSA or SHA1withRSA, RSA-PSS, a hex or base64url signature, ' +
    'or another key (docs/soldo.md lists the catalogue).',
  options: [
    { flags: '--fingerprint <hex>', description: 'the X-Soldo-Fingerprint value', required: true },
    { flags: '--signature <base64>', description: 'the X-Soldo-Fingerprint-Signature value', required: true },
    { flags: '--public-key-file <path>', description: 'the public key PEM (the one uploaded to Soldo)', required: true },
    { flags: '--explain', description: 'when the signature is not valid, find the mistake that made it' },
    { flags: '--private-key-file <path>', description: 'with --explain: the private key your code signs with, to compare with the uploaded one' },
    { flags: '--concatenated <text>', description: 'with --explain: the string the fingerprint hashes, to test it signed in place of the hex' },
  ],
  examples: [
    'fintech-cli soldo verify --fingerprint "$FP" --signature "$SIG" --public-key-file public.pem',
    'fintech-cli soldo verify --fingerprint "$FP" --signature "$SIG" --public-key-file public.pem --json',
    'fintech-cli soldo verify --fingerprint "$FP" --signature "$SIG" --public-key-file public.pem --explain --private-key-file private.pem',
  ],
  async run({ opts }, cx) {
    const { fingerprint, signature } = opts;
    const keyFile = resolve(cx.cwd, opts.publicKeyFile);
    if (!/^[0-9a-f]+$/i.test(fingerprint)) {
      throw new UsageError('--fingerprint is not hex.', { code: 'bad_fingerprint', hint: 'Give the X-Soldo-Fingerprint value: 128 hex digits.' });
    }
    if (!opts.explain && (opts.privateKeyFile !== undefined || opts.concatenated !== undefined)) {
      throw new UsageError(`${opts.privateKeyFile === undefined ? '--concatenated' : '--private-key-file'} is for --explain.`, { hint: 'Add --explain.' });
    }
    const publicKey = await loadPublicKeyFile(keyFile);
    if (opts.explain) {
      const privateKey = opts.privateKeyFile === undefined ? undefined : await loadPrivateKeyFile(resolve(cx.cwd, opts.privateKeyFile));
      const explanation = explainSignature({ fingerprint, signature, publicKey, privateKey, concatenated: opts.concatenated });
      if (cx.globals.json) cx.io.json({ fingerprint, valid: explanation.valid, explain: signatureJson(explanation) });
      if (explanation.valid) {
        if (!cx.globals.json) cx.io.info(`${cx.io.errStyle.green('✓')} The signature is valid for this fingerprint and key.`);
        return;
      }
      if (!cx.globals.json) renderSignatureMistakes(cx.io, explanation);
      throw new VerificationError('The signature does not match this fingerprint and public key.', {
        code: 'signature_mismatch',
        hint: explanation.matches[0] !== undefined ? mistakeHint(cx.globals.json, explanation.matches[0]) : `See the ${cx.globals.json ? '"notes" in the JSON on stdout' : 'notes above'}, and the troubleshooting section of docs/soldo.md.`,
      });
    }
    const valid = verifyFingerprintSignature(fingerprint, signature, publicKey);
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

/** The `explain` member of `soldo verify --explain --json`. */
function signatureJson(explanation: SignatureExplanation) {
  return {
    mistakes: explanation.matches.map(({ name, explanation: text, signed }) => ({ name, explanation: text, signed })),
    tried: explanation.triedNames,
    keys: { uploaded: explanation.keys.uploaded, private_key: explanation.keys.privateKey ?? null, same: explanation.keys.same ?? null },
    notes: explanation.notes,
  };
}

function renderSignatureMistakes(io: Io, explanation: SignatureExplanation): void {
  const { errStyle: style } = io;
  io.info(`${style.red('✗')} The signature is not the one Soldo expects.`);
  const { keys } = explanation;
  io.info(`  uploaded key     SHA-256 ${keys.uploaded}`);
  if (keys.privateKey !== undefined) io.info(`  your private key SHA-256 ${keys.privateKey}${keys.same ? ' (the same key)' : ' (another key)'}`);
  const [match] = explanation.matches;
  if (match !== undefined) {
    io.info(style.bold('Found it:'));
    io.info(`  ${match.explanation} ${style.dim(`[${match.name}]`)}`);
    io.info(style.dim(`    your code signs ${JSON.stringify(match.signed)}`));
    return;
  }
  io.info(`No common mistake, nor any pair of them, made it (tried ${explanation.triedNames.join(', ')}).`);
  for (const note of explanation.notes) io.info(`  - ${note}`);
}
