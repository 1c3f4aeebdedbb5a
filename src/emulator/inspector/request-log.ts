import type { IncomingHttpHeaders } from 'node:http';
import { FORM_CONTENT_TYPE, mediaType } from '../../core/headers.js';
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

/** The requests the inspector lists: each kept masked, with the redactor of the secrets known when it ended. */
export function createRequestLog(currentRedactor: () => Redactor) {
  const kept = createRingBuffer<RequestDetails>(KEPT_REQUESTS);
  let nextId = 1;

  const headers = (redactor: Redactor, raw: IncomingHttpHeaders | Record<string, string>) =>
    redactor.headers(Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)])));
  const body = (redactor: Redactor, contentType: string | undefined, bytes: Buffer | undefined): string | null => {
    if (bytes === undefined || bytes.length === 0) return null;
    const cut = bytes.length > SHOWN_BODY_BYTES;
    const masked = redactor.body(contentType, bytes.subarray(0, SHOWN_BODY_BYTES).toString('utf8'));
    const text = mediaType(contentType) === FORM_CONTENT_TYPE ? formLines(masked) : masked;
    return escapeControlChars(text) + (cut ? `\n… (${bytes.length} bytes; the first ${SHOWN_BODY_BYTES} shown)` : '');
  };

  return {
    add(exchange: Exchange): void {
      const redactor = currentRedactor();
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
        request: { headers: headers(redactor, exchange.requestHeaders), body: body(redactor, requestType, exchange.requestBody) },
        response: exchange.response === undefined ? null : { headers: headers(redactor, exchange.response.headers), body: body(redactor, contentTypeOf(responseHeaders), exchange.response.body) },
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

/** A form body as one `name=value` line per field, decoded: `a=1&b=x%20y` reads `a=1`, `b=x y`. */
function formLines(form: string): string {
  const plus = (part: string) => readable(part.replaceAll('+', ' '));
  return form
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 ? plus(pair) : `${plus(pair.slice(0, eq))}=${plus(pair.slice(eq + 1))}`;
    })
    .join('\n');
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
