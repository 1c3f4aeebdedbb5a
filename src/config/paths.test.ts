import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDir, configFilePath, tokenCacheFilePath } from './paths.js';

describe('configDir', () => {
  it('uses FINTECH_CLI_CONFIG_DIR, made absolute from cwd', () => {
    expect(configDir({ FINTECH_CLI_CONFIG_DIR: '/etc/fintech' }, '/home/u')).toBe('/etc/fintech');
    expect(configDir({ FINTECH_CLI_CONFIG_DIR: 'conf' }, '/home/u')).toBe('/home/u/conf');
  });

  it("falls back to the platform's config dir, without env-paths' -nodejs suffix", () => {
    for (const env of [{}, { FINTECH_CLI_CONFIG_DIR: '' }]) {
      const dir = configDir(env, '/home/u');
      expect(dir.endsWith(join('', 'fintech-cli')) || dir.includes(join('fintech-cli', 'Config'))).toBe(true);
      expect(dir).not.toContain('nodejs');
    }
  });
});

describe('file paths', () => {
  it('names config.json and tokens.json in the directory', () => {
    expect(configFilePath('/c')).toBe(join('/c', 'config.json'));
    expect(tokenCacheFilePath('/c')).toBe(join('/c', 'tokens.json'));
  });
});
