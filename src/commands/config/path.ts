import { configFilePath, tokenCacheFilePath } from '../../config/paths.js';
import { defineCommand } from '../spec.js';

export default defineCommand({
  path: ['config', 'path'],
  summary: 'Print the path of the config file',
  description: 'Print the path of the config file (FINTECH_CLI_CONFIG_DIR moves it). --json adds the token cache.',
  examples: ['fintech-cli config path', '"$EDITOR" "$(fintech-cli config path)"'],
  async run(_input, cx) {
    const file = configFilePath(cx.configDir);
    if (cx.globals.json) cx.io.json({ config_dir: cx.configDir, config_file: file, token_cache_file: tokenCacheFilePath(cx.configDir) });
    else cx.io.out(`${file}\n`);
  },
});
