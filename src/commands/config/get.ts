import { getProviderSettings, openConfig, requireKnownEnvironment } from '../../config/config-file.js';
import { UsageError } from '../../errors.js';
import { renderTable } from '../../output/table.js';
import { parseProvider, providerArg } from '../shared/provider-arg.js';
import { defineCommand } from '../spec.js';
import { settingKeyOf, settingRows } from './rows.js';

export default defineCommand({
  path: ['config', 'get'],
  summary: "Show a provider's stored settings for the selected profile and environment",
  args: [providerArg, { name: 'key', description: 'one setting, e.g. client_id (or client-id); printed alone', required: false }],
  options: [{ flags: '--show-secrets', description: 'print secrets in full' }],
  examples: ['fintech-cli config get solaris', 'fintech-cli config get soldo client_id --production'],
  async run({ args, opts }, cx) {
    const provider = parseProvider(args[0]);
    const { profile, environment } = cx.globals;
    const doc = await openConfig(cx.configDir).read();
    requireKnownEnvironment(doc, environment, cx.globals.environmentFrom);
    const rows = settingRows(getProviderSettings(doc, profile, provider, environment), opts.showSecrets);
    const key = args[1] === undefined ? undefined : settingKeyOf(args[1]);
    if (key !== undefined) {
      const row = rows.find((r) => r.key === key);
      if (!row) {
        throw new UsageError(`No ${key} stored for ${provider} (profile ${profile}, ${environment}).`, {
          hint: `Set it with "fintech-cli config set ${provider}", or list what is stored with "fintech-cli config list".`,
        });
      }
      if (cx.globals.json) cx.io.json({ [row.key]: row.value });
      else cx.io.out(`${row.value}\n`);
      return;
    }
    if (cx.globals.json) {
      cx.io.json(Object.fromEntries(rows.map((r) => [r.key, r.value])));
      return;
    }
    if (rows.length === 0) {
      cx.io.info(`Nothing stored for ${provider} (profile ${profile}, ${environment}).`);
      return;
    }
    renderTable(cx.io, ['KEY', 'VALUE'], rows.map((r) => [r.key, r.value]));
  },
});
