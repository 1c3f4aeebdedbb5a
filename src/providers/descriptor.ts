/**
 * What the CLI knows of a provider, in one object per provider (`<id>/provider.ts`): its part of the CLI contract
 * (base URLs, settings: environments.ts, which the config reads too), its name, how it issues tokens and what its
 * requests carry. Descriptors hold data and small functions; signing code is imported on first use.
 */
import type { KeyObject } from 'node:crypto';
import type { Credentials } from '../config/load-credentials.js';
import type { SettingKey } from '../core/credentials.js';
import type { ProviderContract, ProviderId, UrlKind } from '../environments.js';
import type { AuthError, CliError } from '../errors.js';
import type { HttpRequest } from '../http/client.js';

export interface ProviderDescriptor extends ProviderContract {
  readonly id: ProviderId;
  /** As messages name it: "Solaris", "finAPI", "Soldo". */
  readonly name: string;
  /**
   * The emulator's built-in credentials. They unlock only the local emulator, so they are public by design; the CLI
   * uses them in the emulator environment when nothing else sets a value.
   */
  readonly demoCredentials: Readonly<Partial<Record<SettingKey, string>>>;
  readonly token: TokenEndpoint;
  /** Tokens for users of the provider's own (finAPI Access users: `--user`); absent where only the client has one. */
  readonly userTokens?: UserTokens;
  /** Headers every API request carries, made afresh for each (finAPI's `X-Request-Id`, which its errors quote). */
  readonly requestHeaders?: () => Record<string, string>;
  /** Request signatures on top of the token (Soldo's fingerprint, signed with the partner's RSA key). */
  readonly signing?: Signing;
  /**
   * The request body type the provider's published description declares for an operation, where the CLI ships one
   * (Soldo's, generated from its OpenAPI export, names a form for the internal transfer).
   */
  declaredContentType?(method: string, pathname: string): Promise<DeclaredContentType | undefined>;
}

export interface TokenEndpoint {
  /** The base URL its OAuth endpoints are under. */
  readonly service: UrlKind;
  /** Its OAuth endpoints (token, revoke) below that URL: they take the client credentials, never a Bearer token. */
  readonly paths: readonly string[];
  /** How the client credentials travel: in `Authorization: Basic`, or as `client_id` and `client_secret` form fields. */
  readonly clientAuth: 'basic' | 'form';
  /** The client's own token request, to `baseUrl` (the `service` URL). */
  request(baseUrl: string, clientId: string, clientSecret: string): HttpRequest;
}

export type UserGrant = { type: 'password'; username: string; password: string } | { type: 'refresh_token'; refreshToken: string };

export interface UserTokens {
  /** A user's token request, to the same URL as the client's. */
  request(baseUrl: string, clientId: string, clientSecret: string, grant: UserGrant): HttpRequest;
  /** What a refused password grant (a 400, or OAuth's `invalid_grant`) means to the user: `error` is the provider's own answer. */
  passwordRefused(user: string, error: CliError): CliError;
  /** No token can be had for the user without a password, and why. */
  passwordNeeded(user: string, why?: string): AuthError;
}

export interface DeclaredContentType {
  /** The operation's name in the description, for messages. */
  readonly operation: string;
  readonly contentType: string;
}

/** The parts of a request a signature covers. */
export interface RequestToSign {
  method: string;
  /** Below the base URL, query string included. */
  path: string;
  body?: string;
  contentType?: string;
  /** Where a provider's own sources disagree on its signature rule, the one to follow (Soldo: `guide` or `openapi`). */
  variant?: string;
}

export interface SignedRequest {
  /** The body to send: the one given, or with what the signature needed added (Soldo's `request_timestamp`). */
  body?: string;
  contentType?: string;
  headers: Record<string, string>;
  /** The `request_timestamp` the signature covers, when there is one (Soldo refuses it 5 s later). */
  requestTimestamp?: string;
}

export interface Signing {
  /** The request with its signature headers, or undefined where its operation needs none. */
  sign(credentials: Credentials, request: RequestToSign, now: number): Promise<SignedRequest | undefined>;
  /** The secret token the signatures include; an AuthError (exit 4) naming every way to give it. */
  requireToken(credentials: Credentials): Promise<string>;
  /** The private key the signatures are made with. */
  loadKey(credentials: Credentials): Promise<KeyObject>;
}
