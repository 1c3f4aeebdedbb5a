/** Where fintech-cli keeps its files: the platform's config dir (XDG on Linux) or `FINTECH_CLI_CONFIG_DIR`. */
import envPaths from 'env-paths';
import { join, resolve } from 'node:path';
import type { Env } from '../core/env.js';

/** A relative `FINTECH_CLI_CONFIG_DIR` is taken from `cwd`, so a later chdir cannot move the config. */
export function configDir(env: Env, cwd: string = process.cwd()): string {
  const override = env.FINTECH_CLI_CONFIG_DIR;
  if (override !== undefined && override !== '') return resolve(cwd, override);
  return envPaths('fintech-cli', { suffix: '' }).config;
}

export function configFilePath(dir: string): string {
  return join(dir, 'config.json');
}

export function tokenCacheFilePath(dir: string): string {
  return join(dir, 'tokens.json');
}
