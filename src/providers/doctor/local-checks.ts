/** Checks of this machine: the config folder and files (owner, modes, temp files left), proxy variables, extra CA certificates. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { staleTemps } from '../../config/atomic-write.js';
import { openConfig } from '../../config/config-file.js';
import { describeFsError } from '../../core/fs-errors.js';
import { shellQuote } from '../../core/shell-word.js';
import { trustProblem } from '../../config/file-trust.js';
import { configFilePath, tokenCacheFilePath } from '../../config/paths.js';
import type { Env } from '../../core/env.js';
import { type Check, fail, type Outcome, pass, warn } from './checks.js';

/** `configDir`: the run's config folder; `env`: its environment variables. */
export function localChecks(cx: { configDir: string; env: Env }): Check[] {
  const dir = cx.configDir;
  const file = configFilePath(dir);
  return [
    { group: 'setup', name: 'config directory', run: () => modeCheck(dir, 'directory', 0o700) },
    {
      group: 'setup',
      name: 'config file',
      // A corrupt file is reported with the store's own message and repair hint.
      run: async () => (await openConfig(dir).read(), modeCheck(file, 'file', 0o600)),
    },
    { group: 'setup', name: 'token cache', run: () => modeCheck(tokenCacheFilePath(dir), 'file', 0o600) },
    { group: 'setup', name: 'temp files', run: () => tempFilesCheck(dir) },
    { group: 'setup', name: 'proxy', run: async () => proxyCheck(cx.env) },
    { group: 'setup', name: 'extra CA certificates', run: () => caCheck(cx.env) },
  ];
}

/** Secrets live there: nobody but the owner may read (or, for the folder, list) them. */
async function modeCheck(path: string, kind: 'file' | 'directory', wanted: number): Promise<Outcome> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return pass(`${path} does not exist yet (nothing stored)`);
    return fail(`Cannot read ${path}: ${describeFsError(error)}`, 'Check the permissions of the config directory, or set FINTECH_CLI_CONFIG_DIR.');
  }
  if (kind === 'directory' ? !stats.isDirectory() : !stats.isFile()) return fail(`${path} is not a ${kind}`, `Move it away; fintech-cli creates the ${kind} itself.`);
  const mode = stats.mode & 0o777;
  const shown = mode.toString(8).padStart(4, '0');
  if (process.platform === 'win32') return pass(`${path} (modes are not checked on Windows)`);
  const untrusted = trustProblem(path, stats);
  if (untrusted !== undefined) return fail(`${path}: ${untrusted.reason}; fintech-cli refuses to use it`, untrusted.fix);
  if ((mode & 0o077) !== 0) {
    const who = (mode & 0o007) !== 0 ? 'other users' : 'your group';
    return fail(`${path} is ${shown}: ${who} can access it`, `chmod ${wanted.toString(8)} ${shellQuote(path)}`);
  }
  return pass(`${path} (${shown})`);
}

/** A write killed midway (SIGKILL, power loss) leaves its temp file, which may hold secrets; the next write removes it. */
async function tempFilesCheck(dir: string): Promise<Outcome> {
  const stale = await staleTemps(dir);
  if (stale.length === 0) return pass('none left by interrupted writes');
  const names = stale.map((path) => basename(path));
  return warn(
    `${stale.length} left by interrupted writes (they may hold secrets): ${names.join(', ')}`,
    `The next write of a setting or token removes them; or remove them now: rm -r ${stale.map(shellQuote).join(' ')}`,
  );
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY'] as const;

/** The HTTP client takes proxies from these, lower case first, and reads `host:port` as http:// (http/client.ts). */
function proxyCheck(env: Env): Outcome {
  const found: string[] = [];
  for (const upper of PROXY_VARIABLES) {
    const name = env[upper.toLowerCase()] ? upper.toLowerCase() : upper;
    const value = env[name];
    if (!value) continue;
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    if (!URL.canParse(withScheme)) return fail(`${name} is not a proxy URL`, 'Set it like http://proxy.example:3128, or unset it.');
    const url = new URL(withScheme);
    if (url.password !== '') url.password = '****';
    found.push(`${name}=${url.href}`);
  }
  if (found.length === 0) return pass('none: direct connections');
  const noProxy = env.no_proxy || env.NO_PROXY;
  return pass(`${found.join(', ')}${noProxy ? `; NO_PROXY=${noProxy}` : ''}`);
}

/** A corporate TLS proxy needs its CA here; Node reads the file at start-up and ignores it quietly when broken. */
async function caCheck(env: Env): Promise<Outcome> {
  const path = env.NODE_EXTRA_CA_CERTS;
  if (!path) return pass('NODE_EXTRA_CA_CERTS is not set (the built-in CAs only)');
  const fix = 'Point NODE_EXTRA_CA_CERTS at a readable PEM file of CA certificates, or unset it.';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return fail(`NODE_EXTRA_CA_CERTS=${path} cannot be read: ${describeFsError(error)}`, fix);
  }
  const count = text.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
  if (count === 0) return fail(`NODE_EXTRA_CA_CERTS=${path} holds no PEM certificate`, fix);
  return pass(`NODE_EXTRA_CA_CERTS=${path} (${count} certificate${count === 1 ? '' : 's'})`);
}
