import type { Env } from '../core/env.js';
import { createRunContext, type RunContext } from '../run-context.js';

/**
 * The demo's own run context: the emulator environment, a temporary config directory (so the user's config and
 * token cache are never read or written) and nothing of the user's FINTECH_CLI_* or proxy settings, which would
 * otherwise replace the emulator's demo credentials or send loopback calls to a proxy. The streams, clock, Ctrl-C
 * signal and the global options (--verbose, --timeout) stay the user's.
 */
export function demoRunContext(cx: RunContext, where: { configDir: string; emulatorUrl: string }): RunContext {
  const env: Env = { ...withoutUserSettings(cx.env), FINTECH_CLI_CONFIG_DIR: where.configDir, FINTECH_CLI_EMULATOR_URL: where.emulatorUrl };
  const { streams, cwd, now, version, signal, dispatcher } = cx;
  return createRunContext({ streams, env, cwd, now, version, signal, dispatcher }, { ...cx.globals, environment: 'emulator', profile: 'default' });
}

function withoutUserSettings(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^FINTECH_CLI_|^(https?|all|no)_proxy$/i.test(name)));
}
