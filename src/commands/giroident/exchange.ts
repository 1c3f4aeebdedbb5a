import { UsageError } from '../../errors.js';
import { readSecret } from '../../io/streams.js';
import { exchangeProcessToken } from '../../providers/finapi/process-controller.js';
import { defineCommand } from '../spec.js';
import { invalidateFrom, noInvalidateOption } from './invalidate.js';

export default defineCommand({
  path: ['giroident', 'exchange'],
  summary: 'Exchange a process token for a GiroIdent access token',
  description:
    'Exchange a process token (from "giroident start" or your backend) for a user access token that GiroIdent accepts, ' +
    'and print it alone. The exchange invalidates the process token unless --no-invalidate is given.',
  options: [{ flags: '--process-token-stdin', description: 'read the process token from standard input (required)' }, noInvalidateOption],
  examples: [
    'printf %s "$PROCESS_TOKEN" | fintech-cli giroident exchange --process-token-stdin',
    'printf %s "$PROCESS_TOKEN" | fintech-cli giroident exchange --process-token-stdin --no-invalidate --json',
  ],
  async run({ opts }, cx) {
    if (!opts.processTokenStdin) {
      throw new UsageError('--process-token-stdin is required.', { hint: 'Pipe the process token in: printf %s "$PROCESS_TOKEN" | fintech-cli giroident exchange --process-token-stdin' });
    }
    const processToken = await readSecret(cx, '--process-token-stdin');
    const invalidate = invalidateFrom(opts, cx);
    const accessToken = await exchangeProcessToken(cx.provider('finapi'), processToken, invalidate);
    if (cx.globals.json) cx.io.json({ access_token: accessToken, invalidated: invalidate });
    else cx.io.out(`${accessToken}\n`);
  },
});
