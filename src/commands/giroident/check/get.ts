import { checkStatusMeanings, getCheck } from '../../../providers/finapi/giroident.js';
import type { Io } from '../../../io/io.js';
import { terminalSafe } from '../../../io/terminal-safe.js';
import { renderRecord } from '../../../output/fields.js';
import { defineCommand } from '../../spec.js';
import { checkAuthOptions, readCheckAuth } from './auth.js';

export default defineCommand({
  path: ['giroident', 'check', 'get'],
  summary: "Show a GiroIdent check's status and result (name equality)",
  description:
    "Show a GiroIdent check as finAPI reports it: its status and, once COMPLETED, whether the account holder's name " +
    'matches (name-equality, name-equality-score). Use the user token the check was created with. --json prints finAPI\'s answer as is.',
  args: [{ name: 'checkId', description: 'the check-id that "check create" or "giroident start" printed' }],
  options: checkAuthOptions,
  examples: [
    'fintech-cli giroident check get 3f0c9a2e-… --user alice',
    'printf %s "$ACCESS_TOKEN" | fintech-cli giroident check get 3f0c9a2e-… --access-token-stdin --json',
  ],
  async run({ args, opts }, cx) {
    const auth = await readCheckAuth(opts, cx);
    const check = await getCheck(cx.provider('finapi'), auth, args[0] ?? '', opts.product);
    if (cx.globals.json) {
      cx.io.json(check);
      return;
    }
    renderRecord(cx.io, check);
    explain(cx.io, check);
  },
});

/** The result in one sentence on stderr, for people; scripts read `status` and `name-equality`. */
function explain(io: Io, check: Record<string, unknown>): void {
  const status = String(check.status);
  const score = check['name-equality-score'] === null || check['name-equality-score'] === undefined ? '' : ` (score ${String(check['name-equality-score'])})`;
  if (status === 'COMPLETED' && typeof check['name-equality'] === 'boolean') {
    const { green, red } = io.errStyle;
    io.info(check['name-equality'] ? `${green('✓')} The account holder's name matches${score}.` : `${red('✗')} The account holder's name does not match${score}.`);
    return;
  }
  io.info(`${terminalSafe(io.streams.stderr)(status)}: ${checkStatusMeanings[status] ?? 'a status this version of fintech-cli does not know'}.`);
}
