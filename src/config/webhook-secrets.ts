import type { EnvironmentName } from '../environments.js';
import { getProviderSettings, openConfig, removeWebhookSecret, setProviderSettings } from './config-file.js';
import { elsewhereHint, storedElsewhere } from './custom-environments.js';
import { configFilePath } from './paths.js';

/** Where the secrets are kept: the config folder, and the selected profile and environment. */
export interface WebhookSecretScope {
  configDir: string;
  globals: { profile: string; environment: EnvironmentName };
}

/** Keeps a subscription's secret (or an `env:`/`file:` reference to it) under its id, for --webhook-id and the listener; returns the config file's path. */
export async function storeWebhookSecret(scope: WebhookSecretScope, id: string, secret: string): Promise<string> {
  const store = openConfig(scope.configDir);
  await setProviderSettings(store, target(scope), { webhook_secrets: { [id]: secret } });
  return configFilePath(scope.configDir);
}

/** The secrets stored in the selected profile and environment, by subscription id, as written (references unresolved). */
export async function storedWebhookSecrets(scope: WebhookSecretScope): Promise<Record<string, string>> {
  const { profile, provider, env } = target(scope);
  return getProviderSettings(await openConfig(scope.configDir).read(), profile, provider, env).webhook_secrets ?? {};
}

/** Drops a subscription's secret; writes nothing when none was stored. True when one was. */
export function forgetWebhookSecret(scope: WebhookSecretScope, id: string): Promise<boolean> {
  return removeWebhookSecret(openConfig(scope.configDir), target(scope), id);
}

/**
 * For a secret missing in the selected profile and environment: `It is stored for --emulator: add --emulator.` when
 * another profile or environment has one for the id; undefined otherwise.
 */
export async function webhookSecretElsewhere(scope: WebhookSecretScope, id: string): Promise<string | undefined> {
  const { profile, provider, env } = target(scope);
  const here = { profile, env };
  const places = storedElsewhere(await openConfig(scope.configDir).read(), provider, here, (settings) =>
    Object.hasOwn(settings.webhook_secrets ?? {}, id),
  );
  return elsewhereHint(places, here);
}

function target({ globals }: WebhookSecretScope) {
  return { profile: globals.profile, provider: 'solaris' as const, env: globals.environment };
}
