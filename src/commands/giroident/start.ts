import { createCheck, type CreatedCheck } from '../../providers/finapi/giroident.js';
import { DEFAULT_PROCESS_ID, startProcess } from '../../providers/finapi/process-controller.js';
import type { RunContext } from '../../run-context.js';
import { renderFields } from '../../output/fields.js';
import { defineCommand } from '../spec.js';
import { checkFieldOptions, checkRequestFrom, createdCheckFields, hasCheckOptions, waitCommand } from './check-fields.js';
import { invalidateFrom, noInvalidateOption } from './invalidate.js';
import { credentialsFirst } from '../shared/credentials-first.js';

interface Started {
  client_reference: string;
  process_token: string;
  access_token: string;
  invalidated: boolean;
  check?: CreatedCheck;
}

/** `--json`: the CLI's own snake_case keys; the check finAPI created, untouched, under `provider_body`. */
function startedJson({ check, ...started }: Started): Record<string, unknown> {
  if (check === undefined) return started;
  return { ...started, check_id: check['check-id'], redirect_url: check['redirect-url'], provider_body: check };
}

export default defineCommand({
  path: ['giroident', 'start'],
  summary: 'Start GiroIdent for an end user: process token, access token, and optionally a check',
  description:
    "GiroIdent standalone, through finAPI's Process Controller: create a process for the end user (your client " +
    'reference) with the client credentials, exchange its process token for an access token (invalidating the process ' +
    'token, as finAPI recommends, unless --no-invalidate), and print both. With a name and an account ' +
    '(--first-name and --last-name, or --company-name; --iban or --blz) it goes on to create a GiroIdent check and prints its redirect-url.',
  options: [
    { flags: '--client-reference <ref>', description: 'your reference for the end user, e.g. your customer id', required: true },
    { flags: '--process-id <id>', description: 'the Process Controller process', defaultValue: DEFAULT_PROCESS_ID },
    noInvalidateOption,
    ...checkFieldOptions,
  ],
  examples: [
    'fintech-cli giroident start --client-reference customer-42',
    'fintech-cli giroident start --client-reference customer-42 --first-name Max --last-name Mustermann --iban DE89370400440532013000',
    'fintech-cli giroident start --client-reference customer-42 --emulator --json',
  ],
  async run({ opts }, cx) {
    const { clientReference } = opts;
    const checkRequest = hasCheckOptions(opts) ? checkRequestFrom(opts) : undefined;
    const invalidate = invalidateFrom(opts, cx);

    await credentialsFirst(cx.provider('finapi'), ['process_url']);
    const spinner = await cx.io.spinner('Starting a GiroIdent process…');
    const { processToken, accessToken } = await startProcess(cx.provider('finapi'), clientReference, opts.processId, invalidate).finally(() => spinner.stop());
    const started: Started = { client_reference: clientReference, process_token: processToken, access_token: accessToken, invalidated: invalidate };
    if (checkRequest === undefined) {
      render(cx, started);
      if (!cx.globals.json) {
        cx.io.info('Next: create a check with the access token: printf %s "$ACCESS_TOKEN" | fintech-cli giroident check create --access-token-stdin --first-name … --last-name … --iban …');
      }
      return;
    }
    const auth = { accessToken };
    const check = await createCheck(cx.provider('finapi'), auth, checkRequest).catch((error: unknown) => {
      // An invalidated process token cannot be exchanged again: keep the access token the user still needs.
      render(cx, started);
      cx.io.info('The check was not created; the access token above still works for it: fintech-cli giroident check create --access-token-stdin …');
      throw error;
    });
    render(cx, { ...started, check });
    if (!cx.globals.json) cx.io.info(`Send the end user to the redirect-url, then wait for the result: ${waitCommand(cx, check['check-id'], auth, 'checks')}`);
  },
});

function render(cx: RunContext, started: Started): void {
  if (cx.globals.json) {
    cx.io.json(startedJson(started));
    return;
  }
  renderFields(cx.io, [
    ['client-reference', started.client_reference],
    ['process-token', started.process_token],
    ['access-token', started.access_token],
    ['invalidated', started.invalidated ? 'yes' : 'no'],
    ...(started.check === undefined ? [] : createdCheckFields(started.check)),
  ]);
}
