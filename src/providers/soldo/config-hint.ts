import { scopeFlags } from '../../core/scope-flags.js';
import type { EnvironmentName } from '../../environments.js';

/** The `config set soldo` command line that stores `settings` in this environment and profile (defaults left out). */
export function configSetSoldo({ environment, profile }: { environment: EnvironmentName; profile: string }, settings: string): string {
  return `fintech-cli config set soldo${scopeFlags(profile, environment)} ${settings}`;
}
