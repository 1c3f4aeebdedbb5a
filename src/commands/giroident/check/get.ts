import { NetworkError, UsageError, VerificationError } from '../../../errors.js';
import { checkStatusMeanings, finalCheckStatuses, getCheck, waitForCheck } from '../../../providers/finapi/giroident.js';
import type { Io } from '../../../io/io.js';
import { terminalSafe } from '../../../io/terminal-safe.js';
import { renderRecord } from '../../../output/fields.js';
import { defineCommand } from '../../spec.js';
import { waitCommand } from '../check-fields.js';
import { checkAuthOptions, readCheckAuth } from './auth.js';

const DEFAULT_WAIT_SECONDS = 600;

export default defineCommand({
  path: ['giroident', 'check', 'get'],
  summary: "Show a GiroIdent check's status and result, or wait for it (--wait)",
  description:
    "Show a GiroIdent check as finAPI reports it: its status (NOT_STARTED, IN_PROGRESS, REDIRECT_PAYMENT, COMPLETED or " +
    "COMPLETED_WITH_ERROR) and, once COMPLETED, whether the account holder's name matches (name-equality, " +
    'name-equality-score), or error-message after COMPLETED_WITH_ERROR. Use the user token the check was created with. ' +
    "--wait polls until the check is COMPLETED (exit 0) or COMPLETED_WITH_ERROR (exit 3); past --wait-timeout it exits 5. " +
    "--json prints finAPI's answer as is.",
  args: [{ name: 'checkId', description: 'the check-id that "check create" or "giroident start" printed' }],
  options: [
    ...checkAuthOptions,
    { flags: '--wait', description: 'poll until the check is COMPLETED (exit 0) or COMPLETED_WITH_ERROR (exit 3)' },
    { flags: '--wait-timeout <seconds>', description: 'with --wait: give up after this long (exit 5)', defaultValue: String(DEFAULT_WAIT_SECONDS) },
  ],
  examples: [
    'fintech-cli giroident check get 3f0c9a2e-… --user alice',
    'fintech-cli giroident check get 3f0c9a2e-… --user alice --wait --wait-timeout 300',
    'printf %s "$ACCESS_TOKEN" | fintech-cli giroident check get 3f0c9a2e-… --access-token-stdin --json',
  ],
  async run({ args, opts }, cx) {
    const deadlineMs = waitSeconds(opts.waitTimeout) * 1000;
    const auth = await readCheckAuth(opts, cx);
    const checkId = args[0] ?? '';
    const finapi = cx.provider('finapi');
    if (!opts.wait) {
      const check = await getCheck(finapi, auth, checkId, opts.product);
      show(cx.io, check, cx.globals.json);
      return;
    }
    let spinner = await cx.io.spinner('Waiting for the end user…');
    const { check, timedOut } = await waitForCheck(finapi, auth, checkId, opts.product, {
      deadlineMs,
      signal: cx.signal,
      onStatus: async (seen) => {
        // A line per change, for logs; the spinner (on a terminal only) says that the wait goes on.
        spinner.stop();
        if (finalCheckStatuses.includes(String(seen.status))) return;
        cx.io.info(statusLine(cx.io, seen));
        spinner = await cx.io.spinner(`Waiting for the end user (${String(seen.status)})…`);
      },
    }).finally(() => spinner.stop());
    if (timedOut) {
      throw new NetworkError(`The check ${checkId} is still ${String(check.status)} after ${opts.waitTimeout} s of waiting.`, {
        code: 'wait_timeout',
        provider: 'finapi',
        hint: `The end user has not finished yet. Wait again: ${waitCommand(cx, checkId, auth, opts.product)} (or give it longer with --wait-timeout).`,
      });
    }
    show(cx.io, check, cx.globals.json);
    if (check.status === 'COMPLETED_WITH_ERROR') {
      const why = typeof check['error-message'] === 'string' ? `: ${check['error-message']}` : '';
      throw new VerificationError(`The check ${checkId} ended COMPLETED_WITH_ERROR${why}`, {
        code: 'check_failed',
        provider: 'finapi',
        hint: 'The identity was not confirmed. Create a new check to let the end user try again.',
      });
    }
  },
});

function waitSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0)) {
    throw new UsageError(`--wait-timeout ${value} is not a number of seconds.`, { hint: `Give a positive number, e.g. --wait-timeout ${DEFAULT_WAIT_SECONDS}.` });
  }
  return seconds;
}

function show(io: Io, check: Record<string, unknown>, json: boolean): void {
  if (json) {
    io.json(check);
    return;
  }
  renderRecord(io, check);
  explain(io, check);
}

/** The result in one sentence on stderr, for people; scripts read `status` and `name-equality`. */
function explain(io: Io, check: Record<string, unknown>): void {
  const score = typeof check['name-equality-score'] === 'number' ? ` (score ${check['name-equality-score']})` : '';
  if (check.status === 'COMPLETED' && typeof check['name-equality'] === 'boolean') {
    const { green, red } = io.errStyle;
    io.info(check['name-equality'] ? `${green('✓')} The account holder's name matches${score}.` : `${red('✗')} The account holder's name does not match${score}.`);
    return;
  }
  if (check.status === 'COMPLETED_WITH_ERROR') {
    const why = typeof check['error-message'] === 'string' ? terminalSafe(io.streams.stderr)(check['error-message']) : 'finAPI gave no error-message';
    io.info(`${io.errStyle.red('✗')} The check ended with an error: ${why.replace(/\.$/, '')}.`);
    return;
  }
  io.info(statusLine(io, check));
}

function statusLine(io: Io, check: Record<string, unknown>): string {
  const status = String(check.status);
  return `${terminalSafe(io.streams.stderr)(status)}: ${checkStatusMeanings[status] ?? 'a status this version of fintech-cli does not know'}.`;
}
