import { UsageError } from '../../errors.js';
import { readSecret } from '../../io/streams.js';
import type { RunContext } from '../../run-context.js';
import { boolOpt, type OptionSpec, stringOpt } from '../spec.js';

export const userAuthOptions: readonly OptionSpec[] = [
  { flags: '--user <id>', description: 'the finAPI Access user: its cached token, else its cached refresh token, else --password-stdin' },
  { flags: '--password-stdin', description: "read the user's password from standard input (password grant)" },
];

/** The user named by `--user`, with the password piped in by `--password-stdin`; undefined without `--user`. */
export async function readUserAuth(opts: Record<string, unknown>, cx: RunContext): Promise<{ user: string; password?: string } | undefined> {
  const user = stringOpt(opts, 'user');
  const wantsPassword = boolOpt(opts, 'passwordStdin');
  if (user === undefined) {
    if (wantsPassword) throw new UsageError('--password-stdin needs --user.', { hint: 'Name the finAPI user: --user <id>.' });
    return undefined;
  }
  return wantsPassword ? { user, password: await readSecret(cx, '--password-stdin') } : { user };
}
