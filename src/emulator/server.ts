import { isLoopbackHostname } from '../core/loopback.js';
import { DEFAULT_EMULATOR_URL } from '../environments.js';
import { demoCredentials } from '../providers/demo-credentials.js';
import { ADMIN_PREFIX, adminService } from './admin.js';
import { createFaultStore } from './faults.js';
import { finapiEmulator } from './finapi/service.js';
import { listenHttp } from './http-server.js';
import { createInspector } from './inspector/server.js';
import { createRingBuffer } from './ring-buffer.js';
import { isUnderPrefix } from './router.js';
import { solarisEmulator } from './solaris/service.js';
import { soldoEmulator } from './soldo/service.js';
import { createTokenStore } from './tokens.js';
import type { EmulatorEnv, EmulatorEvent } from './types.js';

export interface EmulatorOptions {
  /** Default 4010; 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Lifetime of issued access tokens; default 3600. */
  tokenTtlSeconds?: number;
  /** Base of the Solaris webhook retry schedule; default 30 s (tests use a few ms). */
  retryIntervalMs?: number;
  /** The Soldo public key (SubjectPublicKeyInfo PEM) request signatures are checked with; default the built-in demo key. */
  soldoPublicKeyPem?: string;
  /** Epoch ms; default Date.now. */
  now?: () => number;
  /** Every event of the log, as it happens (requests, deliveries, errors). */
  onEvent?: (event: EmulatorEvent) => void;
  /** Aborting it closes the emulator. */
  signal?: AbortSignal;
}

/** The demo credentials, as the `listening` line of the CLI contract carries them. */
export type EmulatorCredentials = typeof demoCredentials;

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:4010`, with the port actually bound. */
  url: string;
  /** The inspector page, e.g. `http://127.0.0.1:4010/` (on a loopback name even when listening on all addresses). */
  inspectorUrl: string;
  credentials: EmulatorCredentials;
  /** The recent log, oldest first: what `/_admin/log` answers, without a request. */
  eventLog(): EmulatorEvent[];
  /** Ends every connection, delivery and scheduled retry; safe to call more than once. */
  close(): Promise<void>;
}

const defaults = new URL(DEFAULT_EMULATOR_URL);
const KEPT_EVENTS = 1000;

/**
 * Starts the emulator of every provider on one loopback port (prefixes: cli-contract.md): the composition root,
 * the one module that wires the providers' services (src/emulator/<id>/) into the kit.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? Date.now;
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  const events = createRingBuffer<EmulatorEvent>(KEPT_EVENTS);
  let open = true;
  // Set once the inspector exists, after the providers; nothing happens before (no request is served yet).
  let changed = () => {};
  let secret = (_value: string) => {};
  const log = (event: EmulatorEvent) => {
    if (!open) return;
    events.push(event);
    options.onEvent?.(event);
    changed();
  };
  const env: EmulatorEnv = { now, tokenTtlSeconds, tokens: createTokenStore(now, tokenTtlSeconds), log, secret: (value) => secret(value) };
  const closing = new AbortController();
  const providers = [
    solarisEmulator(env, { retryIntervalMs: options.retryIntervalMs, signal: closing.signal }),
    finapiEmulator(env),
    soldoEmulator(env, { publicKeyPem: options.soldoPublicKeyPem }),
  ];
  const services = providers.flatMap((provider) => provider.services);
  const faults = createFaultStore();
  const admin = adminService({
    faults,
    tokens: env.tokens,
    events: () => events.items(),
    prefixes: services.map((s) => s.prefix),
    providerRoutes: providers.flatMap((provider) => provider.adminRoutes ?? []),
  });
  const inspector = createInspector({
    sections: Object.fromEntries(providers.flatMap((provider) => (provider.inspector === undefined ? [] : [[provider.root.slice(1), provider.inspector]]))),
    faults,
    tokens: env.tokens,
    secrets: Object.values(demoCredentials).flatMap(secretsOf),
  });
  changed = inspector.changed;
  secret = inspector.secret;
  const host = options.host ?? defaults.hostname;
  const server = await listenHttp({
    host,
    hostNames: isLoopbackHostname(host) ? 'loopback' : 'any',
    port: options.port ?? Number(defaults.port),
    services: [...services, admin],
    errorFormats: providers,
    // The admin routes stay reachable whatever faults are set, so faults can always be cleared.
    faults: { take: (method, pathname) => (isUnderPrefix(pathname, ADMIN_PREFIX) ? undefined : faults.take(method, pathname)) },
    now,
    log,
    intercept: inspector.intercept,
    onExchange: inspector.record,
  });

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing.abort();
      inspector.close();
      await server.close();
      open = false;
    })();
    return closed;
  };
  if (options.signal?.aborted) await close();
  else options.signal?.addEventListener('abort', () => void close(), { once: true });
  return { url: server.url, inspectorUrl: inspectorUrlOf(server.url, host), credentials: demoCredentials, eventLog: () => events.items(), close };
}

/** The demo credentials' secret values, masked in what the inspector shows (ids are not secrets). */
function secretsOf(credentials: Record<string, string>): string[] {
  return Object.entries(credentials)
    .filter(([name]) => name !== 'client_id')
    .map(([, value]) => value);
}

/** The inspector answers loopback names only: listening on every address, it is reached through the loopback one. */
function inspectorUrlOf(url: string, host: string): string {
  const loopback = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : undefined;
  const reachable = new URL(url);
  if (loopback !== undefined) reachable.hostname = loopback;
  return reachable.href;
}
