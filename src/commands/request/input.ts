/** `request`'s command line turned into values: method, path and query, headers, and the body in its encoding. */
import { FORM_CONTENT_TYPE, headerValue, isJsonMediaType, mediaType, withHeaders } from '../../core/headers.js';
import { describeJsonError } from '../../core/json-text.js';
import { escapeControlChars } from '../../core/terminal-text.js';
import { fieldsToJson, fieldsToPairs, parseField } from '../../core/request-fields.js';
import { type ProviderId, type UrlKind, urlKinds } from '../../environments.js';
import { UsageError } from '../../errors.js';
import type { RunContext } from '../../run-context.js';
import { readInput } from '../shared/input.js';
import type { OptionSpec, OptionValues } from '../spec.js';

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** `--api` values: the base URL a path is below (`auth` is Solaris', `process` and `giroident` finAPI's). */
export const apiServices = ['api', 'auth', 'process', 'giroident'] as const;

/** Methods whose typed fields go to the query string, as with `gh api -X GET`. */
const QUERY_FIELD_METHODS = new Set(['GET', 'HEAD']);

export function parseMethod(value: string | undefined): string {
  const method = value?.toUpperCase() ?? '';
  if ((httpMethods as readonly string[]).includes(method)) return method;
  throw new UsageError(`Unknown HTTP method "${value ?? ''}".`, { hint: `Use one of: ${httpMethods.join(', ')}.` });
}

/** The path as the provider documents it, e.g. `/v1/webhooks?page[size]=5`; the base URL comes from the environment. */
export function parseTarget(value: string | undefined, provider: ProviderId): { pathname: string; query: URLSearchParams } {
  const text = value ?? '';
  if (!text.startsWith('/')) {
    const example = { solaris: '/v1/webhooks', finapi: '/api/v2/users', soldo: '/business/v2/wallets' }[provider];
    throw new UsageError(`The path must start with "/": ${JSON.stringify(text)}.`, {
      hint: `Give the path below the base URL, e.g. ${example}; the environment (--sandbox, --production, --emulator) chooses the host.`,
    });
  }
  const at = text.indexOf('?');
  return at === -1 ? { pathname: text, query: new URLSearchParams() } : { pathname: text.slice(0, at), query: new URLSearchParams(text.slice(at + 1)) };
}

export function parseService(value: string | undefined, provider: ProviderId): UrlKind {
  const kind = `${value ?? 'api'}_url` as UrlKind;
  const kinds: readonly UrlKind[] = urlKinds[provider];
  if (kinds.includes(kind)) return kind;
  throw new UsageError(`--api ${value ?? ''} is not a ${provider} service.`, {
    hint: `${provider} has: ${kinds.map((k) => k.replace(/_url$/, '')).join(', ')}.`,
  });
}

/**
 * Headers the HTTP client sets from the request itself: the body's framing, the connection's handling, and the host
 * of the URL. A value given with -H would contradict what is sent (a Content-Length that is not the body's) or send
 * the request, token included, to another virtual host than the one shown.
 */
const CLIENT_HEADERS = new Set(['content-length', 'transfer-encoding', 'host', 'connection', 'keep-alive', 'upgrade', 'expect', 'te']);

/**
 * `-H 'Name: value'`; `Name:` sends the header empty. Names are case-insensitive: a later `-H` of the same name
 * replaces an earlier one, and any header the CLI computes (Authorization too). A value may not hold CR, LF, NUL or
 * another control character: that would smuggle a second header in, or be refused on the wire; nor a character
 * beyond Latin-1 (€, emoji): a header carries bytes, and the HTTP client refuses those.
 */
export function parseHeaders(values: readonly string[]): Record<string, string> {
  let headers: Record<string, string> = {};
  for (const text of values) {
    const colon = text.indexOf(':');
    const name = colon === -1 ? '' : text.slice(0, colon).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new UsageError(`-H ${JSON.stringify(text)}: expected "Name: value".`, { code: 'invalid_header', hint: "For example -H 'Accept-Language: de'" });
    }
    if (CLIENT_HEADERS.has(name.toLowerCase())) {
      throw new UsageError(`-H ${name}: the HTTP client sets this header from the request itself.`, {
        code: 'invalid_header',
        hint: 'Leave it out: the body gives the length, the URL the host (choose it with the environment or --api).',
      });
    }
    const value = text.slice(colon + 1).trim();
    // HTAB is the one control character a field value may hold (RFC 9110, 5.5).
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) {
      throw new UsageError(`-H ${name}: the value holds a line break or another control character.`, {
        code: 'invalid_header',
        hint: 'Give each header with its own -H, on one line.',
      });
    }
    const beyondLatin1 = [...value].find((char) => char.codePointAt(0)! > 0xff);
    if (beyondLatin1 !== undefined) {
      throw new UsageError(`-H ${name}: the value holds "${escapeControlChars(beyondLatin1)}", which a header cannot carry.`, {
        code: 'invalid_header',
        hint: 'Header values are ASCII: percent-encode the text (as the API documents it), or send it in the body.',
      });
    }
    headers = withHeaders(headers, { [name]: value });
  }
  return headers;
}

/** `request` reads answers up to this size unless `--max-body` says otherwise (other commands: 1 MB). */
export const REQUEST_MAX_BODY_BYTES = 64 * 1024 * 1024;

const BYTE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `500000`, `200k`, `64m`, `1g` (binary units, as curl's --max-filesize); undefined when not given. */
export function parseByteSize(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\s*([kmg]?)b?$/i.exec(value.trim());
  const bytes = match === null ? NaN : Number(match[1]) * BYTE_UNITS[match[2]!.toLowerCase()]!;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new UsageError(`${flag} ${value}: expected a size in bytes.`, { hint: `For example ${flag} 200k, ${flag} 64m or ${flag} 1g.` });
  }
  return bytes;
}

/** `-q name=value` pairs, in order. */
export function parseQuery(values: readonly string[]): [string, string][] {
  return values.map((text) => {
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`--query ${text}: expected name=value.`, { hint: 'For example --query "page[size]=100"' });
    return [text.slice(0, eq), text.slice(eq + 1)];
  });
}

export interface RequestBody {
  /** Text from the command line or fields; the bytes of a file or of stdin, as read. */
  body?: string | Buffer;
  /** The type the CLI gives the body; a Content-Type the user gave with -H replaces it. */
  contentType?: string;
  /** Typed fields of a GET or HEAD, which go to the query string. */
  queryFields: [string, string][];
}

/** How `request` is given a body: whole, or field by field. */
export const bodyOptions = [
  { flags: '-d, --data <json|@file|->', description: 'the body: JSON text, a file with @, standard input with -; sent byte for byte' },
  { flags: '-f, --raw-field <key=value>', description: 'a string field of the body (query for GET); key[sub]=v nests, key[]=v lists; repeatable', repeatable: true },
  { flags: '-F, --field <key=value>', description: 'like -f, but numbers, true, false and null are typed; repeatable', repeatable: true },
] as const satisfies readonly OptionSpec[];

/** Whether the command line gives a body (or, for a GET, query fields). */
export function givesBody(opts: OptionValues<typeof bodyOptions>): boolean {
  return opts.data !== undefined || opts.rawField.length > 0 || opts.field.length > 0;
}

/**
 * The body from `-d` (JSON text, `@file` or `-` for stdin, sent byte for byte) or from `-f`/`-F` fields. It is JSON
 * unless the endpoint takes a form (`form`: a token endpoint, or `formOf`, an operation whose published description
 * declares one) or a `Content-Type` header says otherwise; JSON is checked before sending, and refused for `formOf`.
 */
export async function readBody(
  opts: OptionValues<typeof bodyOptions>,
  cx: RunContext,
  request: { method: string; form: boolean; formOf?: string; headers: Record<string, string> },
): Promise<RequestBody> {
  const { data } = opts;
  const fields = [...opts.rawField.map((f) => parseField(f, false, '-f')), ...opts.field.map((f) => parseField(f, true, '-F'))];
  if (data !== undefined && fields.length > 0) {
    throw new UsageError('-d and -f/-F both give the body.', { hint: 'Use one: -d for a whole body, -f/-F to build it field by field.' });
  }
  const given = headerValue(request.headers, 'content-type');
  const chosen = request.form ? FORM_CONTENT_TYPE : 'application/json';
  const contentType = given ?? chosen;

  if (fields.length > 0) {
    if (QUERY_FIELD_METHODS.has(request.method)) return { queryFields: fieldsToPairs(fields) };
    const text = isJson(contentType) ? fieldsToJson(fields) : new URLSearchParams(fieldsToPairs(fields)).toString();
    return { body: text, contentType: chosen, queryFields: [] };
  }
  if (data === undefined) return { queryFields: [] };
  const body = await readInput(cx, data, { code: 'data_file_unreadable', what: 'the body file' });
  const origin = data === '-' ? '-d - (standard input)' : data.startsWith('@') ? `-d ${data}` : '-d';
  if (request.formOf !== undefined && given === undefined && body.toString().trimStart().startsWith('{')) {
    throw new UsageError(`${origin}: ${request.formOf} takes a form body (${FORM_CONTENT_TYPE}), not JSON.`, {
      code: 'form_body_expected',
      hint: "Give the fields with -f/-F (they become the form), or -d 'name=value&…'; -H 'Content-Type: application/json' sends JSON anyway.",
    });
  }
  const problem = isJson(contentType) ? describeJsonError(body.toString()) : undefined;
  if (problem !== undefined) {
    throw new UsageError(`${origin}: the body is not valid JSON: ${problem}.`, {
      code: 'invalid_json_body',
      hint: `Fix the JSON, or send another type with -H 'Content-Type: …'.`,
    });
  }
  return { body, contentType: chosen, queryFields: [] };
}

function isJson(contentType: string): boolean {
  return isJsonMediaType(mediaType(contentType));
}
