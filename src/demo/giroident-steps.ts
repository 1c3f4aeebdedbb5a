import { maskSecret } from '../core/credentials.js';
import { ApiError } from '../errors.js';
import { checkStatusMeanings, createCheck, getCheck } from '../providers/finapi/giroident.js';
import { DEFAULT_PROCESS_ID, exchangeProcessToken, startProcess } from '../providers/finapi/process-controller.js';
import type { DemoStep } from './step.js';

const CLIENT_REFERENCE = 'demo-customer-42';
const HOLDER = { 'first-name': 'Max', 'last-name': 'Mustermann', iban: 'DE89370400440532013000' };

/**
 * GiroIdent standalone, as `giroident start` does it: a process token for the end user, exchanged for an access
 * token with invalidate=true (finAPI's recommendation, so a second exchange must fail), then a check with that token.
 */
export function giroidentSteps(): DemoStep[] {
  // Set by the first step for the next: steps run in order, and the demo stops at the first failure.
  let accessToken = '';
  return [
    {
      name: 'GiroIdent process',
      command: `fintech-cli giroident start --emulator --client-reference ${CLIENT_REFERENCE}`,
      async run({ cx }) {
        const started = await startProcess(cx.provider('finapi'), CLIENT_REFERENCE, DEFAULT_PROCESS_ID, true);
        accessToken = started.accessToken;
        const refusal = await exchangeProcessToken(cx.provider('finapi'), started.processToken, true).then(
          () => new ApiError('The emulator exchanged an invalidated process token a second time.', { code: 'not_invalidated', provider: 'finapi' }),
          (error: unknown) => error,
        );
        // Only a 4xx answer is the refusal we want to see; anything else (a success, a network failure) is a failure.
        if (!(refusal instanceof ApiError) || refusal.status === undefined || refusal.status >= 500) throw refusal;
        return {
          detail: [
            `process token ${maskSecret(started.processToken)} for client reference ${CLIENT_REFERENCE}`,
            `exchanged with invalidate=true for the access token ${maskSecret(started.accessToken)}`,
            `a second exchange was refused (${refusal.status} ${refusal.code}): the process token is used up, as it should be`,
          ],
        };
      },
    },
    {
      name: 'GiroIdent check',
      command:
        `fintech-cli giroident start --emulator --client-reference ${CLIENT_REFERENCE} ` +
        `--first-name ${HOLDER['first-name']} --last-name ${HOLDER['last-name']} --iban ${HOLDER.iban}`,
      async run({ cx }) {
        const auth = { accessToken };
        const check = await createCheck(cx.provider('finapi'), auth, HOLDER);
        const { status } = await getCheck(cx.provider('finapi'), auth, check['check-id']);
        const meaning = typeof status === 'string' ? checkStatusMeanings[status] : undefined;
        return {
          detail: [
            `check ${check['check-id']} of ${HOLDER['first-name']} ${HOLDER['last-name']} against ${HOLDER.iban}`,
            `send the end user to ${check['redirect-url']}`,
            `status ${String(status)}${meaning === undefined ? '' : `: ${meaning}`}`,
          ],
        };
      },
    },
  ];
}
