/**
 * How common JSON libraries write the same value. Used to recognise a webhook body that was parsed and written
 * again (re-serialised) before its signature was checked: the HMAC covers bytes, not the JSON value.
 */
export interface JsonStyle {
  /** Completes "the same JSON written …". */
  readonly description: string;
  /** Per nesting level; none: everything on one line. */
  readonly indent?: string;
  readonly itemSeparator: ',' | ', ';
  readonly keySeparator: ':' | ': ';
  readonly sortKeys?: boolean;
  /** Characters written as `\uXXXX` although JSON allows them raw. */
  readonly escape?: RegExp;
  /** `/` written as `\/` (PHP). */
  readonly escapeSlash?: boolean;
}

const nonAscii = /[\u0080-\uffff]/g;

/** Most common first: when several styles give the same bytes, the first one names the cause. */
export const jsonStyles: readonly JsonStyle[] = [
  { description: "compactly (JSON.stringify, Ruby's to_json, Jackson)", itemSeparator: ',', keySeparator: ':' },
  { description: 'indented by 2 spaces (JSON.stringify(value, null, 2), jq)', indent: '  ', itemSeparator: ',', keySeparator: ': ' },
  { description: 'indented by 4 spaces', indent: '    ', itemSeparator: ',', keySeparator: ': ' },
  { description: 'indented with tabs', indent: '\t', itemSeparator: ',', keySeparator: ': ' },
  { description: 'the way Python\'s json.dumps does by default (", " and ": ", non-ASCII escaped)', itemSeparator: ', ', keySeparator: ': ', escape: nonAscii },
  { description: "the way PHP's json_encode does by default (\\/ and \\u escapes)", itemSeparator: ',', keySeparator: ':', escape: nonAscii, escapeSlash: true },
  { description: "the way Go's json.Marshal does with a map (keys sorted, <, > and & escaped)", itemSeparator: ',', keySeparator: ':', sortKeys: true, escape: /[<>&\u2028\u2029]/g },
  { description: 'compactly with the keys sorted', itemSeparator: ',', keySeparator: ':', sortKeys: true },
];

/** `value` (as JSON.parse returns it) written in `style`. */
export function writeJson(value: unknown, style: JsonStyle): string {
  return write(value, style, '');
}

function write(value: unknown, style: JsonStyle, outer: string): string {
  if (value === null || typeof value !== 'object') return scalar(value, style);
  const inner = style.indent === undefined ? '' : outer + style.indent;
  const entries = Array.isArray(value)
    ? value.map((item) => write(item, style, inner))
    : orderedKeys(value as Record<string, unknown>, style).map(
        (key) => `${scalar(key, style)}${style.keySeparator}${write((value as Record<string, unknown>)[key], style, inner)}`,
      );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  if (style.indent === undefined) return open + entries.join(style.itemSeparator) + close;
  return `${open}\n${inner}${entries.join(`${style.itemSeparator.trimEnd()}\n${inner}`)}\n${outer}${close}`;
}

function orderedKeys(object: Record<string, unknown>, style: JsonStyle): string[] {
  const keys = Object.keys(object);
  return style.sortKeys ? keys.sort() : keys;
}

function scalar(value: unknown, style: JsonStyle): string {
  const text = JSON.stringify(value);
  if (typeof value !== 'string') return text;
  // JSON.stringify's escapes are ASCII and contain no `/`, so rewriting its output cannot break them.
  const escaped = style.escape === undefined ? text : text.replace(style.escape, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return style.escapeSlash ? escaped.replaceAll('/', '\\/') : escaped;
}
