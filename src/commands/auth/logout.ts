import { TokenCache } from '../../config/token-cache.js';
import { parseProvider, providerArg } from '../shared/provider-arg.js';
import { defineCommand } from '../spec.js';

export default defineCommand({
  path: ['auth', 'logout'],
  summary: 'Forget cached tokens (all, or one provider’s)',
  description: 'Forget cached access tokens. Stored credentials stay; remove those with "config unset".',
  args: [{ ...providerArg, required: false }],
  examples: ['fintech-cli auth logout', 'fintech-cli auth logout soldo'],
  async run({ args }, cx) {
    const provider = args[0] === undefined ? undefined : parseProvider(args[0]);
    const removed = await new TokenCache(cx.configDir, cx.now).clear(provider ? { provider } : undefined);
    if (cx.globals.json) cx.io.json({ removed });
    else cx.io.info(`Removed ${removed} cached token${removed === 1 ? '' : 's'}${provider ? ` for ${provider}` : ''}.`);
  },
});
