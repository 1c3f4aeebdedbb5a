/**
 * The public types of the library (`import type { … } from 'fintech-cli'`). They import nothing, so the shipped
 * declarations stand alone: no file of the CLI and no Node types are needed to compile against them. The functions
 * that use them map the engine's own values onto them, so a change of the engine that breaks them fails to compile.
 */

/** A Soldo request, as your code sends it: name the operation by its id or by the URL (with the method where a path has several). */
export interface SoldoRequest {
  /** Operation id from Soldo's fingerprint-order table, e.g. `wallet-internal-transfer` (`fintech-cli soldo orders`). */
  operation?: string;
  /** HTTP method; needed with `url` only where the path has several operations. */
  method?: string;
  /** The request's path (or URL) with its query string, e.g. `/business/v2/transactions?fromDate=2024-01-01`. */
  url?: string;
  /** Path parameters (by template name) and query fields: a record, or name/value pairs for repeated names. */
  params?: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
  /** The body exactly as sent: JSON or `application/x-www-form-urlencoded`. */
  body?: string;
  /** The static fingerprint token Soldo issued with your credentials (not the OAuth access token). */
  token: string;
}

/** How values enter the fingerprint where Soldo's documents leave it open (docs/soldo.md); the defaults are Soldo's. */
export interface SoldoFingerprintOptions {
  /** Between the items of a list; default none. */
  listSeparator?: string;
  /** JSON numbers as sent (`10.50`, the default) or normalized (`10.5`). */
  numbers?: 'as-sent' | 'normalized';
  /** JSON booleans as `true`/`false` (the default), or as PHP writes them: `1`, and nothing for false. */
  booleans?: 'true-false' | 'php';
  /** Append the token to the four business-trip orders, which do not name it. */
  alwaysToken?: boolean;
  /** Where Soldo's guide and its OpenAPI export disagree (the transaction search): follow the guide (default) or the export. */
  orderSource?: 'guide' | 'openapi';
  /** Epoch milliseconds for a `request_timestamp` the body lacks; default `Date.now()`. */
  now?: number;
}

/** One field of the operation's fingerprint order and what the request gave it. */
export interface SoldoFingerprintField {
  /** Position in the order, from 1. */
  index: number;
  /** The name in the order, e.g. `fromDate`, `token`, `join(concat(items.a, items.b))`. */
  field: string;
  /** What it contributes to the string; undefined when skipped. */
  value: string | undefined;
  /** Where the value came from; undefined when the request lacks the field. */
  source: 'path' | 'query' | 'body' | 'token' | 'generated' | undefined;
  skipped: boolean;
  reason?: 'absent' | 'empty';
}

export interface SoldoFingerprint {
  /** `X-Soldo-Fingerprint`: the SHA-512 of `concatenated`, lowercase hex. */
  fingerprint: string;
  /** The string that is hashed. */
  concatenated: string;
  fields: SoldoFingerprintField[];
  /** Values the fingerprint includes that your body must carry: a `request_timestamp` made from `now`. */
  generated: { request_timestamp?: string };
}

/** Secrets a buggy client may have hashed in place of the fingerprint token, to recognise that mistake. */
export interface SoldoExplainOptions extends SoldoFingerprintOptions {
  /** OAuth access tokens your code had (an expired one too). */
  accessTokens?: readonly string[];
  clientId?: string;
  clientSecret?: string;
}

/** One mistake (or pair of them) that reproduces the fingerprint your code produced. */
export interface SoldoFingerprintMistake {
  /** A catalogue name (docs/soldo.md), or two joined with `+`, e.g. `token-missing+uppercase-hex`. */
  name: string;
  /** What your code does wrong, in words. */
  explanation: string;
  /** The string your code hashed; the client secret and access tokens appear as `<client secret>`, `<access token>`. */
  hashed: string;
  /** The same as `hashed` (the older name, as in `soldo fingerprint --expect --json`). */
  concatenated: string;
}

/** The `expect` member of `soldo fingerprint --expect --json`. */
export type SoldoFingerprintExplanation =
  | { expected: string; equal: true }
  | {
      expected: string;
      equal: false;
      /** Best first; empty when no common mistake, nor any pair of them, reproduces it. */
      mistakes: SoldoFingerprintMistake[];
      /** The single mistakes compared, by name. */
      tried: string[];
      /** How many pairs of mistakes were compared. */
      triedPairs: number;
      /** Mistakes a fingerprint cannot reveal, and what to check. */
      notes: string[];
    };

export interface SoldoSignOptions {
  /** The passphrase of an encrypted private key. */
  passphrase?: string;
}

/** The emulator's built-in credentials, the same as `fintech-cli emulator` prints. */
export interface EmulatorCredentials {
  solaris: { client_id: string; client_secret: string };
  finapi: { client_id: string; client_secret: string };
  soldo: { client_id: string; client_secret: string; fingerprint_token: string };
}

export interface EmulatorOptions {
  /** Default 0: a free port (read the one bound from `url`). */
  port?: number;
  /** Default `127.0.0.1`. On a loopback address only loopback Host names are answered. */
  host?: string;
  /** Soldo: check request signatures with this public key (SubjectPublicKeyInfo PEM) instead of the demo key. */
  soldoPublicKey?: string;
  /** Solaris webhooks: base of the retry schedule in milliseconds, doubled per retry; default 30000. */
  retryInterval?: number;
  /** Lifetime of issued access tokens in seconds; default 3600. */
  tokenTtl?: number;
}

/** One event of the emulator's log, as `fintech-cli emulator --json` prints it: `request`, `contract`, `delivery`, … */
export interface EmulatorEvent {
  type: string;
  [field: string]: unknown;
}

/** What `trigger` sends: the Solaris notification body and its entity id. */
export interface TriggerOptions {
  /** The notification body; default a sample for the event type (`{}` for entity-only events). */
  payload?: unknown;
  /** `Solaris-Entity-Id`; default the payload's own id, or a new one. */
  entityId?: string;
}

/** The emulator's answer to a trigger: one notification per subscription of the event type, so none or one. */
export interface TriggeredEvent {
  event_type: string;
  entity_id: string;
  notifications: { notification_id: string; subscription_id: string; url: string }[];
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:40123`, with the port bound. */
  url: string;
  credentials: EmulatorCredentials;
  /** Ends every connection, delivery and scheduled retry, and frees the port; safe to call more than once. */
  close(): Promise<void>;
  /**
   * What the emulator logged so far, oldest first (the last 1000): every request it received (`request`), each one
   * that departs from the provider's published API description (`contract`), Soldo's rejections
   * (`soldo_request_rejected`), webhook deliveries (`delivery`) and errors.
   */
  requests(): EmulatorEvent[];
  /** Solaris: deliver an event to the emulator's webhook subscription of that type (`POST /_admin/solaris/events`). */
  trigger(eventType: string, options?: TriggerOptions): Promise<TriggeredEvent>;
}
