/** Checks of one provider in the run's environment: credentials, each base URL, a token, the clock, Soldo's key. */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Credentials, Setting } from '../../config/load-credentials.js';
import { envVarName, isSecretKey, type SettingKey } from '../../core/credentials.js';
import { publicKeyMatches, publicKeySha256 } from '../../core/soldo/signature.js';
import type { ProviderId, UrlKind } from '../../environments.js';
import { scopeFlags } from '../../core/scope-flags.js';
import { CliError } from '../../errors.js';
import type { HttpResponse } from '../../http/client.js';
import type { ProviderSession } from '../session.js';
import { loadPublicKeyFile } from '../soldo/signing.js';
import { type Check, fail, type Outcome, pass, skip, warn } from './checks.js';

export interface ProviderCheckOptions {
  /** Named on the command line: checked even when nothing configures it. */
  explicit: boolean;
  /** Soldo: the public key uploaded to Soldo, to compare with the signing key. */
  publicKeyFile?: string;
}

/** Soldo refuses a request_timestamp older than this; other providers' tokens tolerate more, but not much. */
export const MAX_CLOCK_SKEW_MS = 5_000;

export interface ProviderChecks {
  /** Something sets a client id (or the provider was named), so it is checked rather than skipped. */
  configured: boolean;
  checks: Check[];
}

export async function providerChecks(session: ProviderSession, options: ProviderCheckOptions): Promise<ProviderChecks> {
  const { id: provider, urlKinds, token, signing, settingKeys } = session.descriptor;
  const check = (name: string, run: () => Promise<Outcome>): Check => ({ group: provider, name, run });
  let credentials: Credentials;
  try {
    credentials = await session.credentials();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { configured: true, checks: [check('credentials', () => Promise.reject(error))] };
  }
  if (credentials.settings.client_id === undefined && !options.explicit) {
    const detail = `not configured: no client_id for ${session.environment} (fintech-cli config set ${provider}${scopeFlags(session.profile, session.environment)} --client-id …)`;
    return { configured: false, checks: [check('configured', async () => skip(detail))] };
  }

  // What earlier checks found, for the later ones.
  let credentialsOk = false;
  const answers = new Map<UrlKind, HttpResponse | undefined>();
  let signingKey: KeyObject | undefined;

  const checks: Check[] = [
    check('credentials', async () => {
      await credentials.require('client_id');
      await credentials.require('client_secret');
      await signing?.requireToken(credentials);
      credentialsOk = true;
      // The client's id and the secrets it proves itself with (Soldo's fingerprint token too); a key file has its own check.
      const keys = settingKeys.filter((key) => key === 'client_id' || isSecretKey(key));
      return pass(keys.map((key) => `${key} from ${origin(provider, key, credentials.settings[key])}`).join(', '));
    }),
    ...urlKinds.map((kind) =>
      check(kind, async () => {
        const base = credentials.baseUrl(kind);
        if (base === undefined) return skip(`no ${kind} in ${credentials.environment}; set it with: fintech-cli config set ${provider}${scopeFlags(credentials.profile, credentials.environment)} --${kind.replace('_', '-')} URL`);
        const started = session.now();
        const res = await session.send({ method: 'GET', url: `${base}/` });
        answers.set(kind, res);
        // Any answer proves the server is there; a 404 for / is what most APIs give, not a failure.
        return pass(`${base} reachable (HTTP ${res.status} for /) in ${session.now() - started} ms`);
      }),
    ),
    check('token request', async () => {
      if (!credentialsOk) return skip('needs the credentials');
      if (answers.get(token.service) === undefined) return skip(`needs ${token.service} to be reachable`);
      const { entry } = await session.token({ fresh: true });
      return pass(`a new access token, valid for ${Math.round((entry.expires_at - session.now()) / 1000)} s`);
    }),
    check('clock', async () => clockOutcome(answers.get('api_url'), session.now())),
  ];
  if (signing === undefined) return { configured: true, checks };

  checks.push(
    check('signing key', async () => {
      signingKey = await signing.loadKey(credentials);
      const bits = signingKey.asymmetricKeyDetails?.modulusLength ?? 0;
      const where = credentials.privateKey();
      const from = where === undefined ? "the emulator's demo key" : where.kind === 'file' ? where.path : envVarName(provider, 'private_key');
      return pass(`RSA ${bits}-bit from ${from} (public key sha256 ${publicKeySha256(createPublicKey(signingKey)).slice(0, 16)}…)`);
    }),
  );
  const publicKeyFile = options.publicKeyFile;
  if (publicKeyFile !== undefined) {
    checks.push(
      check('public key matches', async () => {
        if (signingKey === undefined) return skip('needs the signing key');
        if (publicKeyMatches(signingKey, await loadPublicKeyFile(publicKeyFile))) return pass(`${publicKeyFile} is the public key of the signing key`);
        return fail(
          `${publicKeyFile} is not the public key of the signing key: Soldo would answer INVALID_FINGERPRINT_SIGNATURE`,
          'Upload the public key of your signing key to Soldo (openssl pkey -in PRIVATE.pem -pubout), or sign with the private key of this one.',
        );
      }),
    );
  }
  return { configured: true, checks };
}

function origin(provider: ProviderId, key: SettingKey, setting: Setting | undefined): string {
  switch (setting?.source) {
    case 'flag':
      return 'the command line';
    case 'env':
      return envVarName(provider, key);
    case 'config':
      return 'the config file';
    default:
      return "the emulator's demo credentials";
  }
}

/** The server's `Date` (1 s resolution) against ours: Soldo refuses a request_timestamp 5 s old. */
function clockOutcome(answer: HttpResponse | undefined, now: number): Outcome {
  const date = answer?.headers.date;
  const server = date === undefined ? NaN : Date.parse(date);
  if (Number.isNaN(server)) return skip(answer === undefined ? 'needs api_url to be reachable' : 'the answer had no Date header');
  const skew = now - server;
  const seconds = Math.round(Math.abs(skew) / 1000);
  if (Math.abs(skew) <= MAX_CLOCK_SKEW_MS) return pass(`within ${Math.max(1, seconds)} s of the server's clock`);
  return warn(
    `this machine's clock is ${seconds} s ${skew > 0 ? 'ahead of' : 'behind'} the server's`,
    'Synchronise the clock (NTP, e.g. timedatectl set-ntp true): Soldo refuses a request_timestamp more than 5 s off, and tokens may look expired.',
  );
}
