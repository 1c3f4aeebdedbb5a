import { createCheck } from '../../../providers/finapi/giroident.js';
import { renderFields } from '../../../output/fields.js';
import { defineCommand } from '../../spec.js';
import { checkFieldOptions, checkRequestFrom, createdCheckFields, waitCommand } from '../check-fields.js';
import { checkAuthOptions, readCheckAuth } from './auth.js';

export default defineCommand({
  path: ['giroident', 'check', 'create'],
  summary: 'Create a GiroIdent check and print the URL to send the end user to',
  description:
    "Create a GiroIdent check of an account holder's name against a bank account, with a user token: an Access user " +
    '(--user) or an access token from a process token exchange (--access-token-stdin). Send the end user to the ' +
    'redirect-url; then wait for the result with "giroident check get --wait".',
  options: [...checkAuthOptions, ...checkFieldOptions],
  examples: [
    'fintech-cli giroident check create --user alice --first-name Max --last-name Mustermann --iban DE89370400440532013000',
    'printf %s "$ACCESS_TOKEN" | fintech-cli giroident check create --access-token-stdin --company-name "ACME GmbH" --iban DE89370400440532013000',
  ],
  async run({ opts }, cx) {
    const request = checkRequestFrom(opts);
    const auth = await readCheckAuth(opts, cx);
    const { product } = opts;
    const check = await createCheck(cx.provider('finapi'), auth, request, product);
    if (cx.globals.json) {
      cx.io.json(check);
      return;
    }
    renderFields(cx.io, createdCheckFields(check));
    cx.io.info(`Send the end user to the redirect-url, then wait for the result: ${waitCommand(cx, check['check-id'], auth, product)}`);
  },
});
