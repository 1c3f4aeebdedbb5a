/**
 * A JSON Schema checker for the subset published API descriptions use for requests: `$ref` (local; its sibling
 * keywords apply too, as in JSON Schema 2020-12 and OpenAPI 3.1), `allOf`, `anyOf`/`oneOf`, `type` (also as a list,
 * and OpenAPI 3.0's `nullable`), `enum`, `const`, `required`, `properties`, `additionalProperties`, `items`,
 * `uniqueItems`, lengths, `pattern`, bounds and the `date`/`date-time` formats.
 * It reports the first departure, in words, because the emulator answers with one line; the contract tests hold it
 * against ajv, a complete implementation.
 */

export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

export interface SchemaViolation {
  /** Where in the value: `amount`, `items[2].name`; empty for the value itself. */
  at: string;
  /** The keyword that failed: `required`, `type`, `enum`, `pattern`, … */
  rule: string;
  message: string;
}

export interface SchemaCheckOptions {
  /** The document `$ref`s point into (`#/components/schemas/Wallet`); default the schema itself. */
  root?: JsonSchema;
  /**
   * Query parameters and form fields arrive as text: accept `"12"` for a number, `"true"` for a boolean, and a lone
   * string where an array is described.
   */
  fromText?: boolean;
}

export function checkSchema(schema: JsonSchema, value: unknown, options: SchemaCheckOptions = {}): SchemaViolation | undefined {
  return check(schema, value, '', { root: options.root ?? schema, fromText: options.fromText ?? false });
}

interface Scope {
  root: JsonSchema;
  fromText: boolean;
}

type Node = { readonly [keyword: string]: unknown };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** `hops`: `$ref`s followed in a row without looking into the value, to stop at a circle of references. */
function check(schema: JsonSchema, value: unknown, at: string, scope: Scope, hops = 0): SchemaViolation | undefined {
  if (schema === true) return undefined;
  if (schema === false) return { at, rule: 'false', message: `${label(at)} is not allowed` };
  if (typeof schema.$ref === 'string') {
    // The target first, then the keywords beside the `$ref` (an `enum` narrowing a referenced type, say).
    const { $ref: ref, ...siblings } = schema;
    if (hops > 32) throw new Error(`Cannot follow $ref ${ref}: a circle of references`);
    return check(target(ref, scope.root), value, at, scope, hops + 1) ?? (Object.keys(siblings).length > 0 ? check(siblings, value, at, scope) : undefined);
  }
  const node = schema;
  for (const part of list(node.allOf)) {
    const found = check(part as JsonSchema, value, at, scope);
    if (found) return found;
  }
  const alternatives = [...list(node.anyOf), ...list(node.oneOf)];
  if (alternatives.length > 0) {
    const failures = alternatives.map((part) => check(part as JsonSchema, value, at, scope));
    if (failures.every((failure) => failure !== undefined)) return failures[0];
  }
  if (value === null && node.nullable === true) return undefined;
  const typed = checkType(node, value, at, scope);
  if (typed.violation) return typed.violation;
  return checkValue(node, typed.value, at, scope);
}

function checkType(node: Node, value: unknown, at: string, scope: Scope): { value: unknown; violation?: SchemaViolation } {
  if (node.type === undefined) return { value };
  const types = Array.isArray(node.type) ? (node.type as string[]) : [node.type as string];
  for (const type of types) {
    if (isOfType(type, value)) return { value };
    const converted = scope.fromText ? fromText(type, value) : undefined;
    if (converted !== undefined) return { value: converted.value };
  }
  return { value, violation: { at, rule: 'type', message: `${label(at)} must be ${types.map(article).join(' or ')}, not ${describe(value)}` } };
}

function checkValue(node: Node, value: unknown, at: string, scope: Scope): SchemaViolation | undefined {
  if (Array.isArray(node.enum) && !node.enum.some((allowed) => same(allowed, value))) {
    return { at, rule: 'enum', message: `${label(at)} must be one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}` };
  }
  if ('const' in node && !same(node.const, value)) return { at, rule: 'const', message: `${label(at)} must be ${JSON.stringify(node.const)}` };
  if (typeof value === 'string') return checkString(node, value, at);
  if (typeof value === 'number') return checkNumber(node, value, at);
  if (Array.isArray(value)) return checkArray(node, value, at, scope);
  if (typeof value === 'object' && value !== null) return checkObject(node, value as Record<string, unknown>, at, scope);
  return undefined;
}

function checkString(node: Node, value: string, at: string): SchemaViolation | undefined {
  const length = [...value].length;
  if (typeof node.minLength === 'number' && length < node.minLength) {
    return { at, rule: 'minLength', message: `${label(at)} must have at least ${node.minLength} characters` };
  }
  if (typeof node.maxLength === 'number' && length > node.maxLength) {
    return { at, rule: 'maxLength', message: `${label(at)} must have at most ${node.maxLength} characters` };
  }
  if (typeof node.pattern === 'string' && !new RegExp(node.pattern, 'u').test(value)) {
    return { at, rule: 'pattern', message: `${label(at)} must match ${node.pattern}, not ${JSON.stringify(value)}` };
  }
  const format = node.format === 'date' ? DATE : node.format === 'date-time' ? DATE_TIME : undefined;
  if (format !== undefined && !format.test(value)) {
    return { at, rule: 'format', message: `${label(at)} must be a ${String(node.format)}, not ${JSON.stringify(value)}` };
  }
  return undefined;
}

function checkNumber(node: Node, value: number, at: string): SchemaViolation | undefined {
  const bound = (rule: string, limit: unknown, fails: (limit: number) => boolean, words: string): SchemaViolation | undefined =>
    typeof limit === 'number' && fails(limit) ? { at, rule, message: `${label(at)} must be ${words} ${limit}, not ${value}` } : undefined;
  return (
    bound('minimum', node.minimum, (limit) => value < limit, 'at least') ??
    bound('maximum', node.maximum, (limit) => value > limit, 'at most') ??
    bound('exclusiveMinimum', node.exclusiveMinimum, (limit) => value <= limit, 'more than') ??
    bound('exclusiveMaximum', node.exclusiveMaximum, (limit) => value >= limit, 'less than')
  );
}

function checkArray(node: Node, value: readonly unknown[], at: string, scope: Scope): SchemaViolation | undefined {
  if (typeof node.minItems === 'number' && value.length < node.minItems) {
    return { at, rule: 'minItems', message: `${label(at)} must have at least ${node.minItems} items` };
  }
  if (typeof node.maxItems === 'number' && value.length > node.maxItems) {
    return { at, rule: 'maxItems', message: `${label(at)} must have at most ${node.maxItems} items` };
  }
  if (node.uniqueItems === true) {
    const repeated = value.findIndex((item, i) => value.findIndex((other) => same(other, item)) !== i);
    if (repeated !== -1) return { at: `${at}[${repeated}]`, rule: 'uniqueItems', message: `${label(`${at}[${repeated}]`)} repeats an earlier item` };
  }
  if (node.items === undefined) return undefined;
  for (const [i, item] of value.entries()) {
    const found = check(node.items as JsonSchema, item, `${at}[${i}]`, scope);
    if (found) return found;
  }
  return undefined;
}

function checkObject(node: Node, value: Record<string, unknown>, at: string, scope: Scope): SchemaViolation | undefined {
  for (const name of list(node.required) as string[]) {
    if (!(name in value)) return { at: join(at, name), rule: 'required', message: `${label(join(at, name))} is required` };
  }
  const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, field] of Object.entries(value)) {
    const described = properties[name];
    const schema = described ?? (node.additionalProperties as JsonSchema | undefined);
    if (schema === undefined) continue;
    if (schema === false && described === undefined) {
      return { at: join(at, name), rule: 'additionalProperties', message: `${label(join(at, name))} is not a field of this request` };
    }
    const found = check(schema, field, join(at, name), scope);
    if (found) return found;
  }
  return undefined;
}

/** What a `$ref` such as `#/components/schemas/Wallet` names within the root document. */
function target(ref: string, root: JsonSchema): JsonSchema {
  if (!ref.startsWith('#')) throw new Error(`Cannot follow $ref ${ref}`);
  const found = ref
    .slice(1)
    .split('/')
    .filter((part) => part !== '')
    .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], root);
  if (typeof found !== 'object' || found === null) throw new Error(`$ref ${ref} points nowhere`);
  return found as JsonSchema;
}

function isOfType(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function fromText(type: string, value: unknown): { value: unknown } | undefined {
  if (typeof value !== 'string') return undefined;
  if ((type === 'number' || type === 'integer') && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) {
    const number = Number(value);
    return isOfType(type, number) ? { value: number } : undefined;
  }
  if (type === 'boolean' && (value === 'true' || value === 'false')) return { value: value === 'true' };
  if (type === 'array') return { value: [value] };
  return undefined;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function join(at: string, name: string): string {
  return at === '' ? name : `${at}.${name}`;
}

function label(at: string): string {
  return at === '' ? 'the value' : at;
}

function article(type: string): string {
  return type === 'null' ? 'null' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
