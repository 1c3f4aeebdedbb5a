import { resolve } from 'node:path';
import { type ProviderSettings, openConfig, setProviderSettings } from '../config/config-file.js';
import { envVarName, type SettingKey } from '../core/credentials.js';
import { UsageError } from '../errors.js';
import { descriptors } from '../providers/descriptors.js';
import { parseProvider, providerArg } from './shared/provider-arg.js';
import { defineCommand } from './spec.js';

export default defineCommand({
  path: ['login'],
  summary: 'Store credentials for a provider, asked interactively',
  description:
    'Ask for the credentials of a provider on the terminal and store them for the selected profile and environment.\n' +
    'In scripts use "config set" with --client-secret-stdin, or the FINTECH_CLI_* variables.',
  args: [providerArg],
  examples: ['fintech-cli login solaris', 'fintech-cli login soldo --production --profile acme'],
  async run({ args }, cx) {
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
    await setProviderSettings(openConfig(cx.configDir), { profile, provider, env: environment }, settings);
    if (cx.globals.json) cx.io.json({ profile, provider, environment, updated: Object.keys(settings) });
    else cx.io.info(`${cx.io.errStyle.green('✓')} Saved. Next: fintech-cli auth token ${provider}${environment === 'sandbox' ? '' : ` --${environment}`}`);
  },
});

function required(value: string, what: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new UsageError(`The ${what} cannot be empty.`, { hint: 'Run login again and enter a value.' });
  return trimmed;
}
