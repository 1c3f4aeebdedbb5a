import { openConfig } from '../../config/config-file.js';
import { renderTable } from '../../output/table.js';
import { defineCommand } from '../spec.js';
import { settingRows } from './rows.js';

/** One row of the list; an environment of the user's own has a row of its own, with no profile and no provider. */
interface ListRow {
  profile: string | null;
  provider: string | null;
  environment: string;
  key: string;
  value: string | boolean;
}

export default defineCommand({
  path: ['config', 'list'],
  summary: 'List every stored setting, secrets masked, and the environments of your own',
  options: [{ flags: '--show-secrets', description: 'print secrets in full' }],
  examples: ['fintech-cli config list', 'fintech-cli config list --json'],
  async run({ opts }, cx) {
    const doc = await openConfig(cx.configDir).read();
    const { showSecrets } = opts;
    const rows: ListRow[] = [];
    for (const [environment, definition] of Object.entries(doc.environments ?? {})) {
      rows.push({ profile: null, provider: null, environment, key: 'production_like', value: definition.production_like === true });
    }
    for (const [profile, byProvider] of Object.entries(doc.profiles)) {
      for (const [provider, byEnv] of Object.entries(byProvider ?? {})) {
        for (const [environment, settings] of Object.entries(byEnv ?? {})) {
          for (const row of settingRows(settings ?? {}, showSecrets)) rows.push({ profile, provider, environment, ...row });
        }
      }
    }
    if (cx.globals.json) {
      cx.io.json(rows);
      return;
    }
    if (rows.length === 0) {
      cx.io.info('No settings stored yet. Try: fintech-cli config set solaris --client-id <id> --client-secret-stdin');
      return;
    }
    renderTable(
      cx.io,
      ['PROFILE', 'PROVIDER', 'ENV', 'KEY', 'VALUE'],
      rows.map((r) => [r.profile ?? '-', r.provider ?? '-', r.environment, r.key, String(r.value)]),
    );
  },
});
