import { getProviderSettings, openConfig, removeWebhookSecret, setProviderSettings } from '../../config/config-file.js';
import { configFilePath } from '../../config/paths.js';
import type { RunContext } from '../../run-context.js';

/** Keeps a subscription's secret (or an `env:`/`file:` reference to it) under its id, for --webhook-id and the listener; returns the config file's path. */
export async function storeWebhookSecret(cx: RunContext, id: string, secret: string): Promise<string> {
  const store = openConfig(cx.configDir);
  await setProviderSettings(store, target(cx), { webhook_secrets: { [id]: secret } });
  return configFilePath(cx.configDir);
}

/** The secrets stored in the selected profile and environment, by subscription id, as written (references unresolved). */
export async function storedWebhookSecrets(cx: RunContext): Promise<Record<string, string>> {
  const { profile, provider, env } = target(cx);
  return getProviderSettings(await openConfig(cx.configDir).read(), profile, provider, env).webhook_secrets ?? {};
}

/** Drops a subscription's secret; writes nothing when none was stored. True when one was. */
export function forgetWebhookSecret(cx: RunContext, id: string): Promise<boolean> {
  return removeWebhookSecret(openConfig(cx.configDir), target(cx), id);
}

function target(cx: RunContext) {
  return { profile: cx.globals.profile, provider: 'solaris' as const, env: cx.globals.environment };
}
