import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { headerValue, type RecordedRequest } from '../../core/http-message.js';
import { verifyWebhookSignature } from '../../core/webhook-signature.js';
import { UsageError } from '../../errors.js';
import { SUBSCRIPTION_CHECK_EVENT } from './events.js';
import { readBody } from '../../http/read-body.js';

/**
 * A local receiver for Solaris webhook notifications (`webhooks listen`), as an engine that emits typed events;
 * the command renders them. It answers the subscription check with 200, checks each signature and answers 422
 * when it is wrong (as the receiver of Solaris' integration guide does), or forwards the notification and
 * relays the answer. Anything malformed is answered and reported, never fatal.
 */

/** `unchecked`: no secret known for it; `missing`: a secret is known but the header is absent. */
export type SignatureCheck = 'valid' | 'invalid' | 'missing' | 'unchecked';

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
  /** The secret a notification is checked with (a fixed one, or the one stored for its subscription); undefined: not checked. */
  secretFor(subscriptionId: string | undefined): Promise<string | undefined>;
  /** Answer every notification with this status, whatever its signature. */
  respond?: number;
  /** Sends a notification on (`--forward-to`) and gives the receiver's status; `url` is for the events. */
  forward?: { url: string; send(request: RecordedRequest): Promise<number> };
  /** Keeps a notification and gives the file's path (`--save`). */
  save?(request: RecordedRequest, receivedAt: number): Promise<string>;
  now(): number;
  onEvent(event: ListenerEvent): void;
}

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
  // Sockets with a request being handled: a parse error there (the sender ending mid-body) is that request's to report.
  const busy = new WeakSet<Socket>();
  const server = http.createServer((req, res) => {
    busy.add(req.socket);
    res.on('close', () => busy.delete(req.socket));
    handle(req, res, options, at).catch((error: unknown) => {
      options.onEvent({ type: 'warning', at: at(), message: `failed to handle ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}` });
      if (!res.headersSent) answer(res, 500, 'the listener failed to handle this request');
      else res.destroy();
    });
  });
  // Garbage on the socket, oversized headers, a bad request line: answer 400 (or 431) and carry on.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (busy.has(socket)) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    options.onEvent({ type: 'rejected', at: at(), method: null, path: null, status, reason: `malformed request (${error.code ?? error.message})` });
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
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

async function handle(req: IncomingMessage, res: ServerResponse, options: ListenerOptions, at: () => string): Promise<void> {
  const method = req.method ?? 'GET';
  const path = req.url ?? '/';
  const reject = (status: number, reason: string, headers: Record<string, string> = {}) => {
    options.onEvent({ type: 'rejected', at: at(), method, path, status, reason });
    answer(res, status, reason, headers);
  };
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
  const header = (name: string) => headerValue(request.headers, name);
  if (header('solaris-webhook-event-type') === SUBSCRIPTION_CHECK_EVENT) {
    answer(res, 200);
    options.onEvent({ type: 'subscription_check', at: at(), path, status: 200 });
    return;
  }

  const subscriptionId = header('solaris-webhook-subscription-id');
  const secret = await options.secretFor(subscriptionId);
  const signatureHeader = header('solaris-webhook-signature');
  const signature: SignatureCheck =
    secret === undefined ? 'unchecked' : signatureHeader === undefined ? 'missing' : verifyWebhookSignature(secret, body, signatureHeader) ? 'valid' : 'invalid';
  const saved = options.save === undefined ? undefined : await saveOrWarn(options, request, receivedAt, at);

  let status: number;
  let forwarded: NotificationEvent['forwarded'];
  if (options.respond !== undefined) status = options.respond;
  else if (signature === 'invalid' || signature === 'missing') status = 422;
  else if (options.forward !== undefined) ({ status, forwarded } = await forward(options.forward, request));
  else status = 200;
  answer(res, status, status === 422 && options.respond === undefined ? `signature ${signature}` : undefined);

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
    signature,
    status,
    headers: interestingHeaders(request.headers),
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

function interestingHeaders(headers: [string, string][]): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const name of headersOfInterest) {
    const value = headerValue(headers, name);
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
