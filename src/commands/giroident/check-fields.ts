import { suggestedWord } from '../../io/terminal-safe.js';
import { UsageError } from '../../errors.js';
import type { CheckProduct, CheckRequest, CreatedCheck } from '../../providers/finapi/giroident.js';
import { isValidIban } from '../../providers/finapi/iban.js';
import type { FinapiAuth } from '../../providers/finapi/call-as.js';
import type { RunContext } from '../../run-context.js';
import type { OptionSpec, OptionValues } from '../spec.js';

/** The check's fields as options named like finAPI's kebab-case fields (`--first-name` sends `first-name`). */
export const checkFieldOptions = [
  { flags: '--first-name <name>', description: "the account holder's first name" },
  { flags: '--last-name <name>', description: "the account holder's last name (with --first-name; or --company-name)" },
  { flags: '--company-name <name>', description: 'the account holder of a business account (instead of --last-name)' },
  { flags: '--iban <iban>', description: 'the account to check (or --blz)' },
  { flags: '--blz <code>', description: 'the German bank code (8 digits), when the IBAN is not known' },
  { flags: '--strict-check', description: "ask finAPI to compare the name strictly" },
  { flags: '--external-id <id>', description: 'your own reference, returned with the result' },
] as const satisfies readonly OptionSpec[];

type CheckFieldValues = OptionValues<typeof checkFieldOptions>;

const textFields = {
  firstName: 'first-name',
  lastName: 'last-name',
  companyName: 'company-name',
  iban: 'iban',
  blz: 'blz',
  externalId: 'external-id',
} as const satisfies Record<Exclude<keyof CheckFieldValues, 'strictCheck'>, keyof CheckRequest>;

const textOptions = Object.keys(textFields) as (keyof typeof textFields)[];

/** Whether any check option was given (`giroident start` creates a check only then). */
export function hasCheckOptions(opts: CheckFieldValues): boolean {
  return textOptions.some((option) => opts[option] !== undefined) || opts.strictCheck;
}

/** The check request the options describe, checked before any call: a name and an account are required. */
export function checkRequestFrom(opts: CheckFieldValues): CheckRequest {
  const request: CheckRequest = {};
  for (const option of textOptions) {
    const value = opts[option];
    if (value !== undefined && value !== '') request[textFields[option]] = value;
  }
  if (opts.strictCheck) request['strict-check'] = true;

  const hint = 'A check needs a name (--first-name and --last-name, or --company-name) and an account (--iban or --blz).';
  if (request['last-name'] === undefined && request['company-name'] === undefined) throw new UsageError('The check has no --last-name or --company-name.', { hint });
  // finAPI's description requires both parts of a person's name.
  if (request['company-name'] === undefined && request['first-name'] === undefined) throw new UsageError('The check has a --last-name but no --first-name.', { hint });
  if (request.iban === undefined && request.blz === undefined) throw new UsageError('The check has no --iban or --blz.', { hint });
  if (request.iban !== undefined) {
    // Typed with spaces (DE89 3704 …) or in lower case, an IBAN is still the same IBAN.
    request.iban = request.iban.replace(/\s+/g, '').toUpperCase();
    if (!isValidIban(request.iban)) throw new UsageError(`--iban ${request.iban} is not a valid IBAN: its check digits do not match.`, { hint: 'Check it for typos.' });
  }
  if (request.blz !== undefined && !/^\d{8}$/.test(request.blz)) throw new UsageError(`--blz ${request.blz} is not a bank code: it has 8 digits.`);
  return request;
}

/** A created check as labelled lines, in finAPI's field names. */
export function createdCheckFields(check: CreatedCheck): [string, string][] {
  return [
    ['check-id', check['check-id']],
    ['redirect-url', check['redirect-url']],
  ];
}

/** The command line that waits for a check's result with the same user token, for the hints after creating one and at a deadline. */
export function waitCommand(cx: RunContext, checkId: string, auth: FinapiAuth, product: CheckProduct): string {
  const scope = [cx.globals.environment === 'sandbox' ? '' : ` --${cx.globals.environment}`, product === 'checks' ? '' : ` --product ${product}`].join('');
  const id = suggestedWord(cx.io.streams.stderr, checkId);
  return 'accessToken' in auth
    ? `printf %s "$ACCESS_TOKEN" | fintech-cli giroident check get ${id} --access-token-stdin${scope} --wait`
    : `fintech-cli giroident check get ${id} --user ${suggestedWord(cx.io.streams.stderr, auth.user)}${scope} --wait`;
}
