import { resolve } from 'node:path';
import { type ProviderSettings, openConfig, setProviderSettings } from '../config/config-file.js';
import { envVarName, type SettingKey } from '../core/credentials.js';
import { CliError, UsageError } from '../errors.js';
import { descriptors } from '../providers/descriptors.js';
import { obtainToken } from '../providers/tokens.js';
import type { RunContext } from '../run-context.js';
import { parseProvider, providerArg } from './shared/provider-arg.js';
import type { ProviderId } from '../environments.js';
import { defineCommand } from './spec.js';

export default defineCommand({
  path: ['login'],
  summary: 'Store credentials for a provider, asked interactively',
  description:
    'Ask for the credentials of a provider on the terminal, check them by requesting an access token, and store them for ' +
    'the selected profile and environment. Credentials the provider refuses are not stored (exit 4, with its reason); ' +
    '--no-verify stores them without asking the provider.\n' +
    'In scripts use "config set" with --client-secret-stdin, or the FINTECH_CLI_* variables.',
  args: [providerArg],
  options: [{ flags: '--no-verify', description: 'store the credentials without requesting a token first' }],
  examples: ['fintech-cli login solaris', 'fintech-cli login soldo --production --profile acme', 'fintech-cli login finapi --no-verify'],
  async run({ args, opts }, cx) {
    const provider = parseProvider(args[0]);
    const { settingKeys, urlKinds } = descriptors[provider];
    const keys: SettingKey[] = settingKeys.filter((key) => !(urlKinds as readonly string[]).includes(key));
    const prompter = await cx.prompterOr(
      `Use "fintech-cli config set ${provider} --client-id <id> --client-secret-stdin" or set ` +
        `${keys.map((k) => envVarName(provider, k)).join(', ')}.`,
    );
    const { profile, environment } = cx.globals;
    cx.io.info(`Credentials for ${provider} (profile ${profile}, ${environment}):`);
    const settings: ProviderSettings = {
      client_id: required(await prompter.input({ message: 'Client id' }), 'client id'),
      client_secret: required(await prompter.password({ message: 'Client secret (or env:NAME / file:PATH)' }), 'client secret'),
    };
    if (keys.includes('fingerprint_token')) {
      settings.fingerprint_token = required(await prompter.password({ message: 'Fingerprint token' }), 'fingerprint token');
    }
    if (keys.includes('private_key_file')) {
      const keyFile = (await prompter.input({ message: 'Private key file (empty to skip)' })).trim();
      if (keyFile !== '') settings.private_key_file = resolve(cx.cwd, keyFile);
    }
    if (opts.verify) await verify(cx, provider, settings);
    await setProviderSettings(openConfig(cx.configDir), { profile, provider, env: environment }, settings);
    const scope = environment === 'sandbox' ? '' : ` --${environment}`;
    if (cx.globals.json) cx.io.json({ profile, provider, environment, updated: Object.keys(settings), verified: opts.verify });
    else if (opts.verify) cx.io.info(`${cx.io.errStyle.green('✓')} ${descriptors[provider].name} accepted the credentials; saved. Next: fintech-cli doctor ${provider}${scope}`);
    else cx.io.info(`${cx.io.errStyle.green('✓')} Saved, not checked. Next: fintech-cli auth token ${provider}${scope}`);
  },
});

/**
 * Requests a token with the credentials just typed, before anything is stored, as gh and twilio do: a typo is caught
 * now rather than at the first real call. Whatever fails, nothing is stored, and the error says so.
 */
async function verify(cx: RunContext, provider: ProviderId, settings: ProviderSettings): Promise<void> {
  const session = cx.provider(provider);
  const credentials = await session.credentials(settings);
  await session.baseUrl(session.descriptor.token.service);
  const spinner = await cx.io.spinner(`Checking the credentials with ${descriptors[provider].name}…`);
  try {
    await obtainToken(cx, credentials, { fresh: true });
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    throw new CliError(error.kind, `Nothing was stored: ${error.message}`, {
      code: error.code,
      status: error.status,
      provider: error.provider,
      hint:
        error.kind === 'auth'
          ? `Check the client id and secret for ${cx.globals.environment}, then run login again (or add --no-verify to store them unchecked).`
          : `${error.hint === undefined ? '' : `${error.hint}; `}run login again, or add --no-verify to store them unchecked.`,
      cause: error,
    });
  } finally {
    spinner.stop();
  }
}

function required(value: string, what: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new UsageError(`The ${what} cannot be empty.`, { hint: 'Run login again and enter a value.' });
  return trimmed;
}
