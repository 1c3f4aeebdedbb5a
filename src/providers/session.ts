import { type Credentials, loadCredentials } from '../config/load-credentials.js';
import type { SettingKey } from '../core/credentials.js';
import type { EnvironmentName, ProviderId, UrlKind } from '../environments.js';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import { type ApiCall, callApi, type PreparedCall, prepareApiCall } from './api-client.js';
import { requireBaseUrl } from './base-url.js';
import type { ProviderDescriptor } from './descriptor.js';
import { descriptors } from './descriptors.js';
import type { SessionRun } from './session-run.js';
import { forgetToken, type ObtainedToken, obtainToken, type TokenOptions } from './tokens.js';

/**
 * One provider in one run (`cx.provider('finapi')`): what provider modules get instead of the whole run context. It
 * reads the provider's credentials once and sends every API call down the one call path (`callApi`).
 */
export interface ProviderSession {
  readonly descriptor: ProviderDescriptor;
  /** The run's profile and environment, which the credentials and tokens belong to. */
  readonly profile: string;
  readonly environment: EnvironmentName;
  /**
   * The provider's credentials and base URLs in this run, read once; with `flags`, a command's own values on top
   * (`soldo sign --token`), read for that command alone.
   */
  credentials(flags?: Partial<Record<SettingKey, string>>): Promise<Credentials>;
  /** A base URL of the provider, or an AuthError (exit 4) saying how to set it. */
  baseUrl(kind: UrlKind): Promise<string>;
  /** Sends the call and returns a 2xx (or accepted) answer; any other answer is thrown as the error it carries. */
  call(call: ApiCall): Promise<HttpResponse>;
  /** The call as `call` would send it, built without any network traffic (`--curl`, `--dry-run`). */
  prepare(call: ApiCall): Promise<PreparedCall>;
  /** An access token of the client, or of a user: from the cache while it lives, otherwise from the provider. */
  token(options?: TokenOptions): Promise<ObtainedToken>;
  /** Forgets the cached token (and refresh token) of the client, or of a user; true when one was cached. */
  forgetToken(options?: { user?: string }): Promise<boolean>;
  /**
   * The signing secret stored for a webhook id, references resolved. Read from the config file at each call: a
   * listener outlives the run's first read, and `webhooks create` may store a secret meanwhile.
   */
  webhookSecret(id: string): Promise<string | undefined>;
  /** Sends a request as built, outside the API call path: every answer is returned (a reachability check, a token endpoint). */
  send(request: HttpRequest): Promise<HttpResponse>;
  now(): number;
}

export function createProviderSession(run: SessionRun, id: ProviderId): ProviderSession {
  const descriptor = descriptors[id];
  const { environment, environmentFrom, profile } = run.globals;
  const warned = new Set<string>();
  const load = (flags: Partial<Record<SettingKey, string>>) =>
    loadCredentials({
      provider: id,
      env: environment,
      envFrom: environmentFrom,
      profile,
      flags,
      vars: run.env,
      configDir: run.configDir,
      cwd: run.cwd,
      defaults: environment === 'emulator' ? descriptor.demoCredentials : undefined,
      // Once per run: the credentials are read again for a command's own flags and for each webhook secret.
      warn: (message) => {
        if (!warned.has(message)) run.io.warn(message);
        warned.add(message);
      },
    });
  let loaded: Promise<Credentials> | undefined;
  const credentials = (flags: Partial<Record<SettingKey, string>> = {}) => (Object.keys(flags).length > 0 ? load(flags) : (loaded ??= load({})));
  return {
    descriptor,
    profile,
    environment,
    credentials,
    baseUrl: async (kind) => requireBaseUrl(await credentials(), kind),
    call: async (call) => callApi(run, await credentials(), call),
    prepare: async (call) => prepareApiCall(await credentials(), call, run.now()),
    token: async (options) => obtainToken(run, await credentials(), options),
    forgetToken: async (options = {}) => forgetToken(run, await credentials(), options.user),
    webhookSecret: async (webhookId) => (await load({})).webhookSecret(webhookId),
    send: async (request) => (await run.http()).send(request),
    now: () => run.now(),
  };
}
