import { type Credentials, loadCredentials } from '../config/credentials.js';
import type { SettingKey } from '../core/credentials.js';
import type { ProviderId } from '../environments.js';
import type { RunContext } from '../run-context.js';
import { demoCredentials } from './demo-credentials.js';

/** The credentials of this run's profile and environment; the emulator's demo ones fill what nothing else sets. */
export function runCredentials(cx: RunContext, provider: ProviderId, flags: Partial<Record<SettingKey, string>> = {}): Promise<Credentials> {
  const { environment, profile } = cx.globals;
  return loadCredentials({
    provider,
    env: environment,
    profile,
    flags,
    vars: cx.env,
    configDir: cx.configDir,
    cwd: cx.cwd,
    defaults: environment === 'emulator' ? demoCredentials[provider] : undefined,
  });
}
