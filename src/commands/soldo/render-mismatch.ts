import type { Explanation } from '../../core/soldo/explain.js';
import { masked, mismatchReport, type Masks } from '../../core/soldo/mismatch-report.js';
import type { Io } from '../../io/io.js';

/**
 * The hint of a mismatch whose mistake was found. On a terminal the mistake is printed above it; with --json nothing
 * is, so the hint names it.
 */
export function mistakeHint(json: boolean, mistake: { name: string; explanation: string }): string {
  if (!json) return 'Fix the mistake above in your code.';
  const text = mistake.explanation.trim().replace(/\.$/, '');
  return `Fix this mistake in your code (${mistake.name}): ${text}.`;
}

/** The `expect` member of `soldo fingerprint --json`: the library's report (camelCase, as TypeScript goes) in snake_case. */
export function mismatchJson(expected: string, explanation: Explanation | undefined, masks: Masks = []) {
  const report = mismatchReport(expected, explanation, masks);
  if (report.equal) return report;
  return { expected, equal: false, mistakes: report.mistakes, tried: report.tried, tried_pairs: report.triedPairs, notes: report.notes };
}

/** On stderr: which mistakes reproduce the user's fingerprint, or what was ruled out and what to check next. */
export function renderMismatch(io: Io, expected: string, explanation: Explanation, usedAccessToken: boolean, masks: Masks = []): void {
  const { errStyle: style } = io;
  io.info(`${style.red('✗')} Your fingerprint is not the one of this request.`);
  io.info(`  yours  ${expected}\n  ours   ${explanation.ourFingerprint}`);
  const { matches } = explanation;
  if (matches.length > 0) {
    io.info(style.bold(matches.length === 1 ? 'Found it:' : 'Each of these reproduces yours:'));
    for (const match of matches) {
      io.info(`  ${match.explanation} ${style.dim(`[${match.name}]`)}`);
      // JSON quoting shows separators and trailing newlines that raw text would hide.
      const hashed = masked(match.hashed, masks);
      io.info(style.dim(`    your code hashes ${JSON.stringify(hashed)}`));
      for (const line of diffLines(explanation.ourConcatenated, hashed)) io.info(`    ${line}`);
    }
    return;
  }
  io.info(
    // A name tried with several values (two access tokens, two number styles) is listed once.
    `No common mistake reproduces it (tried ${explanation.tried}: ${[...new Set(explanation.triedNames)].join(', ')}), ` +
      `nor any pair of two of them (${explanation.triedPairs} pairs).`,
  );
  io.info(style.bold('Next steps:'));
  const steps = [
    'Print the exact string your code hashes and compare it with "Concatenated" above, character by character.',
    'Give this command the request exactly as sent: the same URL and query, the body bytes with --data @file.',
    `Check the token: the static fingerprint token Soldo issued, not the OAuth access token${usedAccessToken ? '' : ' (--access-token T tests that)'}.`,
    ...explanation.notes,
  ];
  for (const step of steps) io.info(`  - ${step}`);
}

/**
 * The two strings, JSON-quoted so that separators and newlines show, with what lies between their common start
 * and common end marked: `[-ours-]` on one line, `[+yours+]` on the other.
 */
export function diffLines(ours: string, theirs: string): [string, string] {
  const a = [...JSON.stringify(ours).slice(1, -1)];
  const b = [...JSON.stringify(theirs).slice(1, -1)];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const marked = (chars: string[], open: string, close: string) => {
    const middle = chars.slice(start, chars.length - end).join('');
    return `${chars.slice(0, start).join('')}${middle === '' ? '' : `${open}${middle}${close}`}${chars.slice(chars.length - end).join('')}`;
  };
  return [`ours   "${marked(a, '[-', '-]')}"`, `yours  "${marked(b, '[+', '+]')}"`];
}
