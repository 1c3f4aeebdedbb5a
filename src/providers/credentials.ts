import { type Credentials, loadCredentials } from '../config/credentials.js';
import type { SettingKey } from '../core/credentials.js';
import type { ProviderId, UrlKind } from '../environments.js';
import { AuthError } from '../errors.js';
import { providerName } from './api-errors.js';
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

/** A base URL of the provider, or an AuthError (exit 4) saying how to set it (e.g. finAPI's production GiroIdent host). */
export function requireBaseUrl(credentials: Credentials, kind: UrlKind): string {
  const url = credentials.baseUrl(kind);
  if (url !== undefined) return url;
  throw new AuthError(`No ${kind} for ${providerName(credentials.provider)} in ${credentials.environment}.`, {
    code: 'credentials_missing',
    provider: credentials.provider,
    hint: `Set it with: fintech-cli config set ${credentials.provider} --${kind.replace('_', '-')} <url>`,
  });
}
