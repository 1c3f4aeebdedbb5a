import type { EnvironmentName } from '../../environments.js';

/** The `config set soldo` command line that stores `settings` in this environment and profile (defaults left out). */
export function configSetSoldo({ environment, profile }: { environment: EnvironmentName; profile: string }, settings: string): string {
  const scope = [profile === 'default' ? '' : ` --profile ${profile}`, environment === 'sandbox' ? '' : ` --env ${environment}`].join('');
  return `fintech-cli config set soldo${scope} ${settings}`;
}
