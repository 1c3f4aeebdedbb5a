import type { IncomingHttpHeaders } from 'node:http';
import type { Redactor } from '../../core/redact.js';
import { escapeControlChars } from '../../core/terminal-text.js';
import { createRingBuffer } from '../ring-buffer.js';
import type { Exchange } from '../types.js';

/** Bodies longer than this are cut for the inspector (the exchange itself is whole). */
const SHOWN_BODY_BYTES = 64 * 1024;
const KEPT_REQUESTS = 300;

export interface RequestSummary {
  id: number;
  at: string;
  /** The first segment of the path when it names a provider (`solaris`, `finapi`, `soldo`), else `emulator`. */
  provider: string;
  method: string;
  /** Path and query, percent-escapes decoded and control characters made visible: for reading, not for requesting. */
  path: string;
  status: number | null;
  ms: number;
  fault?: string;
  /** Refused for departing from the published description. */
  contract: boolean;
  failed: boolean;
}

export interface RequestDetails extends RequestSummary {
  request: { headers: Record<string, string>; body: string | null };
  response: { headers: Record<string, string>; body: string | null } | null;
  contract_violation: Exchange['contract'] | null;
}

const PROVIDERS = new Set(['solaris', 'finapi', 'soldo']);

/** The requests the inspector lists: each kept masked, with the redactor of the emulator's secrets. */
export function createRequestLog(redactor: Redactor) {
  const kept = createRingBuffer<RequestDetails>(KEPT_REQUESTS);
  let nextId = 1;

  const headers = (raw: IncomingHttpHeaders | Record<string, string>) =>
    redactor.headers(Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)])));
  const body = (contentType: string | undefined, bytes: Buffer | undefined): string | null => {
    if (bytes === undefined || bytes.length === 0) return null;
    const cut = bytes.length > SHOWN_BODY_BYTES;
    const text = redactor.body(contentType, bytes.subarray(0, SHOWN_BODY_BYTES).toString('utf8'));
    return escapeControlChars(text) + (cut ? `\n… (${bytes.length} bytes; the first ${SHOWN_BODY_BYTES} shown)` : '');
  };

  return {
    add(exchange: Exchange): void {
      const provider = exchange.path.split('/')[1] ?? '';
      const responseHeaders = exchange.response?.headers;
      const contentTypeOf = (h: Record<string, string> | undefined) => Object.entries(h ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
      const requestType = exchange.requestHeaders['content-type'];
      kept.push({
        id: nextId++,
        at: new Date(exchange.at).toISOString(),
        provider: PROVIDERS.has(provider) ? provider : 'emulator',
        method: exchange.method,
        path: escapeControlChars(redactor.text(readable(exchange.path + exchange.query))),
        status: exchange.status,
        ms: exchange.ms,
        ...(exchange.fault === undefined ? {} : { fault: exchange.fault }),
        contract: exchange.contract !== undefined,
        failed: exchange.status === null || exchange.status >= 400 || exchange.fault !== undefined,
        request: { headers: headers(exchange.requestHeaders), body: body(requestType, exchange.requestBody) },
        response: exchange.response === undefined ? null : { headers: headers(exchange.response.headers), body: body(contentTypeOf(responseHeaders), exchange.response.body) },
        contract_violation: exchange.contract ?? null,
      });
    },
    /** Newest first, without headers and bodies. */
    summaries(): RequestSummary[] {
      return kept
        .items()
        .reverse()
        .map(({ request: _request, response: _response, contract_violation: _violation, ...summary }) => summary);
    },
    find: (id: number): RequestDetails | undefined => kept.items().find((details) => details.id === id),
  };
}

/** `%3Cimg%20src%3Dx%3E` as `<img src=x>`: what the client meant to send; escapes that decode to nothing valid stay. */
function readable(path: string): string {
  return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });
}
