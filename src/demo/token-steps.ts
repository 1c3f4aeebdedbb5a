import { maskSecret } from '../core/credentials.js';
import { providers } from '../environments.js';
import { descriptors } from '../providers/descriptors.js';
import type { DemoStep } from './step.js';

/** `auth token <provider>` for each provider: a client-credentials token, fetched and cached. */
export const tokenSteps: readonly DemoStep[] = providers.map((provider) => ({
  name: `${descriptors[provider].name} access token`,
  command: `fintech-cli auth token ${provider} --emulator`,
  async run({ cx }) {
    const { entry } = await cx.provider(provider).token();
    const expiresIn = Math.round((entry.expires_at - cx.now()) / 1000);
    const scope = entry.scope === undefined ? '' : `, scope ${entry.scope}`;
    return { detail: [`${maskSecret(entry.access_token)} (${entry.token_type}, expires in ${expiresIn} s${scope}), cached until a minute before it expires`] };
  },
}));
