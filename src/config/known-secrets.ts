/**
 * Every secret value this run could know of without being told: the secret variables of its environment, the
 * secrets of the config file and the tokens of the token cache. The error reporter masks them in whatever it prints,
 * so an unexpected failure whose message quotes a request, a file or a library's state cannot show one.
 *
 * Synchronous and silent: it runs while an error is being reported, and must neither wait long nor fail itself.
 */
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import type { Env } from '../core/env.js';
import { parseSecretReference } from '../core/credentials.js';
import { configDir, configFilePath, tokenCacheFilePath } from './paths.js';

/** `FINTECH_CLI_SOLARIS_CLIENT_SECRET`, `…_FINGERPRINT_TOKEN`, `…_SOLDO_PRIVATE_KEY` (PEM text), `FINTECH_CLI_WEBHOOK_SECRET`… */
const SECRET_VARIABLE = /^FINTECH_CLI_\w*(SECRET|TOKEN|PASSWORD|PRIVATE_KEY)$/;
const CLIENT_ID_VARIABLE = /^FINTECH_CLI_\w*CLIENT_ID$/;
const CLIENT_SECRET_VARIABLE = /^FINTECH_CLI_\w*CLIENT_SECRET$/;
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
/** Config keys whose values are secrets, wherever they sit in the document. */
const SECRET_KEYS = new Set(['client_secret', 'fingerprint_token', 'access_token', 'refresh_token']);
/** Under these keys every value is a secret (webhook secrets by id). */
const SECRET_MAPS = new Set(['webhook_secrets']);

export function knownSecrets(env: Env, cwd: string): string[] {
  const found = new Set<string>();
  // Solaris' token requests carry `client_id:client_secret` in Base64 (Basic auth), which a server may echo.
  const clientIds = new Set<string>();
  const clientSecrets = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value !== 'string' || value === '') return;
    found.add(value);
    // A PEM key: its Base64 lines too, since a message may quote a part of it.
    if (value.includes('-----BEGIN')) for (const line of value.split(/\r?\n/)) if (/^[A-Za-z0-9+/=]{16,}$/.test(line.trim())) found.add(line.trim());
  };

  /**
   * A secret as written: a value, or an `env:`/`file:` reference (the variable's value is a secret; a path is not).
   * Returns the value, when known.
   */
  const addSecret = (value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const reference = parseSecretReference(value);
    const secret = reference.kind === 'literal' ? value : reference.kind === 'env' ? env[reference.name] : undefined;
    add(secret);
    return secret;
  };
  const addClientId = (value: unknown) => {
    if (typeof value === 'string' && value !== '') clientIds.add(value);
  };
  const addClientSecret = (value: string | undefined) => {
    const secret = addSecret(value);
    if (secret !== undefined && secret !== '') clientSecrets.add(secret);
  };

  for (const [name, value] of Object.entries(env)) {
    if (CLIENT_ID_VARIABLE.test(name)) addClientId(value);
    else if (CLIENT_SECRET_VARIABLE.test(name)) addClientSecret(value);
    else if (SECRET_VARIABLE.test(name)) addSecret(value);
  }
  for (const name of PROXY_VARIABLES) {
    const value = env[name];
    const url = value !== undefined && URL.canParse(value) ? new URL(value) : undefined;
    if (url?.password) add(decodeURIComponent(url.password));
  }

  const collect = (value: unknown, secret: boolean): void => {
    if (typeof value === 'string') {
      if (secret) addSecret(value);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      if (key === 'client_id') addClientId(item);
      else if (key === 'client_secret' && typeof item === 'string') addClientSecret(item);
      else collect(item, secret || SECRET_KEYS.has(key) || SECRET_MAPS.has(key));
    }
  };
  let dir: string | undefined;
  try {
    dir = configDir(env, cwd);
  } catch {
    // No config dir: the environment's secrets only.
  }
  for (const file of dir === undefined ? [] : [configFilePath(dir), tokenCacheFilePath(dir)]) {
    try {
      collect(JSON.parse(readFileSync(file, 'utf8')), false);
    } catch {
      // Missing, unreadable or broken: nothing to learn from it here.
    }
  }
  for (const id of clientIds) for (const secret of clientSecrets) found.add(Buffer.from(`${id}:${secret}`).toString('base64'));
  return [...found];
}
