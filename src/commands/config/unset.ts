import { openConfig, own, type ProviderSettings, requireKnownEnvironment, settingKeys, unsetProviderSettings } from '../../config/config-file.js';
import { isBuiltinEnvironment } from '../../environments.js';
import { UsageError } from '../../errors.js';
import { parseProvider, providerArg } from '../shared/provider-arg.js';
import { defineCommand } from '../spec.js';
import { settingKeyOf } from './rows.js';

export default defineCommand({
  path: ['config', 'unset'],
  summary: "Remove a provider's settings (or some keys) from the selected profile and environment",
  args: [providerArg, { name: 'keys...', description: 'settings to remove, e.g. client_secret or client-secret (default: all of them)', required: false }],
  examples: ['fintech-cli config unset soldo', 'fintech-cli config unset solaris client_secret --production'],
  async run({ args }, cx) {
    const provider = parseProvider(args[0]);
    const keys = args.slice(1).map(settingKeyOf);
    const unknown = keys.filter((k) => !(settingKeys as readonly string[]).includes(k));
    if (unknown.length > 0) {
      throw new UsageError(`Unknown setting ${unknown.join(', ')}.`, { hint: `Settings are: ${settingKeys.join(', ')}.` });
    }
    const { profile, environment } = cx.globals;
    const store = openConfig(cx.configDir);
    requireKnownEnvironment(await store.read(), environment, cx.globals.environmentFrom);
    const doc = await unsetProviderSettings(
      store,
      { profile, provider, env: environment },
      keys.length > 0 ? (keys as (keyof ProviderSettings)[]) : undefined,
    );
    // An environment of one's own lasts as long as something is stored for it.
    const forgotten = !isBuiltinEnvironment(environment) && own(doc.environments, environment) === undefined;
    if (cx.globals.json) {
      cx.io.json({ profile, provider, environment, removed: keys.length > 0 ? keys : 'all', ...(forgotten && { environment_removed: true }) });
      return;
    }
    cx.io.info(`Removed ${keys.length > 0 ? keys.join(', ') : 'all settings'} for ${provider} (profile ${profile}, ${environment}).`);
    if (forgotten) cx.io.info(`Forgot environment ${environment}: nothing else is stored for it.`);
  },
});
