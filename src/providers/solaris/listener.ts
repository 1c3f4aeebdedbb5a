import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RecordedRequest } from '../../core/http-message.js';
import { UsageError } from '../../errors.js';
import { SUBSCRIPTION_CHECK_EVENT } from './events.js';
import { readBody } from '../../http/read-body.js';
import { type SignatureCheck, signatureVerdict } from './signature-verdict.js';

/**
 * A local receiver for Solaris webhook notifications (`webhooks listen`), as an engine that emits typed events;
 * the command renders them. It answers the subscription check with 200 and accepts a notification only when its
 * signature verifies (422 otherwise, as the receiver of Solaris' integration guide does), then forwards it and
 * relays the answer. It refuses what a browser sends (403), and bounds how long a connection may take and how many
 * may be open (closing the oldest to make room for a new one), so slow senders cannot starve real deliveries.
 * Anything malformed is answered and reported, never fatal.
 */

export type { SignatureCheck };

export interface NotificationEvent {
  type: 'notification';
  at: string;
  method: string;
  path: string;
  event_type: string | null;
  notification_id: string | null;
  attempt: number | null;
  subscription_id: string | null;
  entity_id: string | null;
  signature: SignatureCheck;
  /** Why its signature was not verified (no signature, unknown subscription, wrong secret…); null when it was. */
  reason: string | null;
  /** What the listener answered. */
  status: number;
  /** The Solaris headers and Content-Type, names in lower case. */
  headers: Record<string, string>;
  /** The body as UTF-8 text. */
  body: string;
  /** The file it was saved to (`--save`). */
  saved?: string;
  /** The receiver it was forwarded to, and its answer (or why there was none). */
  forwarded?: { url: string; status?: number; error?: string };
}

export type ListenerEvent =
  | { type: 'listening'; url: string }
  | { type: 'subscription_check'; at: string; path: string; status: number }
  | NotificationEvent
  | { type: 'rejected'; at: string; method: string | null; path: string | null; status: number; reason: string }
  | { type: 'warning'; at: string; message: string };

export interface ListenerOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** Larger bodies are answered 413. */
  maxBodyBytes: number;
  /** The secret a notification is checked with (a fixed one, or the one stored for its subscription); undefined: none known, so it is refused. */
  secretFor(subscriptionId: string | undefined): Promise<string | undefined>;
  /** `--no-verify`: accept every notification unchecked (for inspection only). */
  noVerify?: boolean;
  /** Answer every verified notification with this status (one that does not verify still gets 422). */
  respond?: number;
  /** Sends a notification on (`--forward-to`) and gives the receiver's status; `url` is for the events. */
  forward?: { url: string; send(request: RecordedRequest): Promise<number> };
  /** Keeps a notification and gives the file's path (`--save`). */
  save?(request: RecordedRequest, receivedAt: number): Promise<string>;
  /** Bounds per connection; the defaults suit a listener behind a tunnel (tests give small ones). */
  limits?: Partial<ConnectionLimits>;
  now(): number;
  onEvent(event: ListenerEvent): void;
}

export interface ConnectionLimits {
  /** Time for a request's headers to arrive, from its first byte (answered 408, then closed). */
  headersTimeoutMs: number;
  /** Time for the whole request, headers and body, to arrive. */
  requestTimeoutMs: number;
  /** How long an idle connection is kept open between requests. */
  keepAliveTimeoutMs: number;
  /** A connection with no traffic for this long is closed (one that connects and sends nothing, or never reads). */
  idleTimeoutMs: number;
  /** How often the header and request times are checked. */
  checkIntervalMs: number;
  /**
   * Connections open at once, so slow senders cannot exhaust file descriptors; at this many, each new one closes the
   * oldest that is not being answered.
   */
  maxConnections: number;
}

/**
 * Solaris sends each notification at once and wants an answer within 30 s; a tunnel sends its headers at once too.
 * A sender slower than this is broken or hostile, and is cut off before it can tie the listener up.
 */
export const defaultConnectionLimits: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
  maxConnections: 512,
};

export interface RunningListener {
  url: string;
  /** Stops listening and ends every connection. */
  close(): Promise<void>;
}

/** The headers shown with each notification. */
export const headersOfInterest = [
  'solaris-webhook-event-type',
  'solaris-webhook-id',
  'solaris-webhook-attempt',
  'solaris-webhook-subscription-id',
  'solaris-entity-id',
  'solaris-webhook-signature',
  'content-type',
] as const;

export async function startListener(options: ListenerOptions): Promise<RunningListener> {
  const at = () => new Date(options.now()).toISOString();
  const limits = { ...defaultConnectionLimits, ...options.limits };
  // Sockets with a request being handled: a parse error there (the sender ending mid-body) is that request's to report.
  const busy = new WeakSet<Socket>();
  // Sockets whose whole request has arrived, until its answer is written: verifying, forwarding, answering.
  const answering = new WeakSet<Socket>();
  const server = http.createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs },
    (req, res) => {
      busy.add(req.socket);
      req.once('end', () => answering.add(req.socket));
      res.on('close', () => {
        busy.delete(req.socket);
        answering.delete(req.socket);
      });
      handle(req, res, options, at).catch((error: unknown) => {
        options.onEvent({ type: 'warning', at: at(), message: `failed to handle ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}` });
        if (!res.headersSent) answer(res, 500, 'the listener failed to handle this request');
        else res.destroy();
      });
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // With a callback, Node leaves a timed-out socket open: destroy it.
  server.setTimeout(limits.idleTimeoutMs, (socket: Socket) => socket.destroy());
  makeRoomForNewConnections(server, limits.maxConnections, answering, () =>
    options.onEvent({ type: 'warning', at: at(), message: `${limits.maxConnections} connections are open: the oldest one not being answered is closed for each new one` }),
  );
  // Garbage on the socket, oversized headers, a bad request line, headers too slow: answer 400, 431 or 408, and close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (busy.has(socket)) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const reason = status === 408 ? `the request did not arrive within ${limits.headersTimeoutMs} ms` : `malformed request (${error.code ?? error.message})`;
    options.onEvent({ type: 'rejected', at: at(), method: null, path: null, status, reason });
    // end() alone only half-closes: a sender that keeps its side open would hold the socket forever.
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new UsageError(`Cannot listen on ${options.host}:${options.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}.`, {
              code: 'port_unavailable',
              hint: 'Choose another port with --port (0 picks a free one).',
            })
          : error,
      ),
    );
    server.listen({ host: options.host, port: options.port }, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  options.onEvent({ type: 'listening', url });
  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * Bounds the open connections by evicting, not refusing: refusing new ones lets slow senders that keep reconnecting
 * hold every slot and shut real deliveries out (behind a tunnel all come from one address, so per-address limits do
 * not help). At capacity, a new connection closes the oldest one that is not being answered, so a slow sender keeps
 * its slot only until `max` newer connections arrive, while a real delivery, done in milliseconds, is almost never
 * the oldest. Only when every open connection is being answered is the new one closed instead.
 * `onFull` is called once each time the listener fills up, not once per eviction: again only after it has drained
 * to half.
 */
function makeRoomForNewConnections(server: http.Server, max: number, answering: WeakSet<Socket>, onFull: () => void): void {
  // A Set iterates in insertion order: oldest first.
  const open = new Set<Socket>();
  let full = false;
  server.on('connection', (socket: Socket) => {
    if (open.size >= max) {
      if (!full) onFull();
      full = true;
      const oldest = firstWhere(open, (candidate) => !answering.has(candidate));
      if (oldest === undefined) {
        socket.destroy();
        return;
      }
      open.delete(oldest);
      oldest.destroy();
    }
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      if (open.size <= max / 2) full = false;
    });
  });
}

function firstWhere<T>(items: Iterable<T>, test: (item: T) => boolean): T | undefined {
  for (const item of items) if (test(item)) return item;
  return undefined;
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ListenerOptions, at: () => string): Promise<void> {
  const method = req.method ?? 'GET';
  const path = req.url ?? '/';
  const reject = (status: number, reason: string, headers: Record<string, string> = {}) => {
    options.onEvent({ type: 'rejected', at: at(), method, path, status, reason });
    answer(res, status, reason, headers);
  };
  // A web page can make a browser post to a listener on this machine; Solaris and tunnels never send these headers.
  const browserHeader = ['origin', 'sec-fetch-site'].find((name) => req.headers[name] !== undefined);
  if (browserHeader !== undefined) {
    req.resume();
    reject(403, `refused: a browser sent it (${browserHeader} header); Solaris does not send one`, { Connection: 'close' });
    return;
  }
  if (method !== 'POST') {
    req.resume();
    reject(405, `${method} is not accepted: Solaris sends notifications with POST`, { Allow: 'POST' });
    return;
  }
  let body: Buffer | undefined;
  try {
    body = await readBody(req, options.maxBodyBytes);
  } catch {
    // The sender went away (or broke the framing) before the whole body arrived: its fault, not the listener's.
    reject(400, 'the connection ended before the whole body arrived', { Connection: 'close' });
    return;
  }
  if (body === undefined) {
    reject(413, `the body is larger than ${options.maxBodyBytes} bytes (--max-body)`, { Connection: 'close' });
    return;
  }
  const receivedAt = options.now();
  const request: RecordedRequest = { method, target: path, headers: pairs(req.rawHeaders), body };
  const byName = headersByName(request.headers);
  const header = (name: string) => byName.get(name);
  // Solaris sends the check before the subscription (and its secret) exists, so it cannot be signed; it has no body,
  // and answering it forwards nothing. One with a body is no check: it is checked like any notification.
  if (header('solaris-webhook-event-type') === SUBSCRIPTION_CHECK_EVENT && body.length === 0) {
    answer(res, 200);
    options.onEvent({ type: 'subscription_check', at: at(), path, status: 200 });
    return;
  }

  const subscriptionId = header('solaris-webhook-subscription-id');
  const verdict = await signatureVerdict({
    body,
    header: header('solaris-webhook-signature'),
    subscriptionId,
    secretFor: options.secretFor,
    noVerify: options.noVerify,
  });
  const accepted = verdict.signature === 'valid' || options.noVerify === true;
  // Only what it accepted: a refused body saved could be replayed re-signed ("webhooks replay --webhook-id"), and
  // anonymous senders could fill the disk.
  const saved = options.save === undefined || !accepted ? undefined : await saveOrWarn(options, request, receivedAt, at);

  let status: number;
  let forwarded: NotificationEvent['forwarded'];
  if (!accepted) status = 422;
  else if (options.respond !== undefined) status = options.respond;
  else if (options.forward !== undefined) ({ status, forwarded } = await forward(options.forward, request));
  else status = 200;
  // The sender learns only that it was refused; the reason is for whoever runs the listener.
  answer(res, status, accepted ? undefined : 'the signature could not be verified');

  const attempt = Number(header('solaris-webhook-attempt'));
  options.onEvent({
    type: 'notification',
    at: new Date(receivedAt).toISOString(),
    method,
    path,
    event_type: header('solaris-webhook-event-type') ?? null,
    notification_id: header('solaris-webhook-id') ?? null,
    attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : null,
    subscription_id: subscriptionId ?? null,
    entity_id: header('solaris-entity-id') ?? null,
    signature: verdict.signature,
    reason: verdict.reason,
    status,
    headers: interestingHeaders(byName),
    body: body.toString('utf8'),
    ...(saved === undefined ? {} : { saved }),
    ...(forwarded === undefined ? {} : { forwarded }),
  });
}

/** The receiver's status, or 502 when it could not be reached. */
async function forward(target: NonNullable<ListenerOptions['forward']>, request: RecordedRequest): Promise<{ status: number; forwarded: NotificationEvent['forwarded'] }> {
  try {
    const status = await target.send(request);
    return { status, forwarded: { url: target.url, status } };
  } catch (error) {
    return { status: 502, forwarded: { url: target.url, error: error instanceof Error ? error.message : String(error) } };
  }
}

/** A full disk must not cost the user the answer to Solaris: warn, and go on. */
async function saveOrWarn(options: ListenerOptions, request: RecordedRequest, receivedAt: number, at: () => string): Promise<string | undefined> {
  try {
    return await options.save!(request, receivedAt);
  } catch (error) {
    options.onEvent({ type: 'warning', at: at(), message: `could not save the notification: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
}

/**
 * Each header's value by its name in lower case, repeated ones joined with ", " (as `headerValue` reads them): built
 * once per notification, since a lookup per header over all of them was a tenth of the listener's time under load.
 */
function headersByName(headers: readonly [string, string][]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const earlier = byName.get(key);
    byName.set(key, earlier === undefined ? value : `${earlier}, ${value}`);
  }
  return byName;
}

function interestingHeaders(byName: ReadonlyMap<string, string>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const name of headersOfInterest) {
    const value = byName.get(name);
    if (value !== undefined) shown[name] = value;
  }
  return shown;
}

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

function answer(res: ServerResponse, status: number, text?: string, headers: Record<string, string> = {}): void {
  const body = text === undefined ? '' : `${text}\n`;
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}
