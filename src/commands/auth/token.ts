import { providers, type ProviderId } from '../../environments.js';
import { UsageError } from '../../errors.js';
import { readSecret } from '../../io/streams.js';
import { descriptors } from '../../providers/descriptors.js';
import type { RunContext } from '../../run-context.js';
import { parseProvider, providerArg } from '../shared/provider-arg.js';
import { type CommandSpec, defineCommand, type OptionSpec, type OptionValues } from '../spec.js';
import { credentialsFirst } from '../shared/credentials-first.js';

const options = [
  { flags: '--fresh', description: 'ignore the cached token and ask for a new one' },
  { flags: '--user <id>', description: 'finAPI: a token for this user (password grant, then its refresh token)' },
  { flags: '--password-stdin', description: "finAPI: read the user's password from standard input" },
] as const satisfies readonly OptionSpec[];

/** `auth token <provider>`: the token alone on stdout, so `$(fintech-cli auth token solaris)` just works. */
export default defineCommand({
  path: ['auth', 'token'],
  summary: 'Obtain an access token and print it (cached until a minute before it expires)',
  args: [providerArg],
  options,
  examples: [
    'fintech-cli auth token solaris',
    'curl -H "Authorization: Bearer $(fintech-cli auth token solaris)" https://api.solaris-sandbox.de/v1/webhooks',
    'printf %s "$PASSWORD" | fintech-cli auth token finapi --user alice --password-stdin',
    'fintech-cli auth token soldo --emulator --json',
  ],
  run: ({ args, opts }, cx) => printToken(parseProvider(args[0]), opts, cx),
});

/** `auth solaris`, `auth finapi`, `auth soldo`: the same, shorter. */
export const providerShortcuts: readonly CommandSpec[] = providers.map((provider) =>
  defineCommand({
    path: ['auth', provider],
    summary: `Obtain a ${provider} access token and print it (same as "auth token ${provider}")`,
    options,
    examples: [`fintech-cli auth ${provider} --sandbox`],
    run: ({ opts }, cx) => printToken(provider, opts, cx),
  }),
);

async function printToken(provider: ProviderId, opts: OptionValues<typeof options>, cx: RunContext): Promise<void> {
  const { user, passwordStdin: wantsPassword } = opts;
  if (descriptors[provider].userTokens === undefined && (user !== undefined || wantsPassword)) {
    throw new UsageError(`--user and --password-stdin apply to finapi only.`, { hint: `Drop them for ${provider}.` });
  }
  if (wantsPassword && user === undefined) {
    throw new UsageError('--password-stdin needs --user.', { hint: 'Name the finAPI user: --user <id>.' });
  }
  const password = wantsPassword ? await readSecret(cx, '--password-stdin') : undefined;
  const session = cx.provider(provider);
  await credentialsFirst(session, [session.descriptor.token.service]);
  const spinner = await cx.io.spinner(`Requesting a ${provider} token…`);
  const token = await session.token({ fresh: opts.fresh, user, password }).finally(() => spinner.stop());
  const { entry } = token;
  if (!cx.globals.json) {
    cx.io.out(`${entry.access_token}\n`);
    return;
  }
  cx.io.json({
    provider,
    environment: cx.globals.environment,
    access_token: entry.access_token,
    token_type: entry.token_type,
    expires_in: Math.max(0, Math.round((entry.expires_at - cx.now()) / 1000)),
    expires_at: new Date(entry.expires_at).toISOString(),
    scope: entry.scope ?? null,
    cached: token.cached,
  });
}
