import { openConfig, removeWebhookSecret, setProviderSettings } from '../../config/config-file.js';
import { configFilePath } from '../../config/paths.js';
import type { RunContext } from '../../run-context.js';

/** Keeps a subscription's secret under its id (for --webhook-id); returns the config file's path. */
export async function storeWebhookSecret(cx: RunContext, id: string, secret: string): Promise<string> {
  const store = openConfig(cx.configDir);
  await setProviderSettings(store, target(cx), { webhook_secrets: { [id]: secret } });
  return configFilePath(cx.configDir);
}

/** Drops a deleted subscription's secret; writes nothing when none was stored. */
export function forgetWebhookSecret(cx: RunContext, id: string): Promise<void> {
  return removeWebhookSecret(openConfig(cx.configDir), target(cx), id);
}

function target(cx: RunContext) {
  return { profile: cx.globals.profile, provider: 'solaris' as const, env: cx.globals.environment };
}
