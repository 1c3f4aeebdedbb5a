import { UsageError } from '../../../errors.js';
import { readSecret } from '../../../io/streams.js';
import { checkProducts } from '../../../providers/finapi/giroident.js';
import type { FinapiAuth } from '../../../providers/finapi/call-as.js';
import type { RunContext } from '../../../run-context.js';
import { readUserAuth, userAuthOptions } from '../../shared/finapi-user-auth.js';
import type { OptionSpec, OptionValues } from '../../spec.js';

/** Who a check belongs to: an Access user, or the identity behind an access token from a process token exchange. */
export const checkAuthOptions = [
  ...userAuthOptions,
  { flags: '--access-token-stdin', description: 'read a user access token from standard input (from "giroident start" or "giroident exchange")' },
  { flags: '--product <name>', description: 'the GiroIdent product', choices: checkProducts, defaultValue: 'checks' },
] as const satisfies readonly OptionSpec[];

type CheckAuthValues = OptionValues<typeof checkAuthOptions>;

export async function readCheckAuth(opts: CheckAuthValues, cx: RunContext): Promise<FinapiAuth> {
  const withToken = opts.accessTokenStdin;
  if (withToken && (opts.user !== undefined || opts.passwordStdin)) {
    throw new UsageError('--access-token-stdin cannot be combined with --user or --password-stdin.', { hint: 'Use the token, or the user, not both.' });
  }
  if (withToken) return { accessToken: await readSecret(cx, '--access-token-stdin') };
  const user = await readUserAuth(opts, cx);
  if (user !== undefined) return user;
  throw new UsageError('Whose check? Give --user <id> or --access-token-stdin.', {
    hint: 'A GiroIdent check needs a user token: an Access user (--user) or a token from "giroident start" piped into --access-token-stdin.',
  });
}
