/** What signing a Soldo request takes from this run's credentials and files: the fingerprint token and the keys. */
import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Credentials } from '../../config/load-credentials.js';
import { describeFsError } from '../../core/fs-errors.js';
import { envVarName } from '../../core/credentials.js';
import { loadPrivateKey, loadPublicKey } from '../../core/soldo/signature.js';
import { AuthError, CliError, UsageError } from '../../errors.js';
import { configSetSoldo } from './config-hint.js';
import { DEMO_SOLDO_PRIVATE_KEY_PEM } from './demo-key.js';

/** The static fingerprint token; an AuthError (exit 4) naming every way to give it. */
export async function requireFingerprintToken(credentials: Credentials): Promise<string> {
  const token = await credentials.get('fingerprint_token');
  if (token !== undefined) return token;
  throw new AuthError(`No fingerprint token for soldo (${credentials.environment}, profile ${credentials.profile}).`, {
    code: 'credentials_missing',
    provider: 'soldo',
    hint:
      `Pass --token, set ${envVarName('soldo', 'fingerprint_token')}, or store it: ` +
      `printf %s "$TOKEN" | ${configSetSoldo(credentials, '--fingerprint-token-stdin')}`,
  });
}

/**
 * Soldo's signing key for this run: `--private-key-file` (given to the credentials as a flag), the PEM text
 * variable, or a key file from a variable or the config file; in the emulator environment, the emulator's demo key.
 */
export async function loadSigningKey(credentials: Credentials, passphrase?: string): Promise<KeyObject> {
  const source = credentials.privateKey();
  if (source === undefined) {
    if (credentials.environment === 'emulator') return loadPrivateKey(DEMO_SOLDO_PRIVATE_KEY_PEM);
    throw missingKey(credentials);
  }
  if (source.kind === 'pem') return located(envVarName('soldo', 'private_key'), () => loadPrivateKey(source.pem, passphrase));
  const origin = { flag: '--private-key-file', env: envVarName('soldo', 'private_key_file'), config: 'private_key_file in the config file', default: 'the defaults' }[source.source];
  const pem = await readKeyFile(source.path, 'private key', `The path comes from ${origin}.`);
  return located(source.path, () => loadPrivateKey(pem, passphrase));
}

export async function loadPrivateKeyFile(path: string): Promise<KeyObject> {
  const pem = await readKeyFile(path, 'private key');
  return located(path, () => loadPrivateKey(pem));
}

export async function loadPublicKeyFile(path: string): Promise<KeyObject> {
  const pem = await readKeyFile(path, 'public key');
  return located(path, () => loadPublicKey(pem));
}

async function readKeyFile(path: string, what: string, hint?: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the ${what} file ${path}: ${describeFsError(error)}`, { code: 'key_file_unreadable', hint, cause: error });
  }
}

/** The core's key errors do not know where the PEM came from; the user needs to. */
function located(where: string, load: () => KeyObject): KeyObject {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    throw new UsageError(`${where}: ${error.message}`, { code: error.code, hint: error.hint, cause: error });
  }
}

function missingKey(credentials: Credentials): AuthError {
  return new AuthError(`No private key for soldo (${credentials.environment}, profile ${credentials.profile}).`, {
    code: 'credentials_missing',
    provider: 'soldo',
    hint:
      `Pass --private-key-file, set ${envVarName('soldo', 'private_key_file')} (or ${envVarName('soldo', 'private_key')} with the PEM text), ` +
      `or store it: ${configSetSoldo(credentials, '--private-key-file FILE')}. No key yet? fintech-cli soldo keygen --out DIR`,
  });
}
