import { sha512Hex } from '../sha2.js';
import { UsageError } from '../../errors.js';
import { describeJsonError } from '../json-text.js';

/**
 * Soldo's advanced-authentication fingerprint: the request's values in the operation's fingerprint order,
 * concatenated, then SHA-512 in lowercase hex. Pure: the clock comes in through `options.now`.
 */

/** Anything carrying a fingerprint order: a `SoldoOrder`, or `{ order }` built from a webhook's header. */
export interface FingerprintOrder {
  /** Field names, dotted paths into the body (`mileage.distance`), `join(x)` and `concat(a.x, a.y)`. */
  readonly order: readonly string[];
}

export interface FingerprintOptions {
  /** Between the items of a list. Soldo does not document it; one public client uses none, so the default is ''. */
  readonly listSeparator?: string;
  /** How a JSON number enters the string, given its text as sent. Default: unchanged, so `10.50` stays `10.50`. */
  readonly formatNumber?: (asWritten: string) => string;
  /** Default `true` / `false`, as Soldo documents. */
  readonly formatBoolean?: (value: boolean) => string;
  /** Epoch milliseconds for a `request_timestamp` the request lacks; without a clock none is generated. */
  readonly now?: () => number;
}

export interface FingerprintInput {
  readonly order: FingerprintOrder;
  readonly pathParams?: Readonly<Record<string, string>>;
  /** The query string (with or without `?`), a record or URLSearchParams. */
  readonly query?: ConstructorParameters<typeof URLSearchParams>[0];
  /** The body text exactly as sent. */
  readonly body?: string;
  /** Chooses JSON or form fields; without it the body is JSON when it starts with `{`, else form fields. */
  readonly contentType?: string;
  /** The static fingerprint token Soldo issued with the credentials (not the OAuth access token). */
  readonly token?: string;
  readonly options?: FingerprintOptions;
}

export type FieldSource = 'path' | 'query' | 'body' | 'token' | 'generated';

export interface FingerprintRow {
  /** Position in the order, from 1. */
  readonly index: number;
  readonly field: string;
  /** What the field contributes; undefined when skipped. */
  readonly value: string | undefined;
  /** Where the value came from; undefined when the request does not have the field. */
  readonly source: FieldSource | undefined;
  readonly skipped: boolean;
  readonly reason?: 'absent' | 'empty';
}

export interface FingerprintResult {
  readonly rows: readonly FingerprintRow[];
  readonly concatenated: string;
  readonly fingerprint: string;
  /** Values the caller must put into the body it sends, because the fingerprint includes them. */
  readonly generated: { readonly request_timestamp?: string };
}

/** A value of the request found by name, in the order the request itself lists them. */
export interface RequestField {
  readonly name: string;
  readonly value: string | undefined;
  readonly source: 'path' | 'query' | 'body';
}

const TOKEN_FIELD = 'token';
const TIMESTAMP_FIELD = 'request_timestamp';

export function collectFingerprintFields(input: FingerprintInput): FingerprintRow[] {
  const sources = requestSources(input);
  const format = formatterFor(input.options);
  return input.order.order.map((field, i) => {
    const index = i + 1;
    if (field === TOKEN_FIELD) return row(index, field, input.token, 'token');
    const found = evaluate(parseExpression(field), sources, format);
    const value = found === undefined ? undefined : format(found.value);
    const now = input.options?.now;
    if (field === TIMESTAMP_FIELD && !value && now) return row(index, field, String(now()), 'generated');
    return row(index, field, value, found?.source);
  });
}

export function fingerprintString(rows: readonly FingerprintRow[]): string {
  return rows.map((r) => r.value ?? '').join('');
}

export function fingerprint(rows: readonly FingerprintRow[]): string {
  return sha512Hex(fingerprintString(rows));
}

export function computeFingerprint(input: FingerprintInput): FingerprintResult {
  const rows = collectFingerprintFields(input);
  const concatenated = fingerprintString(rows);
  const timestamp = rows.find((r) => r.source === 'generated')?.value;
  return {
    rows,
    concatenated,
    fingerprint: sha512Hex(concatenated),
    generated: timestamp === undefined ? {} : { request_timestamp: timestamp },
  };
}

/** Every top-level value of the request (path, then query, then body), each source in its own order. */
export function listRequestFields(input: FingerprintInput): RequestField[] {
  const format = formatterFor(input.options);
  return requestSources(input).flatMap(({ source, values }) =>
    [...values].map(([name, value]) => ({ name, value: format(value) || undefined, source })),
  );
}

/** The top-level request names an order reads (`expense_allocation` for `join(concat(expense_allocation.amount, …))`). */
export function namesInOrder(order: FingerprintOrder): Set<string> {
  const names = (expression: Expression): string[] => {
    if (expression.kind === 'join') return names(expression.inner);
    if (expression.kind === 'concat') return expression.parts.flatMap(names);
    return [expression.name, expression.name.split('.')[0] ?? ''];
  };
  return new Set(order.order.flatMap((field) => names(parseExpression(field))));
}

/** Soldo's fingerprint hash, in pure code: node:crypto and OpenSSL would cost more to start than the hash itself. */
export { sha512Hex } from '../sha2.js';

function row(index: number, field: string, value: string | undefined, source: FieldSource | undefined): FingerprintRow {
  if (value === undefined) return { index, field, value, source: undefined, skipped: true, reason: 'absent' };
  if (value === '') return { index, field, value: undefined, source, skipped: true, reason: 'empty' };
  return { index, field, value, source, skipped: false };
}

// ---- Request values -------------------------------------------------------------------------------------

/** JSON numbers keep their source text: `JSON.parse` would turn `10.50` into 10.5 (and Node 20's reviver has no `context.source`). */
class JsonNumber {
  constructor(readonly text: string) {}
}

/** Objects are Maps so that keys keep the body's order and `__proto__` is just a key. */
type Value = string | boolean | null | JsonNumber | Value[] | Map<string, Value>;

interface Source {
  readonly source: 'path' | 'query' | 'body';
  readonly values: ReadonlyMap<string, Value>;
}

/** Soldo looks a name up in the path parameters, then the query, then the body. */
function requestSources(input: FingerprintInput): Source[] {
  return [
    { source: 'path', values: new Map(Object.entries(input.pathParams ?? {})) },
    { source: 'query', values: paramsToMap(new URLSearchParams(input.query)) },
    { source: 'body', values: parseBody(input.body, input.contentType) },
  ];
}

function parseBody(text: string | undefined, contentType: string | undefined): ReadonlyMap<string, Value> {
  if (text === undefined || text.trim() === '') return new Map();
  const type = contentType?.toLowerCase() ?? '';
  const isJson = type === '' ? text.trimStart().startsWith('{') : type.includes('json');
  if (isJson) return parseJsonObject(text);
  if (type === '' || type.includes('application/x-www-form-urlencoded')) return paramsToMap(new URLSearchParams(text));
  throw new UsageError(`Cannot read fingerprint fields from a ${contentType} body.`, {
    code: 'unsupported_body_type',
    hint: 'Soldo bodies are JSON or application/x-www-form-urlencoded.',
  });
}

/** A name given more than once becomes a list. */
function paramsToMap(params: URLSearchParams): Map<string, Value> {
  const values = new Map<string, Value>();
  for (const name of params.keys()) {
    const all = params.getAll(name);
    values.set(name, all.length === 1 ? (all[0] ?? '') : all);
  }
  return values;
}

/** Deeper bodies are refused: no Soldo body comes close, and the walk below is recursive. */
const MAX_JSON_DEPTH = 256;

const JSON_TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\]:,]/g;

/** A tiny scanner over text that `JSON.parse` has already accepted, so it only needs to split and nest tokens. */
function parseJsonObject(text: string): Map<string, Value> {
  // Located, not quoted: V8's own message quotes the text around the error, and differs between Node versions.
  const problem = describeJsonError(text);
  if (problem !== undefined) throw new UsageError(`The body is not valid JSON: ${problem}.`, { code: 'invalid_json_body' });
  const tokens = text.match(JSON_TOKENS) ?? [];
  let at = 0;
  let depth = 0;
  const next = (): string => tokens[at++] ?? '';
  const nested = <T>(read: () => T): T => {
    if (++depth > MAX_JSON_DEPTH) {
      throw new UsageError(`The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`, { code: 'invalid_json_body', hint: 'Soldo bodies are flat objects; check the body.' });
    }
    const result = read();
    depth--;
    return result;
  };
  const value = (): Value => {
    const token = next();
    if (token === '{') return nested(() => object());
    if (token === '[') return nested(() => list());
    if (token.startsWith('"')) return JSON.parse(token) as string;
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    return new JsonNumber(token);
  };
  const object = (): Map<string, Value> => {
    const entries = new Map<string, Value>();
    if (tokens[at] === '}') {
      at++;
      return entries;
    }
    do {
      const key = JSON.parse(next()) as string;
      next(); // ':'
      entries.set(key, value());
    } while (next() === ',');
    return entries;
  };
  const list = (): Value[] => {
    const items: Value[] = [];
    if (tokens[at] === ']') {
      at++;
      return items;
    }
    do items.push(value());
    while (next() === ',');
    return items;
  };
  const root = value();
  if (!(root instanceof Map)) throw new UsageError('The JSON body must be an object.', { code: 'invalid_json_body' });
  return root;
}

// ---- Order expressions -----------------------------------------------------------------------------------

type Expression = { kind: 'name'; name: string } | { kind: 'join'; inner: Expression } | { kind: 'concat'; parts: Expression[] };

function parseExpression(field: string): Expression {
  const call = /^(join|concat)\s*\((.*)\)$/s.exec(field.trim());
  if (call === null) return { kind: 'name', name: field.trim() };
  const args = call[2] ?? '';
  if (call[1] === 'join') return { kind: 'join', inner: parseExpression(args) };
  return { kind: 'concat', parts: splitArguments(args).map(parseExpression) };
}

function splitArguments(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  [...text].forEach((char, i) => {
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  });
  return [...args, text.slice(start)];
}

interface Found {
  readonly value: Value;
  readonly source: Source['source'];
}

/**
 * A name is looked up as written (a form may send `mileage.distance` flat), else as a dotted path that descends
 * into objects and maps over lists. `concat(a.x, a.y)` concatenates item by item, which is what Soldo's
 * `join(concat(expense_allocation.spend_period, …))` means; `join(x)` only marks a list, and every list is joined.
 */
function evaluate(expression: Expression, sources: readonly Source[], format: Formatter): Found | undefined {
  switch (expression.kind) {
    case 'join':
      return evaluate(expression.inner, sources, format);
    case 'name':
      return lookUp(expression.name, sources);
    case 'concat': {
      const parts = expression.parts.map((part) => evaluate(part, sources, format));
      const first = parts.find((part) => part !== undefined);
      if (first === undefined) return undefined;
      const lists = parts.map((part) => (part === undefined ? [] : Array.isArray(part.value) ? part.value : [part.value]));
      const length = Math.max(...lists.map((list) => list.length));
      const items = Array.from({ length }, (_, i) => lists.map((list) => format(list[i] ?? null)).join(''));
      return { value: items.length === 1 ? (items[0] ?? '') : items, source: first.source };
    }
  }
}

function lookUp(name: string, sources: readonly Source[]): Found | undefined {
  const flat = sources.find((s) => s.values.has(name));
  if (flat !== undefined) return { value: flat.values.get(name) ?? null, source: flat.source };
  const [head = '', ...rest] = name.split('.');
  const source = sources.find((s) => s.values.has(head));
  if (source === undefined || rest.length === 0) return undefined;
  const value = rest.reduce<Value | undefined>(descend, source.values.get(head));
  return value === undefined ? undefined : { value, source: source.source };
}

function descend(value: Value | undefined, key: string): Value | undefined {
  if (Array.isArray(value)) return value.map((item) => descend(item, key) ?? null);
  return value instanceof Map ? value.get(key) : undefined;
}

// ---- Values to text --------------------------------------------------------------------------------------

type Formatter = (value: Value) => string;

function formatterFor(options: FingerprintOptions | undefined): Formatter {
  const separator = options?.listSeparator ?? '';
  const formatNumber = options?.formatNumber ?? ((text: string) => text);
  const formatBoolean = options?.formatBoolean ?? String;
  const format = (value: Value): string => {
    if (value === null) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'boolean') return formatBoolean(value);
    if (value instanceof JsonNumber) return formatNumber(value.text);
    if (value instanceof Map) return jsonText(value);
    return value.map(format).join(separator);
  };
  return format;
}

/** Compact JSON with numbers as sent, for objects Soldo receives inside a list. */
function jsonText(value: Value): string {
  if (value instanceof JsonNumber) return value.text;
  if (value instanceof Map) return `{${[...value].map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  return JSON.stringify(value);
}
