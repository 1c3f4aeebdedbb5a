/**
 * Redaction of secrets in what the CLI shows: `--verbose` traces, error details, `--curl` output.
 * Pure: callers pass the secret values they hold; nothing here reads the environment.
 */
import { FORM_CONTENT_TYPE, isJsonMediaType, mediaType } from './headers.js';

export const REDACTED = '[REDACTED]';

/** Shorter values would blot out ordinary text (`true`, `123`) without protecting anything. */
const MIN_SECRET_LENGTH = 4;

const sensitiveHeaders = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-soldo-fingerprint-signature',
  'x-soldo-fingerprint',
  'solaris-webhook-signature',
]);

/** Field names (lower case) whose values are credentials in the providers' form and JSON bodies. */
const sensitiveFields = new Set([
  'client_secret',
  'clientsecret',
  'password',
  'refresh_token',
  'access_token',
  'accesstoken',
  'processtoken',
  'secret',
  'token',
  'fingerprint_token',
  'id_token',
]);

export interface Redactor {
  /** Replaces every occurrence of a known secret value. */
  text(s: string): string;
  /** Masks credential headers (keeping the scheme: `Bearer [REDACTED]`) and known values in the others. */
  headers(h: Readonly<Record<string, string>>): Record<string, string>;
  /** Masks credential fields of form and JSON bodies, then known values anywhere. */
  body(contentType: string | undefined, s: string): string;
}

export function createRedactor(secrets: readonly string[]): Redactor {
  const known = withEncodings(secrets.map((value) => ({ value })));
  const text = (s: string): string =>
    splitBySecrets(s, known)
      .map((part) => (typeof part === 'string' ? part : REDACTED))
      .join('');

  return {
    text,
    headers(h) {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(h)) {
        out[name] = sensitiveHeaders.has(name.toLowerCase()) ? maskKeepingScheme(value) : text(value);
      }
      return out;
    },
    body(contentType, s) {
      switch (bodyKind(contentType)) {
        case 'form':
          return text(redactForm(s));
        case 'json':
          return text(redactJson(s, text) ?? s);
        default:
          // A server that omits or misstates the Content-Type must not get a token into the trace.
          return text(redactJson(s, text) ?? s);
      }
    },
  };
}

/**
 * A secret as it may appear in text: as is, percent-encoded (a URL path or query), form-encoded (`+` for a space),
 * JSON-escaped, JSON-escaped as servers that write ASCII only or escape `/` do, and JSON-escaped twice (a JSON request
 * echoed inside a JSON string). Percent and `\u` escapes come in upper- and lower-case hex, since servers echo either.
 * Secrets too short to mask give none.
 */
export function secretEncodings(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const percent = encodeURIComponent(secret);
  const form = new URLSearchParams({ v: secret }).toString().slice('v='.length);
  const jsonEscape = (s: string) => JSON.stringify(s).slice(1, -1);
  const json = jsonEscape(secret);
  const unicodeEscape = (chars: RegExp, s: string) => s.replace(chars, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const asciiJson = unicodeEscape(/[\u0080-\uffff]/g, json);
  const lowerHex = (s: string) => s.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  const upperHex = (s: string) => s.replace(/\\u[0-9a-f]{4}/g, (escape) => `\\u${escape.slice(2).toUpperCase()}`);
  const escapedSlash = (s: string) => s.replaceAll('/', '\\/');
  // Encoders that keep JSON safe inside HTML: Go escapes <, > and & (lower-case hex); .NET's default encoder also ' + `
  // and the quote, with upper-case hex and ASCII only.
  const goJson = unicodeEscape(/[<>&\u2028\u2029]/g, json);
  const dotnetJson = upperHex(unicodeEscape(/[<>&'+`]/g, asciiJson).replaceAll('\\"', '\\u0022'));
  const jsons = [json, asciiJson, upperHex(asciiJson), goJson, dotnetJson];
  return [
    ...new Set([secret, percent, lowerHex(percent), form, lowerHex(form), ...jsons, ...jsons.map(escapedSlash), ...[json, goJson, dotnetJson].map(jsonEscape)]),
  ];
}

/** Each secret in each of its encodings, for `splitBySecrets`; `encoded` tells an encoding from the value itself. */
export function withEncodings<T extends { readonly value: string }>(secrets: readonly T[]): (T & { encoded: boolean })[] {
  return secrets.flatMap((secret) => secretEncodings(secret.value).map((value) => ({ ...secret, value, encoded: value !== secret.value })));
}

/**
 * Splits `text` around every occurrence of the given secrets (values shorter than 4 characters are ignored),
 * preferring the longest secret where several start at the same place. Shared by redaction and `--curl`.
 */
export function splitBySecrets<T extends { readonly value: string }>(text: string, secrets: readonly T[]): (string | T)[] {
  const candidates = secrets
    .filter((secret) => secret.value.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.value.length - a.value.length);
  const parts: (string | T)[] = [];
  let from = 0;
  for (;;) {
    let next: { at: number; secret: T } | undefined;
    for (const secret of candidates) {
      const at = text.indexOf(secret.value, from);
      // Strictly earlier only: at equal positions the longer secret, sorted first, wins.
      if (at !== -1 && (next === undefined || at < next.at)) next = { at, secret };
    }
    if (next === undefined) break;
    if (next.at > from) parts.push(text.slice(from, next.at));
    parts.push(next.secret);
    from = next.at + next.secret.value.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

/**
 * `Bearer abc` → `Bearer [REDACTED]`, `sha256=abc` → `sha256=[REDACTED]`, anything else → `[REDACTED]`.
 * Only digest names count as an `=` prefix: a bare Base64 value may itself contain `=`.
 */
function maskKeepingScheme(value: string): string {
  const scheme = /^(?:[A-Za-z][\w.+-]*\s+|(?:sha-?\d+|md5)=)(?=\S)/i.exec(value);
  return (scheme?.[0] ?? '') + REDACTED;
}

function bodyKind(contentType: string | undefined): 'form' | 'json' | 'other' {
  const type = mediaType(contentType);
  if (type === FORM_CONTENT_TYPE) return 'form';
  if (isJsonMediaType(type)) return 'json';
  return 'other';
}

function redactForm(s: string): string {
  return s
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      return eq !== -1 && isSensitiveField(decodeFormName(rawName)) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
}

function decodeFormName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * The JSON with credential fields masked and known secrets masked in its strings (where they are found decoded: a
 * server that echoes a JSON request inside a JSON string escapes it twice), or undefined when `s` is not JSON.
 */
function redactJson(s: string, text: (s: string) => string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    return undefined;
  }
  try {
    return JSON.stringify(maskFields(parsed, text));
  } catch (error) {
    // JSON.parse takes any depth, the walk and JSON.stringify do not: a body too deep to mask is not shown at all,
    // since showing it unmasked could show a token.
    if (error instanceof RangeError) return `[${s.length} characters of JSON nested too deeply to redact: not shown]`;
    throw error;
  }
}

function maskFields(value: unknown, text: (s: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => maskFields(item, text));
  if (typeof value === 'string') return text(value);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, isSensitiveField(key) ? REDACTED : maskFields(field, text)]),
  );
}

function isSensitiveField(name: string): boolean {
  return sensitiveFields.has(name.toLowerCase());
}
