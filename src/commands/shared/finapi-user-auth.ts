import { UsageError } from '../../errors.js';
import { readSecret } from '../../io/streams.js';
import type { RunContext } from '../../run-context.js';
import type { OptionSpec, OptionValues } from '../spec.js';

export const userOption = {
  flags: '--user <id>',
  description: 'the finAPI Access user: its cached token, else its cached refresh token, else --password-stdin',
} as const satisfies OptionSpec;

export const passwordStdinOption = { flags: '--password-stdin', description: "read the user's password from standard input (password grant)" } as const satisfies OptionSpec;

export const userAuthOptions = [userOption, passwordStdinOption] as const;

/** The user named by `--user`, with the password piped in by `--password-stdin`; undefined without `--user`. */
export async function readUserAuth(
  { user, passwordStdin }: OptionValues<typeof userAuthOptions>,
  cx: RunContext,
): Promise<{ user: string; password?: string } | undefined> {
  if (user === undefined) {
    if (passwordStdin) throw new UsageError('--password-stdin needs --user.', { hint: 'Name the finAPI user: --user <id>.' });
    return undefined;
  }
  return passwordStdin ? { user, password: await readSecret(cx, '--password-stdin') } : { user };
}
