import { createHash } from 'node:crypto';
import {
  collectFingerprintFields,
  listRequestFields,
  namesInOrder,
  sha512Hex,
  type FieldSource,
  type FingerprintInput,
  type FingerprintOptions,
  type RequestField,
} from './fingerprint.js';

/**
 * Explains an INVALID_FINGERPRINT by searching how a buggy client could have made it. A fingerprint is a pipeline:
 * which values, how each is rendered, in which order, with which token, joined how, hashed how and printed how. Each
 * stage has a catalogue of common deviations; the search tries every single deviation, then every pair from two
 * different stages (a pair inside one stage rarely means anything), common before rare, and stops at the first
 * string whose hash is the user's. The hash and print stages cost nothing to search: the shape of the user's value
 * (128 or 64 or 40 hex digits, upper or lower case, Base64) says which were used, so each candidate string is hashed
 * once (twice with the trailing-newline mistake).
 */

export interface ExplainInput extends FingerprintInput {
  /** The OAuth access token, to recognise it used in place of the fingerprint token. */
  readonly accessToken?: string;
  /** More access tokens, e.g. those cached for this profile and environment. */
  readonly accessTokens?: readonly string[];
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Where our order comes from, e.g. `Soldo's advanced-authentication guide`, to name it beside the others. */
  readonly orderSource?: string;
  /** Orders of this operation from other sources that disagree with ours (Soldo's guide vs its OpenAPI export). */
  readonly otherOrders?: readonly OtherOrder[];
}

export interface OtherOrder {
  /** Where it comes from, e.g. `Soldo's advanced-authentication guide`. */
  readonly source: string;
  readonly order: readonly string[];
}

export interface Variant {
  /** A catalogue name, or the names of two mistakes joined with `+` (`token-missing+uppercase-hex`). */
  readonly name: string;
  /** What the user's code does wrong. */
  readonly explanation: string;
  /** The string the buggy client hashed (with the trailing newline, if that is one of the mistakes). */
  readonly hashed: string;
  /** The same as `hashed`; the older name. */
  readonly concatenated: string;
}

export interface Explanation {
  /** The explanations that reproduce the user's fingerprint, best first; empty when none does. */
  readonly matches: Variant[];
  /** How many distinct single mistakes were compared. */
  readonly tried: number;
  /** Their names, e.g. `uppercase-hex`, `separator:","`, to tell the user what was ruled out. */
  readonly triedNames: string[];
  /** How many distinct pairs of mistakes were compared. */
  readonly triedPairs: number;
  readonly ourFingerprint: string;
  /** Our concatenated string, to diff with the one a match hashed. */
  readonly ourConcatenated: string;
  /** Mistakes a fingerprint cannot reveal. */
  readonly notes: string[];
}

type Stage = 'values' | 'rendering' | 'order' | 'token' | 'join';

interface Part {
  readonly field: string;
  readonly value: string;
  readonly source: FieldSource | undefined;
  /** `empty`: a field of the order the request leaves empty or out, which only some clients keep. */
  readonly kind: 'field' | 'empty' | 'token';
}

interface Context {
  readonly input: ExplainInput;
  /** The parts (empty ones included) for a format and an order, computed once each. */
  readonly parts: (options: FingerprintOptions | undefined, order: readonly string[] | undefined) => readonly Part[];
  readonly requestFields: (options: FingerprintOptions | undefined) => readonly RequestField[];
}

/** One deviation of one stage. Exactly one of the hooks applies, by stage. */
interface Step {
  readonly name: string;
  readonly stage: Stage;
  readonly explanation: string;
  /** rendering: recompute the values with these options (numbers, booleans, lists). */
  readonly options?: FingerprintOptions;
  /** rendering: rewrite every request value. */
  readonly render?: (value: string) => string;
  /** order: another source's order of the fields. */
  readonly order?: readonly string[];
  /** values, order, token: change the parts; undefined when the step does not apply to this request. */
  readonly apply?: (parts: readonly Part[], cx: Context, options: FingerprintOptions | undefined) => readonly Part[] | undefined;
  /** join: how the parts become the string. */
  readonly join?: (parts: readonly Part[], cx: Context) => string;
}

/** A mistake of the hash or print stage, read off the shape of the user's value. */
interface HashMistake {
  readonly name: string;
  readonly explanation: string;
}

/** Bounds the extra-field search (two steps each), so a large body cannot blow the search up. */
const MAX_EXTRA_FIELDS = 20;

export function explainMismatch(input: ExplainInput, expectedValue: string): Explanation {
  const request = withPinnedClock(input);
  const cx = context(request);
  const ours = concat(withoutEmpty(cx.parts(undefined, undefined)));
  const ourFingerprint = sha512Hex(ours);
  const steps = catalogue(cx);
  const shape = readShape(expectedValue.trim());

  // Our own string can only explain a value whose shape already shows a mistake (uppercase, SHA-256, Base64).
  const seen = new Set<string>(shape.mistakes.length === 0 ? [ours] : []);
  // The hash and print mistakes the shape of the value rules out count as tried: they were, by its shape.
  const triedNames = HASH_MISTAKE_NAMES.filter((name) => !shape.mistakes.some((m) => m.name === name));
  let pairs = 0;
  // Candidates with one mistake, then with two: those the shape shows, the newline, and the steps.
  const levels: [Candidate[], Candidate[]] = [[], []];
  const add = (chosen: readonly Step[], newline: boolean) => {
    const count = chosen.length + shape.mistakes.length + (newline ? 1 : 0);
    if (count === 1 || count === 2) levels[count - 1]?.push({ steps: chosen, newline, count, weight: weightOf(chosen, newline) });
  };
  for (const newline of [false, true]) {
    add([], newline);
    for (const step of steps) add([step], newline);
  }
  for (let i = 0; i < steps.length; i++) {
    for (let j = i + 1; j < steps.length; j++) {
      const [a, b] = [steps[i], steps[j]];
      if (a !== undefined && b !== undefined && a.stage !== b.stage) add([a, b], false);
    }
  }

  let match: Variant | undefined;
  search: for (const level of levels) {
    level.sort((a, b) => a.weight - b.weight);
    for (const candidate of level) {
      const text = build(candidate.steps, cx);
      if (text === undefined) continue;
      const hashed = candidate.newline ? `${text}\n` : text;
      if (seen.has(hashed)) continue;
      seen.add(hashed);
      if (candidate.count === 1) triedNames.push(nameOf(candidate, shape));
      else pairs++;
      if (shape.digest(hashed) === shape.value) {
        match = describe(candidate, shape, hashed);
        break search;
      }
    }
  }
  const matches = match === undefined ? [] : [match];
  return { matches, tried: triedNames.length, triedNames, triedPairs: pairs, ourFingerprint, ourConcatenated: ours, notes: notes(request) };
}

interface Candidate {
  readonly steps: readonly Step[];
  readonly newline: boolean;
  /** How many mistakes: 1 or 2. */
  readonly count: number;
  readonly weight: number;
}

// ---- The shape of the user's value: which hash and print stages made it ----------------------------------------

interface Shape {
  /** The value to compare with, lowercased when it is hex. */
  readonly value: string;
  readonly digest: (text: string) => string;
  readonly mistakes: readonly HashMistake[];
}

const HASH_MISTAKE_NAMES = ['uppercase-hex', 'sha256', 'sha1', 'sha512-base64'];
const NEWLINE: HashMistake = {
  name: 'trailing-newline',
  explanation: 'Your code hashes the string with a trailing newline (echo instead of printf %s?).',
};

function readShape(value: string): Shape {
  const hex = /^[0-9a-f]+$/i.test(value);
  const hasher = (algorithm: string, encoding: 'hex' | 'base64') => (text: string) => createHash(algorithm).update(text, 'utf8').digest(encoding);
  const mistakes: HashMistake[] = [];
  const algorithm = hex ? ({ 64: 'sha256', 40: 'sha1' } as Record<number, string>)[value.length] : undefined;
  if (hex && value !== value.toLowerCase()) {
    const hash = algorithm === undefined ? 'SHA-512 hash' : 'hash';
    mistakes.push({ name: 'uppercase-hex', explanation: `Your code writes the ${hash} in uppercase hex; Soldo expects lowercase.` });
  }
  if (algorithm !== undefined) {
    const label = algorithm === 'sha256' ? 'SHA-256' : 'SHA-1';
    mistakes.unshift({ name: algorithm, explanation: `Your code hashes with ${label}; Soldo uses SHA-512.` });
    return { value: value.toLowerCase(), digest: hasher(algorithm, 'hex'), mistakes };
  }
  if (!hex && /^[A-Za-z0-9+/]{86}==$/.test(value)) {
    mistakes.push({ name: 'sha512-base64', explanation: 'Your code encodes the SHA-512 hash in Base64; Soldo expects lowercase hex.' });
    return { value, digest: hasher('sha512', 'base64'), mistakes };
  }
  return { value: value.toLowerCase(), digest: hasher('sha512', 'hex'), mistakes };
}

// ---- Building a candidate --------------------------------------------------------------------------------------

function build(steps: readonly Step[], cx: Context): string | undefined {
  const at = (stage: Stage) => steps.find((s) => s.stage === stage);
  const rendering = at('rendering');
  const ordering = at('order');
  let parts = cx.parts(rendering?.options, ordering?.order);
  const values = at('values');
  parts = values?.apply === undefined ? withoutEmpty(parts) : (values.apply(parts, cx, rendering?.options) ?? []);
  if (values !== undefined && parts.length === 0) return undefined;
  const render = rendering?.render;
  if (render !== undefined) parts = parts.map((p) => (p.kind === 'field' ? { ...p, value: render(p.value) } : p));
  for (const stage of ['order', 'token'] as const) {
    const apply = at(stage)?.apply;
    if (apply === undefined) continue;
    const changed = apply(parts, cx, rendering?.options);
    if (changed === undefined) return undefined;
    parts = changed;
  }
  const joiner = at('join')?.join;
  return joiner === undefined ? concat(parts) : joiner(parts, cx);
}

function concat(parts: readonly Part[], separator = ''): string {
  return present(parts)
    .map((p) => p.value)
    .join(separator);
}

/** An empty token (none was given) contributes nothing, not even a separator. */
function present(parts: readonly Part[]): Part[] {
  return parts.filter((p) => !(p.kind === 'token' && p.value === ''));
}

function withoutEmpty(parts: readonly Part[]): Part[] {
  return parts.filter((p) => p.kind !== 'empty');
}

function context(input: ExplainInput): Context {
  const partsCache = new Map<string, readonly Part[]>();
  const fieldsCache = new Map<FingerprintOptions | undefined, readonly RequestField[]>();
  const withOptions = (options: FingerprintOptions | undefined) => (options === undefined ? input : { ...input, options: { ...input.options, ...options } });
  return {
    input,
    parts(options, order) {
      const key = `${optionsKey(options)}|${order === undefined ? '' : order.join(',')}`;
      let parts = partsCache.get(key);
      if (parts === undefined) {
        const rows = collectFingerprintFields({ ...withOptions(options), order: { order: order ?? input.order.order } });
        parts = rows.map((r): Part => {
          if (r.field === 'token') return { field: r.field, value: input.token ?? '', source: 'token', kind: 'token' };
          return { field: r.field, value: r.value ?? '', source: r.source, kind: r.value === undefined ? 'empty' : 'field' };
        });
        partsCache.set(key, parts);
      }
      return parts;
    },
    requestFields(options) {
      let fields = fieldsCache.get(options);
      if (fields === undefined) {
        fields = listRequestFields(withOptions(options));
        fieldsCache.set(options, fields);
      }
      return fields;
    },
  };
}

/** Steps share their options objects, so identity names them. */
const optionKeys = new WeakMap<FingerprintOptions, number>();
let optionCount = 0;
function optionsKey(options: FingerprintOptions | undefined): string {
  if (options === undefined) return '';
  if (!optionKeys.has(options)) optionKeys.set(options, ++optionCount);
  return String(optionKeys.get(options));
}

/** A generated request_timestamp is fixed once, so every variant recomputed from the request uses the same one. */
function withPinnedClock(input: ExplainInput): ExplainInput {
  const generated = collectFingerprintFields(input).find((r) => r.source === 'generated')?.value;
  return generated === undefined ? input : { ...input, options: { ...input.options, now: () => Number(generated) } };
}

// ---- Naming and ranking ----------------------------------------------------------------------------------------

/** Common before rare: the rank of each mistake, by its name up to any `:`. */
const COMMONNESS = [
  'uppercase-hex',
  'token-missing',
  'access-token',
  'alphabetical-order',
  'trailing-newline',
  'number-reformatted',
  'order-source',
  'request-order',
  'extra-field',
  'extra-field-at-end',
  'percent-encoded',
  'plus-encoded',
  'sha256',
  'sha512-base64',
  'token-first',
  'path-first',
  'body-then-query',
  'separator',
  'name-value-pairs',
  'name-value-concatenated',
  'boolean-capitalised',
  'boolean-digits',
  'boolean-php',
  'number-two-decimals',
  'number-one-decimal',
  'empty-fields-included',
  'whole-body',
  'every-request-value',
  'client-secret',
  'client-id',
  'reversed-order',
  'list-separator-comma',
  'list-separator-none',
  'json-stringified',
  'trimmed',
  'unicode-nfd',
  'unicode-nfc',
  'sha1',
];

function rank(name: string): number {
  const at = COMMONNESS.indexOf(name.split(':')[0] ?? name);
  return at === -1 ? COMMONNESS.length : at;
}

function weightOf(steps: readonly Step[], newline: boolean): number {
  return steps.reduce((sum, s) => sum + rank(s.name), newline ? rank(NEWLINE.name) : 0);
}

const STAGE_ORDER: readonly Stage[] = ['values', 'rendering', 'order', 'token', 'join'];

/** The mistakes in pipeline order: values, rendering, order, token, join, hash, print. */
function mistakesOf(candidate: Candidate, shape: Shape): HashMistake[] {
  const steps = [...candidate.steps].sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage));
  return [...steps, ...(candidate.newline ? [NEWLINE] : []), ...shape.mistakes];
}

function nameOf(candidate: Candidate, shape: Shape): string {
  return mistakesOf(candidate, shape)
    .map((m) => m.name)
    .join('+');
}

function describe(candidate: Candidate, shape: Shape, hashed: string): Variant {
  const mistakes = mistakesOf(candidate, shape);
  const explanation = mistakes
    .map((m, i) => (i === 0 ? m.explanation : m.explanation.replace(/^Your code /, 'It also ')))
    .map((text) => (/[.!?]$/.test(text) ? text : `${text}.`))
    .join(' ');
  return { name: nameOf(candidate, shape), explanation, hashed, concatenated: hashed };
}

// ---- The catalogue ---------------------------------------------------------------------------------------------

function catalogue(cx: Context): Step[] {
  return [...valueSteps(cx), ...renderingSteps(), ...orderSteps(cx), ...tokenSteps(cx), ...joinSteps()];
}

function valueSteps(cx: Context): Step[] {
  const { input } = cx;
  const named = namesInOrder(input.order);
  const extras = cx.requestFields(undefined).filter((f) => f.source !== 'path' && f.value !== undefined && !named.has(f.name));
  const asPart = (f: RequestField): Part => ({ field: f.name, value: f.value ?? '', source: f.source, kind: 'field' });
  const extraSteps = extras.slice(0, MAX_EXTRA_FIELDS).flatMap((extra): Step[] => {
    const explanation = `Your code includes "${extra.name}", which the operation's order does not name`;
    const find = (options: FingerprintOptions | undefined) => cx.requestFields(options).find((f) => f.name === extra.name) ?? extra;
    return [
      {
        name: `extra-field:${extra.name}`,
        stage: 'values',
        explanation: `${explanation} (at its place in the ${extra.source}).`,
        apply: (parts, _, options) => {
          const kept = withoutEmpty(parts);
          return insertAt(kept, positionInRequest(kept, cx.requestFields(options), find(options)), asPart(find(options)));
        },
      },
      {
        name: `extra-field-at-end:${extra.name}`,
        stage: 'values',
        explanation: `${explanation} (before the token).`,
        apply: (parts, _, options) => {
          const kept = withoutEmpty(parts);
          return insertAt(kept, tokenPosition(kept), asPart(find(options)));
        },
      },
    ];
  });
  return [
    {
      name: 'empty-fields-included',
      stage: 'values',
      explanation: 'Your code keeps the fields the request leaves empty or out, as empty values; Soldo skips them',
      apply: (parts) => (parts.some((p) => p.kind === 'empty') ? parts : undefined),
    },
    ...extraSteps,
    {
      name: 'every-request-value',
      stage: 'values',
      explanation: 'Your code concatenates every value of the request, also fields the operation does not name',
      apply: (parts, _, options) => [
        ...cx.requestFields(options).flatMap((f) => (f.value === undefined ? [] : [asPart(f)])),
        ...parts.filter((p) => p.kind === 'token'),
      ],
    },
  ];
}

/** How JSON numbers come out of each language, given their text as sent. */
const pythonNumber = (text: string) => (/^-?\d+$/.test(text) ? text : Number.isInteger(Number(text)) ? `${Number(text)}.0` : String(Number(text)));

function renderingSteps(): Step[] {
  const asSent = 'Soldo wants them exactly as sent';
  const undocumented = "(Soldo does not document it; this CLI's --list-separator changes ours)";
  const rendered = (name: string, explanation: string, render: (value: string) => string): Step => ({ name, stage: 'rendering', explanation, render });
  const formatted = (name: string, explanation: string, options: FingerprintOptions): Step => ({ name, stage: 'rendering', explanation, options });
  return [
    formatted('number-reformatted', `Your code re-formats numbers as JavaScript prints them (25.00 becomes 25, 10.50 becomes 10.5); ${asSent}`, {
      formatNumber: (n) => String(Number(n)),
    }),
    formatted('number-reformatted', `Your code re-formats numbers as Python or Java print them (25.00 becomes 25.0, 10.50 becomes 10.5); ${asSent}`, {
      formatNumber: pythonNumber,
    }),
    rendered('percent-encoded', 'Your code percent-encodes the values (as in the URL, e.g. Caf%C3%A9%20Central); Soldo wants them decoded', encodeURIComponent),
    rendered('plus-encoded', 'Your code form-encodes the values (spaces as +); Soldo wants them decoded', (v) =>
      new URLSearchParams([['', v]]).toString().slice(1),
    ),
    formatted('boolean-capitalised', "Your code writes booleans as True/False (Python's str()); Soldo wants true/false", {
      formatBoolean: (b) => (b ? 'True' : 'False'),
    }),
    formatted('boolean-digits', 'Your code writes booleans as 1/0; Soldo wants true/false', { formatBoolean: (b) => (b ? '1' : '0') }),
    formatted('boolean-php', 'Your code writes booleans as PHP does, true as 1 and false as nothing; Soldo wants true/false', {
      formatBoolean: (b) => (b ? '1' : ''),
    }),
    formatted('number-two-decimals', `Your code writes numbers with two decimals (10 becomes 10.00); ${asSent}`, { formatNumber: (n) => Number(n).toFixed(2) }),
    formatted('number-one-decimal', `Your code writes numbers with one decimal (10 becomes 10.0); ${asSent}`, { formatNumber: (n) => Number(n).toFixed(1) }),
    formatted('list-separator-comma', `Your code joins list items with commas ${undocumented}`, { listSeparator: ',' }),
    formatted('list-separator-none', `Your code joins list items with nothing in between ${undocumented}`, { listSeparator: '' }),
    rendered('json-stringified', 'Your code writes each value as JSON, strings in quotes; Soldo wants the bare values', (v) => JSON.stringify(v)),
    rendered('trimmed', 'Your code trims spaces around the values; Soldo wants them as sent', (v) => v.trim()),
    rendered('unicode-nfd', 'Your code writes accented letters decomposed (Unicode NFD); Soldo wants them as sent', (v) => v.normalize('NFD')),
    rendered('unicode-nfc', 'Your code writes accented letters composed (Unicode NFC); Soldo wants them as sent', (v) => v.normalize('NFC')),
  ];
}

function orderSteps(cx: Context): Step[] {
  const order = cx.input.order.order;
  const inOrder = `; Soldo takes them in the operation's order: ${order.join(', ')}`;
  const fieldsThenToken = (fields: readonly Part[], parts: readonly Part[]) => [...fields, ...parts.filter((p) => p.kind === 'token')];
  const sorted = (name: string, explanation: string, key: (p: Part, all: readonly Part[]) => number | string): Step => ({
    name,
    stage: 'order',
    explanation: explanation + inOrder,
    apply: (parts) => {
      const fields = parts.filter((p) => p.kind !== 'token');
      return fieldsThenToken(stableSort(fields, (p) => key(p, parts)), parts);
    },
  });
  const sourceRank = (ranks: Record<string, number>) => (p: Part) => ranks[p.source ?? ''] ?? 3;
  const requestPosition = (p: Part) => {
    const fields = cx.requestFields(undefined);
    const at = fields.findIndex((f) => f.name === p.field);
    return at === -1 ? fields.length : at;
  };
  const others = (cx.input.otherOrders ?? []).map(
    (other): Step => ({
      name: 'order-source',
      stage: 'order',
      explanation:
        `Your code follows the order of ${other.source} (${other.order.join(', ')}); ours follows ${cx.input.orderSource ?? 'another source'} ` +
        `(${order.join(', ')}). Soldo's sources disagree here: the one Soldo refuses is not the one it checks`,
      order: other.order,
    }),
  );
  return [
    sorted('alphabetical-order', 'Your code sorts the fields alphabetically', (p) => p.field),
    ...others,
    sorted('request-order', "Your code takes the values as the request lists them (path, query, the body's own key order)", requestPosition),
    {
      name: 'token-first',
      stage: 'order',
      explanation: 'Your code puts the token first; Soldo wants it last',
      apply: (parts) => (parts.some((p) => p.kind === 'token') ? [...parts.filter((p) => p.kind === 'token'), ...parts.filter((p) => p.kind !== 'token')] : undefined),
    },
    sorted('path-first', 'Your code puts the path parameters first', sourceRank({ path: 0, query: 1, body: 1, generated: 1 })),
    sorted('body-then-query', 'Your code puts body fields before query and path parameters', sourceRank({ body: 0, generated: 0, query: 1, path: 2 })),
    {
      name: 'reversed-order',
      stage: 'order',
      explanation: `Your code takes the fields in reverse${inOrder}`,
      apply: (parts) => fieldsThenToken(parts.filter((p) => p.kind !== 'token').reverse(), parts),
    },
  ];
}

function tokenSteps(cx: Context): Step[] {
  const { input } = cx;
  const replaced = (name: string, explanation: string, value: string | undefined): Step[] =>
    value === undefined || value === ''
      ? []
      : [{ name, stage: 'token', explanation, apply: (parts) => (parts.some((p) => p.kind === 'token') ? parts.map((p) => (p.kind === 'token' ? { ...p, value } : p)) : undefined) }];
  const accessTokens = [...new Set([input.accessToken, ...(input.accessTokens ?? [])].filter((t) => t !== undefined))];
  return [
    {
      name: 'token-missing',
      stage: 'token',
      explanation: 'Your code leaves out the fingerprint token, which the order names last',
      apply: (parts) => parts.filter((p) => p.kind !== 'token'),
    },
    ...accessTokens.flatMap((token) => replaced('access-token', 'Your code uses the OAuth access token where the static fingerprint token belongs', token)),
    ...replaced('client-secret', 'Your code uses the client secret where the static fingerprint token belongs', input.clientSecret),
    ...replaced('client-id', 'Your code uses the client id where the static fingerprint token belongs', input.clientId),
  ];
}

const SEPARATORS: readonly [string, string][] = [
  [',', 'a comma'],
  ['|', 'a pipe'],
  ['&', 'an ampersand'],
  [';', 'a semicolon'],
  [' ', 'a space'],
  ['\n', 'a newline'],
];

function joinSteps(): Step[] {
  const pairs = (parts: readonly Part[]) => present(parts).map((p) => ({ ...p, value: `${p.field}=${p.value}` }));
  return [
    ...SEPARATORS.map(
      ([separator, label]): Step => ({
        name: `separator:${JSON.stringify(separator)}`,
        stage: 'join',
        explanation: `Your code puts ${label} between values; Soldo concatenates them with nothing in between`,
        join: (parts) => concat(parts, separator),
      }),
    ),
    {
      name: 'name-value-pairs',
      stage: 'join',
      explanation: 'Your code writes name=value pairs joined by &; Soldo wants the values alone',
      join: (parts) => concat(pairs(parts), '&'),
    },
    {
      name: 'name-value-concatenated',
      stage: 'join',
      explanation: 'Your code writes each field as name=value; Soldo wants the values alone',
      join: (parts) => concat(pairs(parts)),
    },
    {
      name: 'whole-body',
      stage: 'join',
      explanation: 'Your code hashes the raw body (the query string when there is none) and the token; Soldo wants the fields\' values in the order',
      join: (parts, cx) => {
        const { body, query } = cx.input;
        const queryText = typeof query === 'string' ? query.replace(/^\?/, '') : new URLSearchParams(query).toString();
        const raw = body !== undefined && body !== '' ? body : queryText;
        return raw + concat(parts.filter((p) => p.kind === 'token'));
      },
    },
  ];
}

// ---- Helpers ---------------------------------------------------------------------------------------------------

function stableSort<T>(items: readonly T[], key: (item: T) => number | string): T[] {
  return items
    .map((item, i) => ({ item, i, k: key(item) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((x) => x.item);
}

/** After the nearest named field that precedes it in the same source, else before the nearest that follows. */
function positionInRequest(parts: readonly Part[], requestFields: readonly RequestField[], extra: RequestField): number {
  const sameSource = requestFields.filter((f) => f.source === extra.source);
  const at = sameSource.findIndex((f) => f.name === extra.name);
  const partIndex = (f: RequestField) => parts.findIndex((p) => p.field === f.name);
  const before = sameSource.slice(0, at).map(partIndex).filter((i) => i >= 0).pop();
  if (before !== undefined) return before + 1;
  return sameSource.slice(at + 1).map(partIndex).find((i) => i >= 0) ?? tokenPosition(parts);
}

function tokenPosition(parts: readonly Part[]): number {
  const at = parts.findIndex((p) => p.kind === 'token');
  return at === -1 ? parts.length : at;
}

function insertAt(parts: readonly Part[], index: number, part: Part): Part[] {
  return [...parts.slice(0, index), part, ...parts.slice(index)];
}

function notes(input: ExplainInput): string[] {
  const result = [
    'Signing the concatenated string instead of its SHA-512 hex gives the same fingerprint and a wrong signature, ' +
      'so no fingerprint can show it: check the signature with soldo sign / soldo verify --explain.',
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
