import type { Explanation } from '../../core/soldo/explain.js';
import type { Io } from '../../io/io.js';

/** The `expect` member of `soldo fingerprint --json`. */
export function mismatchJson(expected: string, explanation: Explanation | undefined) {
  if (explanation === undefined) return { expected, equal: true };
  return {
    expected,
    equal: false,
    mistakes: explanation.matches.map(({ name, explanation: text, concatenated }) => ({ name, explanation: text, concatenated })),
    tried: explanation.triedNames,
    notes: explanation.notes,
  };
}

/** On stderr: which common mistake reproduces the user's fingerprint, or what was ruled out and what to check next. */
export function renderMismatch(io: Io, expected: string, explanation: Explanation, usedAccessToken: boolean): void {
  const { errStyle: style } = io;
  io.info(`${style.red('✗')} Your fingerprint is not the one of this request.`);
  io.info(`  yours  ${expected}\n  ours   ${explanation.ourFingerprint}`);
  const { matches } = explanation;
  if (matches.length > 0) {
    io.info(style.bold(matches.length === 1 ? 'Found it:' : 'Each of these reproduces yours:'));
    for (const match of matches) {
      io.info(`  ${match.explanation}`);
      // JSON quoting shows separators and trailing newlines that raw text would hide.
      io.info(style.dim(`    your code hashes ${JSON.stringify(match.concatenated)}`));
    }
    return;
  }
  io.info(`No common mistake reproduces it (tried ${explanation.tried}: ${explanation.triedNames.join(', ')}).`);
  io.info(style.bold('Next steps:'));
  const steps = [
    'Print the exact string your code hashes and compare it with "Concatenated" above, character by character.',
    'Give this command the request exactly as sent: the same URL and query, the body bytes with --data @file.',
    `Check the token: the static fingerprint token Soldo issued, not the OAuth access token${usedAccessToken ? '' : ' (--access-token T tests that)'}.`,
    ...explanation.notes,
  ];
  for (const step of steps) io.info(`  - ${step}`);
}
