import { openConfig, type ProviderSettings, settingKeys, unsetProviderSettings } from '../../config/config-file.js';
import { UsageError } from '../../errors.js';
import { parseProvider, providerArg } from '../shared/provider-arg.js';
import { defineCommand } from '../spec.js';

export default defineCommand({
  path: ['config', 'unset'],
  summary: "Remove a provider's settings (or some keys) from the selected profile and environment",
  args: [providerArg, { name: 'keys...', description: 'settings to remove (default: all of them)', required: false }],
  examples: ['fintech-cli config unset soldo', 'fintech-cli config unset solaris client_secret --production'],
  async run({ args }, cx) {
    const provider = parseProvider(args[0]);
    const keys = args.slice(1);
    const unknown = keys.filter((k) => !(settingKeys as readonly string[]).includes(k));
    if (unknown.length > 0) {
      throw new UsageError(`Unknown setting ${unknown.join(', ')}.`, { hint: `Settings are: ${settingKeys.join(', ')}.` });
    }
    const { profile, environment } = cx.globals;
    await unsetProviderSettings(
      openConfig(cx.configDir),
      { profile, provider, env: environment },
      keys.length > 0 ? (keys as (keyof ProviderSettings)[]) : undefined,
    );
    if (cx.globals.json) cx.io.json({ profile, provider, environment, removed: keys.length > 0 ? keys : 'all' });
    else cx.io.info(`Removed ${keys.length > 0 ? keys.join(', ') : 'all settings'} for ${provider} (profile ${profile}, ${environment}).`);
  },
});
