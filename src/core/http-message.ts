/**
 * A received HTTP request kept as a file, the way it came over the wire: request line, headers (names as sent,
 * in order), a blank line, then the exact body bytes. `cat` shows it, editors and REST clients read it, and the
 * body is never re-encoded, so a replay carries the very bytes the signature was made over.
 */
export interface RecordedRequest {
  method: string;
  /** The request target: path and query. */
  target: string;
  /** Name-value pairs as received. */
  headers: [string, string][];
  body: Buffer;
}

export function formatRecordedRequest(request: RecordedRequest): Buffer {
  const head = [`${request.method} ${request.target} HTTP/1.1`, ...request.headers.map(([name, value]) => `${name}: ${value}`)].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), request.body]);
}

/** The request in `bytes`, or an Error saying what is wrong. LF-only line ends are accepted in the head. */
export function parseRecordedRequest(bytes: Buffer): RecordedRequest {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  const [end, gap] = crlf !== -1 && (lf === -1 || crlf < lf) ? [crlf, 4] : [lf, 2];
  if (end === -1) throw new Error('no blank line ends the headers');
  const [requestLine = '', ...headerLines] = bytes.subarray(0, end).toString('latin1').split(/\r?\n/);
  const parts = /^([A-Z]+) (\S+)(?: HTTP\/\d(?:\.\d)?)?$/.exec(requestLine);
  if (parts === null) throw new Error(`the first line is not a request line like "POST /webhooks HTTP/1.1": ${JSON.stringify(requestLine.slice(0, 80))}`);
  const headers = headerLines.map((line, i): [string, string] => {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`line ${i + 2} is not a header ("Name: value"): ${JSON.stringify(line.slice(0, 80))}`);
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
  return { method: parts[1]!, target: parts[2]!, headers, body: bytes.subarray(end + gap) };
}

/** Headers that describe one connection or hop; a forward or replay sets its own (RFC 9110 §7.6.1). */
const hopByHop = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length', 'expect', 'proxy-connection', 'proxy-authorization']);

/** The headers to send on, repeated names joined with ", "; names as they came. */
export function forwardableHeaders(headers: readonly [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (hopByHop.has(lower)) continue;
    const first = names.get(lower);
    if (first === undefined) {
      names.set(lower, name);
      out[name] = value;
    } else {
      out[first] = `${out[first]}, ${value}`;
    }
  }
  return out;
}

/** The value of a header (any case), repeated ones joined with ", "; undefined when absent. */
export function headerValue(headers: readonly [string, string][], name: string): string | undefined {
  const values = headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(', ');
}
