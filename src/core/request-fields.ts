/**
 * `request`'s typed fields, as `gh api` has them: `-f key=value` is a string, `-F key=value` a number, boolean or null
 * when it reads as one; `a[b]=c` nests, `a[]=x` appends to a list. The same fields become a JSON body, a form body
 * or query parameters.
 */
import { UsageError } from '../errors.js';

/** A number keeps its text, so `-F amount=10.50` sends `10.50`, not `10.5`. */
export class NumberText {
  constructor(readonly text: string) {}
}

export type FieldValue = string | boolean | null | NumberText;

export interface Field {
  /** The key as written, e.g. `mileage[distance]`: the name of a form or query field. */
  readonly key: string;
  /** `['mileage', 'distance']`; an empty last segment (`tags[]`) appends to a list. */
  readonly path: readonly string[];
  readonly value: FieldValue;
}

const KEY = /^([^[\]=]+)((?:\[[^[\]]*\])*)$/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** `key=value` of `flag`; with `typed`, `true`, `false`, `null` and JSON numbers are not strings. */
export function parseField(text: string, typed: boolean, flag: string): Field {
  const eq = text.indexOf('=');
  const key = eq === -1 ? text : text.slice(0, eq);
  const match = KEY.exec(key);
  if (eq <= 0 || match === null) {
    throw new UsageError(`${flag} ${text}: expected key=value (nested: key[sub]=value, lists: key[]=value).`, { code: 'bad_field' });
  }
  const path = [match[1]!, ...[...(match[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)];
  if (path.slice(0, -1).includes('')) {
    throw new UsageError(`${flag} ${text}: [] may only end a key (key[]=value appends to a list).`, { code: 'bad_field' });
  }
  const raw = text.slice(eq + 1);
  return { key, path, value: typed ? typedValue(raw) : raw };
}

function typedValue(raw: string): FieldValue {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw === 'null') return null;
  return NUMBER.test(raw) ? new NumberText(raw) : raw;
}

type Tree = FieldValue | Tree[] | Map<string, Tree>;

/** The fields as one JSON object text; a key given twice keeps the last value, as in gh. */
export function fieldsToJson(fields: readonly Field[]): string {
  const root = new Map<string, Tree>();
  for (const { path, value } of fields) {
    let node = root;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      if (i === path.length - 1) {
        node.set(segment, value);
      } else if (path[i + 1] === '') {
        const list = node.get(segment);
        node.set(segment, [...(Array.isArray(list) ? list : []), value]);
      } else {
        const child = node.get(segment);
        const map = child instanceof Map ? child : new Map<string, Tree>();
        node.set(segment, map);
        node = map;
        continue;
      }
      break;
    }
  }
  return writeJson(root);
}

/** Name-value pairs for a form body or a query string: keys as written, numbers as written, null as empty. */
export function fieldsToPairs(fields: readonly Field[]): [string, string][] {
  return fields.map(({ key, value }) => [key, value === null ? '' : value instanceof NumberText ? value.text : String(value)]);
}

function writeJson(value: Tree): string {
  if (value instanceof NumberText) return value.text;
  if (value instanceof Map) return `{${[...value].map(([key, item]) => `${JSON.stringify(key)}:${writeJson(item)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`;
  return JSON.stringify(value);
}
