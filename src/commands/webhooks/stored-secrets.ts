import { getProviderSettings, openConfig, setProviderSettings } from '../../config/config-file.js';
import { configFilePath } from '../../config/paths.js';
import type { RunContext } from '../../run-context.js';

/** Keeps a subscription's secret under its id (for --webhook-id); returns the config file's path. */
export async function storeWebhookSecret(cx: RunContext, id: string, secret: string): Promise<string> {
  const store = openConfig(cx.configDir);
  await setProviderSettings(store, target(cx), { webhook_secrets: { [id]: secret } });
  return configFilePath(cx.configDir);
}

/** Drops a deleted subscription's secret; writes nothing when none was stored. */
export async function forgetWebhookSecret(cx: RunContext, id: string): Promise<void> {
  const store = openConfig(cx.configDir);
  const { profile, environment } = cx.globals;
  const stored = getProviderSettings(await store.read(), profile, 'solaris', environment).webhook_secrets ?? {};
  if (!Object.hasOwn(stored, id)) return;
  await store.update((doc) => {
    delete getProviderSettings(doc, profile, 'solaris', environment).webhook_secrets?.[id];
  });
}

function target(cx: RunContext) {
  return { profile: cx.globals.profile, provider: 'solaris' as const, env: cx.globals.environment };
}
