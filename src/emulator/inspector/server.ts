import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostHeaderName, isLoopbackHostname } from '../../core/loopback.js';
import { isJsonMediaType, mediaType } from '../../core/headers.js';
import { createRedactor } from '../../core/redact.js';
import { readBody } from '../../http/read-body.js';
import { addFault } from '../admin.js';
import type { FaultStore } from '../faults.js';
import type { EmuResponse, Exchange, InspectorSection, TokenStore } from '../types.js';
import { INSPECTOR_PREFIX, INSPECTOR_SCRIPT_PATH, INSPECTOR_STYLESHEET, isSameOrigin } from './paths.js';
import { createRequestLog } from './request-log.js';

/**
 * The inspector: a page at `/` that shows what the emulator saw and lets its user drive it (docs/emulator.md,
 * "Inspector"). Safe by construction: every response forbids inline script and every other site's resources (CSP);
 * only loopback Host names are answered, whatever address the emulator listens on; actions are POSTs of JSON from the
 * page's own origin. The page's files are imported on first request, so starting the emulator does not load them.
 */
export interface InspectorOptions {
  /** Each provider's part of the page, by provider id (`solaris`, `finapi`, `soldo`). */
  sections: Readonly<Record<string, InspectorSection>>;
  faults: FaultStore;
  tokens: TokenStore;
  /** Values masked wherever they appear in what the page shows (the demo secrets). */
  secrets: readonly string[];
}

export interface Inspector {
  /** Takes the requests for `/` and `/_inspector/…`; false for any other. */
  intercept(req: IncomingMessage, res: ServerResponse): boolean;
  /** A request ended: listed, masked. */
  record(exchange: Exchange): void;
  /** A credential issued since the start, masked from now on. */
  secret(value: string): void;
  /** Something changed: open pages are told (at most every 50 ms) and fetch the state again. */
  changed(): void;
  close(): void;
}

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};
const ACTION_BODY_LIMIT = 64 * 1024;
const FAVICON = '/favicon.ico';
const NOTIFY_EVERY_MS = 50;

export function createInspector(options: InspectorOptions): Inspector {
  const secrets = [...options.secrets];
  let redactor = createRedactor(secrets);
  const requests = createRequestLog(() => redactor);
  const streams = new Set<ServerResponse>();
  let version = 0;
  let pending: NodeJS.Timeout | undefined;
  const kit: InspectorSection = {
    state: () => ({ faults: options.faults.list() }),
    actions: {
      fault: (body) => addFault(options.faults, body),
      'clear-faults': () => json(200, { cleared: options.faults.clear() }),
      'remove-fault': ({ id }) =>
        typeof id === 'number' && options.faults.remove(id) ? json(200, { removed: id }) : text(404, 'No active fault with that id.'),
      'expire-tokens': () => json(200, { expired: options.tokens.expireAll() }),
    },
  };
  const sections: Record<string, InspectorSection> = { emulator: kit, ...options.sections };

  const changed = () => {
    version++;
    pending ??= setTimeout(() => {
      pending = undefined;
      for (const stream of streams) stream.write(`data: ${version}\n\n`);
    }, NOTIFY_EVERY_MS);
  };

  const state = () => ({
    version,
    requests: requests.summaries(),
    sections: Object.fromEntries(Object.entries(sections).map(([id, section]) => [id, section.state()])),
  });

  async function serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const host = req.headers.host;
    if (host === undefined || !isLoopbackHostname(hostHeaderName(host) ?? '')) {
      return reply(res, text(403, 'Refused: the inspector answers only loopback names (localhost, 127.0.0.1, [::1]) in the Host header.'));
    }
    if (path.startsWith(`${INSPECTOR_PREFIX}/actions/`)) {
      if (method !== 'POST') return reply(res, { ...text(405, 'Actions take POST.'), headers: { Allow: 'POST' } });
      return reply(res, await act(req, path.slice(`${INSPECTOR_PREFIX}/actions/`.length)));
    }
    if (method !== 'GET' && method !== 'HEAD') return reply(res, { ...text(405, 'This path takes GET.'), headers: { Allow: 'GET, HEAD' } });
    if (path === `${INSPECTOR_PREFIX}/events` && method === 'GET') return openStream(req, res);
    if (path === `${INSPECTOR_PREFIX}/state`) return reply(res, json(200, state()));
    const detail = /^\/_inspector\/requests\/(\d+)$/.exec(path);
    if (detail !== null) {
      const found = requests.find(Number(detail[1]));
      return reply(res, found === undefined ? text(404, 'No such request (the inspector keeps the last 300).') : json(200, found));
    }
    const { pageAsset } = await import('./page.js');
    const asset = pageAsset(path, { script: INSPECTOR_SCRIPT_PATH, style: INSPECTOR_STYLESHEET });
    return reply(res, asset === undefined ? text(404, `No inspector file ${path}.`) : { status: 200, headers: { 'Content-Type': asset.type }, body: asset.body });
  }

  async function act(req: IncomingMessage, name: string): Promise<EmuResponse> {
    // A page of another site cannot send these: a cross-site POST carries its own Origin, and JSON needs a preflight.
    if (!isSameOrigin(req.headers, true)) return text(403, 'Refused: actions are taken only from the inspector page itself (same origin).');
    if (!isJsonMediaType(mediaType(req.headers['content-type']))) return text(415, 'Actions take a JSON body (Content-Type: application/json).');
    const [sectionId = '', actionName = ''] = name.split('/');
    const action = sections[sectionId]?.actions?.[actionName];
    if (action === undefined) return text(404, `No action ${name}.`);
    const raw = await readBody(req, ACTION_BODY_LIMIT);
    if (raw === undefined) return text(413, 'The action body is too large.');
    let body: unknown;
    try {
      body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    } catch {
      return text(400, 'The body must be JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return text(400, 'The body must be a JSON object.');
    const answer = await action(body as Record<string, unknown>);
    changed();
    return answer;
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write(`retry: 1000\ndata: ${version}\n\n`);
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  return {
    intercept(req, res) {
      const path = new URL(req.url ?? '/', 'http://inspector').pathname;
      if (path === FAVICON) {
        // What a browser asks for with the page: answered empty, so it does not fill the request list.
        res.writeHead(204, SECURITY_HEADERS).end();
        return true;
      }
      if (path !== '/' && path !== INSPECTOR_PREFIX && !path.startsWith(`${INSPECTOR_PREFIX}/`)) return false;
      serve(req, res, path).catch((error: unknown) => {
        if (!res.headersSent) reply(res, text(500, `The inspector failed: ${error instanceof Error ? error.message : String(error)}`));
        else res.destroy();
      });
      return true;
    },
    record(exchange) {
      requests.add(exchange);
      changed();
    },
    changed,
    secret(value) {
      secrets.push(value);
      redactor = createRedactor(secrets);
    },
    close() {
      clearTimeout(pending);
      for (const stream of streams) stream.end();
      streams.clear();
    },
  };
}

/** JSON unless the body is text; every answer with the security headers. */
function reply(res: ServerResponse, response: EmuResponse): void {
  const raw = typeof response.body === 'string' || Buffer.isBuffer(response.body);
  const body = raw ? response.body : JSON.stringify(response.body);
  res.writeHead(response.status, { ...SECURITY_HEADERS, ...(raw ? {} : { 'Content-Type': 'application/json' }), ...response.headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function json(status: number, body: unknown): EmuResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body };
}

function text(status: number, message: string): EmuResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `${message}\n` };
}
