import type { Credentials } from '../config/load-credentials.js';
import { scopeFlags } from '../core/scope-flags.js';
import type { UrlKind } from '../environments.js';
import { AuthError } from '../errors.js';
import { descriptors } from './descriptors.js';

/**
 * A base URL of the provider, or an AuthError (exit 4) naming the `config set` that stores it: finAPI's production
 * GiroIdent host, or any service of an environment of the user's own, which has no built-in URLs.
 */
export function requireBaseUrl(credentials: Credentials, kind: UrlKind): string {
  const url = credentials.baseUrl(kind);
  if (url !== undefined) return url;
  throw new AuthError(`No ${kind} for ${descriptors[credentials.provider].name} in ${credentials.environment}.`, {
    code: 'credentials_missing',
    provider: credentials.provider,
    hint: `Set it with: fintech-cli config set ${credentials.provider}${scopeFlags(credentials.profile, credentials.environment)} --${kind.replace('_', '-')} <url>`,
  });
}
