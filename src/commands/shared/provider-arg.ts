import { type ProviderId, isProviderId, providers } from '../../environments.js';
import { UsageError } from '../../errors.js';

export const providerArg = {
  name: 'provider',
  description: `one of ${providers.join(', ')}`,
  choices: providers,
} as const;

export function parseProvider(value: string | undefined): ProviderId {
  if (value !== undefined && isProviderId(value)) return value;
  throw new UsageError(`Unknown provider "${value ?? ''}".`, { hint: `Use one of: ${providers.join(', ')}.` });
}
