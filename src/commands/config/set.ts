import { resolve } from 'node:path';
import { type ProviderSettings, storeProviderSettings, openConfig, own } from '../../config/config-file.js';
import { parseBaseUrl } from '../../core/urls.js';
import { type ProviderId, type UrlKind, urlKinds } from '../../environments.js';
import { UsageError } from '../../errors.js';
import { readSecret } from '../../io/streams.js';
import { descriptors } from '../../providers/descriptors.js';
import type { RunContext } from '../../run-context.js';
import { parseProvider, providerArg } from '../shared/provider-arg.js';
import { secretReferenceOption } from '../shared/secret-reference.js';
import { defineCommand, type OptionSpec, type OptionValues } from '../spec.js';

const options = [
  { flags: '--client-id <id>', description: 'OAuth client id' },
  { flags: '--client-secret-stdin', description: 'read the client secret from standard input' },
  { flags: '--client-secret <secret>', description: 'refused: other users can read the command line; use --client-secret-stdin or --client-secret-ref' },
  { flags: '--client-secret-ref <ref>', description: 'store the secret as a reference: env:NAME or file:PATH' },
  { flags: '--fingerprint-token <token>', description: 'Soldo fingerprint token (prefer --fingerprint-token-stdin)' },
  { flags: '--fingerprint-token-stdin', description: 'read the Soldo fingerprint token from standard input' },
  { flags: '--private-key-file <path>', description: 'Soldo: the RSA private key for request signatures' },
  { flags: '--api-url <url>', description: 'override the API base URL' },
  { flags: '--auth-url <url>', description: 'Solaris: override the auth base URL' },
  { flags: '--process-url <url>', description: 'finAPI: override the Process Controller base URL' },
  { flags: '--giroident-url <url>', description: 'finAPI: override the GiroIdent base URL' },
  {
    flags: '--production-like [yes|no]',
    description: 'an environment of your own (--env <name>): every production guard applies to it (no: none, the default)',
    choices: ['yes', 'no'],
  },
] as const satisfies readonly OptionSpec[];

type SetOptions = OptionValues<typeof options>;

const urlOptions = {
  api_url: 'apiUrl',
  auth_url: 'authUrl',
  process_url: 'processUrl',
  giroident_url: 'giroidentUrl',
} as const satisfies Record<UrlKind, keyof SetOptions>;

export default defineCommand({
  path: ['config', 'set'],
  summary: 'Store credentials and URLs for a provider in the selected profile and environment',
  description:
    'Store credentials and URLs for a provider in the selected profile and environment.\n' +
    'Secrets are read from standard input (--client-secret-stdin) or stored as a reference (env:NAME, file:PATH),\n' +
    'never taken from the command line, where other processes could read them.\n' +
    'With --env <name> of your own (not sandbox, production or emulator) it defines that environment: give it the\n' +
    "provider's URLs; --production-like makes every production guard apply to it.",
  args: [providerArg],
  options,
  examples: [
    'printf %s "$SOLARIS_SECRET" | fintech-cli config set solaris --client-id my-client --client-secret-stdin',
    'fintech-cli config set finapi --client-id my-client --client-secret-ref env:FINAPI_SECRET',
    'fintech-cli config set soldo --production --private-key-file ~/.soldo/private.pem --fingerprint-token-stdin < token.txt',
    'fintech-cli config set solaris --env staging --auth-url https://auth.staging.example --api-url https://api.staging.example',
  ],
  async run({ args, opts }, cx) {
    const provider = parseProvider(args[0]);
    const patch = await settingsFromOptions(provider, opts, cx);
    if (opts.fingerprintToken !== undefined) {
      cx.io.warn('a token on the command line is visible to other processes; prefer --fingerprint-token-stdin.');
    }
    // `--production-like` alone is yes; left out, what is stored stays.
    const given: unknown = opts.productionLike;
    const productionLike = given === undefined ? undefined : given !== 'no';
    const keys = Object.keys(patch);
    if (keys.length === 0 && productionLike === undefined) {
      throw new UsageError('Nothing to set.', { hint: `Run "fintech-cli config set ${provider} --help" for the settings.` });
    }
    const { profile, environment } = cx.globals;
    const { doc, created: isNew } = await storeProviderSettings(openConfig(cx.configDir), { profile, provider, env: environment }, patch, {
      production_like: productionLike,
    });
    const definition = own(doc.environments, environment);
    if (cx.globals.json) {
      cx.io.json({ profile, provider, environment, updated: keys, ...(definition && { environment_created: isNew, production_like: definition.production_like }) });
      return;
    }
    if (keys.length > 0) cx.io.info(`${cx.io.errStyle.green('✓')} Saved ${keys.join(', ')} for ${provider} (profile ${profile}, ${environment}).`);
    if (definition !== undefined && (isNew || productionLike !== undefined)) {
      const guards = definition.production_like ? 'production-like: every production guard applies' : 'not production-like (--production-like marks it)';
      cx.io.info(`${isNew ? 'Defined' : 'Updated'} environment ${environment}: ${guards}.`);
    }
  },
});

async function settingsFromOptions(provider: ProviderId, opts: SetOptions, cx: RunContext): Promise<ProviderSettings> {
  if (opts.clientSecret !== undefined) {
    throw new UsageError('--client-secret is refused: other users can read a command line (ps, /proc).', {
      code: 'secret_on_command_line',
      hint: `Pipe it: printf %s "$SECRET" | fintech-cli config set ${provider} --client-secret-stdin; or store a reference: --client-secret-ref env:NAME (or file:PATH).`,
    });
  }
  const patch: ProviderSettings = {};
  if (opts.clientId !== undefined) patch.client_id = nonEmpty(opts.clientId, '--client-id');

  if (opts.clientSecretStdin && opts.fingerprintTokenStdin) {
    throw new UsageError('Only one value can be read from standard input at a time.', {
      hint: 'Run config set once per secret, or store one of them as env:NAME / file:PATH.',
    });
  }
  const secretRef = opts.clientSecretRef;
  if (secretRef !== undefined && opts.clientSecretStdin) {
    throw new UsageError('--client-secret-stdin and --client-secret-ref both set the client secret.', { hint: 'Use one of them.' });
  }
  if (opts.clientSecretStdin) patch.client_secret = await readSecret(cx, '--client-secret-stdin');
  if (secretRef !== undefined) patch.client_secret = secretReferenceOption(secretRef, '--client-secret-stdin');

  const soldoOnly = [
    opts.fingerprintToken !== undefined && '--fingerprint-token',
    opts.fingerprintTokenStdin && '--fingerprint-token-stdin',
    opts.privateKeyFile !== undefined && '--private-key-file',
  ].find((flag): flag is string => flag !== false);
  if (descriptors[provider].signing === undefined && soldoOnly !== undefined) {
    throw new UsageError(`${soldoOnly} applies to soldo only.`, { hint: 'Drop the option or use the soldo provider.' });
  }
  const token = opts.fingerprintToken;
  if (token !== undefined && opts.fingerprintTokenStdin) {
    throw new UsageError('--fingerprint-token and --fingerprint-token-stdin both set the token.', { hint: 'Use one of them.' });
  }
  if (token !== undefined) patch.fingerprint_token = nonEmpty(token, '--fingerprint-token');
  if (opts.fingerprintTokenStdin) patch.fingerprint_token = await readSecret(cx, '--fingerprint-token-stdin');
  const keyFile = opts.privateKeyFile;
  if (keyFile !== undefined) patch.private_key_file = resolve(cx.cwd, nonEmpty(keyFile, '--private-key-file'));

  for (const [kind, optionName] of Object.entries(urlOptions) as [UrlKind, (typeof urlOptions)[UrlKind]][]) {
    const value = opts[optionName];
    if (value === undefined) continue;
    if (!(urlKinds[provider] as readonly UrlKind[]).includes(kind)) {
      throw new UsageError(`--${kebab(optionName)} does not apply to ${provider}.`, {
        hint: `${provider} has: ${urlKinds[provider].map((k) => `--${k.replace('_', '-')}`).join(', ')}.`,
      });
    }
    patch[kind] = parseBaseUrl(value, `URL in --${kebab(optionName)}`);
  }
  return patch;
}

function nonEmpty(value: string, flag: string): string {
  if (value.trim() === '') throw new UsageError(`${flag} is empty.`, { hint: `Give ${flag} a value.` });
  return value;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
