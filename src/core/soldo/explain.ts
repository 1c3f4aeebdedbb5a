import { createHash } from 'node:crypto';
import {
  collectFingerprintFields,
  fingerprintString,
  listRequestFields,
  namesInOrder,
  sha512Hex,
  type FingerprintInput,
  type FingerprintOptions,
  type FingerprintRow,
  type RequestField,
} from './fingerprint.js';

/**
 * Explains an INVALID_FINGERPRINT: redoes the fingerprint with each common single mistake and reports which
 * ones reproduce the fingerprint the user's code sent. One mistake at a time keeps the search small and the
 * answer readable; only the uppercase-hex mistake is also recognised on top of another one.
 */

export interface ExplainInput extends FingerprintInput {
  /** The OAuth access token, to recognise it used in place of the fingerprint token. */
  readonly accessToken?: string;
}

export interface Variant {
  readonly name: string;
  /** What the user's code does wrong, in one line. */
  readonly explanation: string;
  /** The string this variant hashes. */
  readonly concatenated: string;
}

export interface Explanation {
  readonly matches: Variant[];
  /** How many distinct variants were compared. */
  readonly tried: number;
  /** Their names, e.g. `uppercase-hex`, `separator:","`, to tell the user what was ruled out. */
  readonly triedNames: string[];
  readonly ourFingerprint: string;
  /** Mistakes a fingerprint cannot reveal. */
  readonly notes: string[];
}

interface Candidate extends Variant {
  readonly digest: string;
}

interface Part {
  readonly field: string;
  readonly value: string;
  readonly source: FingerprintRow['source'];
}

/** Bounds the extra-field search (two variants each), so a large body cannot blow the list up. */
const MAX_EXTRA_FIELDS = 20;
const SEPARATORS: readonly [string, string][] = [
  [',', 'a comma'],
  ['|', 'a pipe'],
  ['&', 'an ampersand'],
  [';', 'a semicolon'],
  [' ', 'a space'],
  ['\n', 'a newline'],
];

export function explainMismatch(input: ExplainInput, expectedHex: string): Explanation {
  const request = withPinnedClock(input);
  const rows = collectFingerprintFields(request);
  const ours = fingerprintString(rows);
  const ourFingerprint = sha512Hex(ours);
  const parts = rows.flatMap((r) => (r.value === undefined ? [] : [{ field: r.field, value: r.value, source: r.source }]));
  const requestFields = listRequestFields(request);

  const candidates = unique(
    [
      ...hashMistakes(ours),
      ...tokenMistakes(rows, parts, request.accessToken),
      ...orderMistakes(parts, requestFields, request.order.order),
      ...extraFieldMistakes(parts, requestFields, request),
      ...joinMistakes(parts),
      ...formatMistakes(request),
    ],
    ourFingerprint,
  );
  const wanted = expectedHex.trim();
  const uppercase = wanted !== wanted.toLowerCase();
  const matches = candidates.flatMap(({ name, explanation, concatenated, digest }): Variant[] => {
    if (digest === wanted) return [{ name, explanation, concatenated }];
    if (uppercase && digest === wanted.toLowerCase()) {
      return [{ name, explanation: `${explanation} It also writes the hash in uppercase hex.`, concatenated }];
    }
    return [];
  });
  return { matches, tried: candidates.length, triedNames: candidates.map((c) => c.name), ourFingerprint, notes: notes(request) };
}

/** A generated request_timestamp is fixed once, so every variant recomputed from the request uses the same one. */
function withPinnedClock(input: ExplainInput): ExplainInput {
  const generated = collectFingerprintFields(input).find((r) => r.source === 'generated')?.value;
  return generated === undefined ? input : { ...input, options: { ...input.options, now: () => Number(generated) } };
}

function variant(name: string, explanation: string, concatenated: string, digest = sha512Hex(concatenated)): Candidate {
  return { name, explanation, concatenated, digest };
}

function concat(parts: readonly Part[], separator = ''): string {
  return parts.map((p) => p.value).join(separator);
}

/** Drops variants that give our own fingerprint or repeat an earlier one: they cannot tell mistakes apart. */
function unique(candidates: readonly Candidate[], ourFingerprint: string): Candidate[] {
  const seen = new Set([ourFingerprint]);
  return candidates.filter((c) => {
    if (seen.has(c.digest)) return false;
    seen.add(c.digest);
    return true;
  });
}

function hashMistakes(ours: string): Candidate[] {
  const hash = (algorithm: string, encoding: 'hex' | 'base64') => createHash(algorithm).update(ours, 'utf8').digest(encoding);
  const wrongHash = (name: string, explanation: string, digest: string) => variant(name, explanation, ours, digest);
  return [
    wrongHash('uppercase-hex', 'Your code writes the SHA-512 hash in uppercase hex; Soldo expects lowercase.', hash('sha512', 'hex').toUpperCase()),
    wrongHash('sha256', 'Your code hashes with SHA-256; Soldo uses SHA-512.', hash('sha256', 'hex')),
    wrongHash('sha1', 'Your code hashes with SHA-1; Soldo uses SHA-512.', hash('sha1', 'hex')),
    wrongHash('sha512-base64', 'Your code encodes the SHA-512 hash in Base64; Soldo expects lowercase hex.', hash('sha512', 'base64')),
    variant('trailing-newline', 'Your code hashes the string with a trailing newline (echo instead of printf %s?).', `${ours}\n`),
  ];
}

function tokenMistakes(rows: readonly FingerprintRow[], parts: readonly Part[], accessToken: string | undefined): Candidate[] {
  const withoutToken = concat(parts.filter((p) => p.source !== 'token'));
  const candidates = [variant('token-missing', 'Your code leaves out the fingerprint token, which the order names last.', withoutToken)];
  if (accessToken !== undefined && rows.some((r) => r.field === 'token')) {
    const swapped = rows.map((r) => (r.field === 'token' ? accessToken : (r.value ?? ''))).join('');
    const explanation = 'Your code uses the OAuth access token where the static fingerprint token belongs.';
    candidates.push(variant('access-token', explanation, swapped));
  }
  return candidates;
}

/** Reorders the fields before the token, which users rarely move. */
function orderMistakes(parts: readonly Part[], requestFields: readonly RequestField[], order: readonly string[]): Candidate[] {
  const fields = parts.filter((p) => p.source !== 'token');
  const token = parts.filter((p) => p.source === 'token');
  const inOrder = `Soldo takes them in the operation's order: ${order.join(', ')}.`;
  const reordered = (name: string, explanation: string, sorted: readonly Part[]) =>
    variant(name, `${explanation}; ${inOrder}`, concat([...sorted, ...token]));
  const sortedBy = (key: (p: Part) => number | string) => [...fields].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const bodyFirst = (p: Part) => (p.source === 'query' ? 1 : p.source === 'path' ? 2 : 0);
  const requestPosition = (p: Part) => {
    const at = requestFields.findIndex((f) => f.name === p.field);
    return at === -1 ? requestFields.length : at;
  };
  const everyValue = requestFields.flatMap((f) => (f.value === undefined ? [] : [{ field: f.name, value: f.value, source: f.source }]));
  return [
    reordered('alphabetical-order', 'Your code sorts the fields alphabetically', sortedBy((p) => p.field)),
    reordered('reversed-order', 'Your code takes the fields in reverse', [...fields].reverse()),
    reordered('body-then-query', 'Your code puts body fields before query and path parameters', sortedBy(bodyFirst)),
    reordered('request-order', "Your code takes the values as the request lists them (path, query, the body's own key order)", sortedBy(requestPosition)),
    reordered('every-request-value', 'Your code concatenates every value of the request, also fields the operation does not name', everyValue),
  ];
}

/** Each query or body field the order does not name, at its place in the request and just before the token. */
function extraFieldMistakes(parts: readonly Part[], requestFields: readonly RequestField[], input: ExplainInput): Candidate[] {
  const named = namesInOrder(input.order);
  const extras = requestFields.filter((f) => f.source !== 'path' && f.value !== undefined && !named.has(f.name));
  return extras.slice(0, MAX_EXTRA_FIELDS).flatMap((extra) => {
    const part: Part = { field: extra.name, value: extra.value ?? '', source: extra.source };
    const explanation = `Your code includes "${extra.name}", which the operation's order does not name`;
    const inPlace = insertAt(parts, positionInRequest(parts, requestFields, extra), part);
    return [
      variant(`extra-field:${extra.name}`, `${explanation} (at its place in the ${extra.source}).`, concat(inPlace)),
      variant(`extra-field-at-end:${extra.name}`, `${explanation} (before the token).`, concat(insertAt(parts, tokenPosition(parts), part))),
    ];
  });
}

/** After the nearest named field that precedes it in the same source, else before the nearest that follows. */
function positionInRequest(parts: readonly Part[], requestFields: readonly RequestField[], extra: RequestField): number {
  const sameSource = requestFields.filter((f) => f.source === extra.source);
  const at = sameSource.indexOf(extra);
  const partIndex = (f: RequestField) => parts.findIndex((p) => p.field === f.name);
  const before = sameSource.slice(0, at).map(partIndex).filter((i) => i >= 0).pop();
  if (before !== undefined) return before + 1;
  return sameSource.slice(at + 1).map(partIndex).find((i) => i >= 0) ?? tokenPosition(parts);
}

function tokenPosition(parts: readonly Part[]): number {
  const at = parts.findIndex((p) => p.source === 'token');
  return at === -1 ? parts.length : at;
}

function insertAt(parts: readonly Part[], index: number, part: Part): Part[] {
  return [...parts.slice(0, index), part, ...parts.slice(index)];
}

function joinMistakes(parts: readonly Part[]): Candidate[] {
  const pairs = parts.map((p) => ({ ...p, value: `${p.field}=${p.value}` }));
  const separated = SEPARATORS.map(([separator, label]) => {
    const explanation = `Your code puts ${label} between values; Soldo concatenates them with nothing in between.`;
    return variant(`separator:${JSON.stringify(separator)}`, explanation, concat(parts, separator));
  });
  return [
    ...separated,
    variant('name-value-pairs', 'Your code writes name=value pairs joined by &; Soldo wants the values alone.', concat(pairs, '&')),
    variant('name-value-concatenated', 'Your code writes each field as name=value; Soldo wants the values alone.', concat(pairs)),
  ];
}

/** Recomputes with other formatting of lists, booleans and numbers (only differences survive `unique`). */
function formatMistakes(input: ExplainInput): Candidate[] {
  const formatted = (name: string, explanation: string, options: FingerprintOptions) =>
    variant(name, explanation, fingerprintString(collectFingerprintFields({ ...input, options: { ...input.options, ...options } })));
  const undocumented = "(Soldo does not document it; this CLI's list separator option changes ours).";
  const asSent = 'Soldo wants them exactly as sent.';
  return [
    formatted('list-separator-comma', `Your code joins list items with commas ${undocumented}`, { listSeparator: ',' }),
    formatted('list-separator-none', `Your code joins list items with nothing in between ${undocumented}`, { listSeparator: '' }),
    formatted('boolean-digits', 'Your code writes booleans as 1/0; Soldo wants true/false.', {
      formatBoolean: (b) => (b ? '1' : '0'),
    }),
    formatted('boolean-capitalised', "Your code writes booleans as True/False (Python's str()); Soldo wants true/false.", {
      formatBoolean: (b) => (b ? 'True' : 'False'),
    }),
    formatted('number-reformatted', `Your code re-formats numbers (10.50 becomes 10.5); ${asSent}`, { formatNumber: (n) => String(Number(n)) }),
    formatted('number-one-decimal', `Your code writes numbers with one decimal (10 becomes 10.0); ${asSent}`, {
      formatNumber: (n) => Number(n).toFixed(1),
    }),
    formatted('number-two-decimals', `Your code writes numbers with two decimals (10 becomes 10.00); ${asSent}`, {
      formatNumber: (n) => Number(n).toFixed(2),
    }),
  ];
}

function notes(input: ExplainInput): string[] {
  const result = [
    'Signing the concatenated string instead of its SHA-512 hex gives the same fingerprint and a wrong signature, ' +
      'so no fingerprint can show it: check the signature with soldo sign / soldo verify.',
  ];
  if (input.token === undefined) result.push('No fingerprint token was given, so ours has none; give it to compare like for like.');
  if (input.order.order.includes('request_timestamp')) {
    result.push(
      'request_timestamp must be the one in the body sent, and Soldo refuses requests older than 5 seconds: ' +
        'a stale timestamp does not show in the fingerprint.',
    );
  }
  return result;
}
