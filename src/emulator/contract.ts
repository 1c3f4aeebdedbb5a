import { FORM_CONTENT_TYPE, isJsonMediaType, mediaType } from '../core/headers.js';
import { checkSchema, type JsonSchema } from './schema-check.js';
import type { ContractViolation, EmuRequest, RequestContract } from './types.js';

/**
 * What a published description says a request of one operation must be, in a form any provider can give: Soldo's
 * from its OpenAPI export, finAPI's from the JSON Schemas written from its published models.
 */
export interface OperationDescription {
  /** Where the description is, for the violation's `spec`: e.g. `soldo-business-api-5.56.0 wallet-internal-transfer`. */
  spec: string;
  query?: readonly ParameterDescription[];
  /** Header names in lower case. */
  headers?: readonly ParameterDescription[];
  body?: BodyDescription;
  /** The document the schemas' `$ref`s point into. */
  root?: JsonSchema;
}

export interface ParameterDescription {
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface BodyDescription {
  required?: boolean;
  /** Media types without parameters, e.g. `application/json`, `application/x-www-form-urlencoded`, or ranges (`*\/*`), by schema. */
  content: Readonly<Record<string, JsonSchema>>;
}

/** The check of a route's requests against its description: the first departure, in words, or nothing. */
export function contractFor(operation: OperationDescription): RequestContract {
  return (req) =>
    checkParameters('query', operation.query, (name) => allValues(req.query, name), operation) ??
    checkParameters('header', operation.headers, (name) => headerValues(req, name), operation) ??
    checkBody(operation, req);
}

function checkParameters(
  where: 'query' | 'header',
  parameters: readonly ParameterDescription[] | undefined,
  valuesOf: (name: string) => string[],
  operation: OperationDescription,
): ContractViolation | undefined {
  for (const parameter of parameters ?? []) {
    const values = valuesOf(parameter.name);
    const field = `${where} ${parameter.name}`;
    if (values.length === 0) {
      if (parameter.required) return violation(operation, field, 'required', `the ${where} parameter ${parameter.name} is required`);
      continue;
    }
    if (parameter.schema === undefined) continue;
    const found = checkSchema(parameter.schema, values.length === 1 ? values[0] : values, { root: operation.root, fromText: true });
    if (found) {
      // Said of the parameter: `query expenseType[0] must be one of …`.
      const at = found.at === '' || found.at.startsWith('[') ? `${field}${found.at}` : `${field}.${found.at}`;
      return violation(operation, at, found.rule, `${at}${found.message.slice((found.at === '' ? 'the value' : found.at).length)}`);
    }
  }
  return undefined;
}

function checkBody(operation: OperationDescription, req: EmuRequest): ContractViolation | undefined {
  const body = operation.body;
  if (body === undefined) return undefined;
  const empty = req.rawBody.length === 0;
  if (empty) return body.required ? violation(operation, 'body', 'required', 'a request body is required') : undefined;
  const declared = Object.keys(body.content);
  const sent = mediaType(req.headers['content-type']) || undefined;
  const schema = sent === undefined ? undefined : schemaFor(body.content, sent);
  if (sent === undefined || schema === undefined) {
    return {
      ...violation(operation, 'header content-type', 'content-type', `send the body as ${declared.join(' or ')}, not ${sent ?? 'without a Content-Type'}`),
      status: 415,
    };
  }
  const parsed = parseBody(sent, req.rawBody);
  if (!parsed.ok) return violation(operation, 'body', 'syntax', parsed.message);
  const found = checkSchema(schema, parsed.value, { root: operation.root, fromText: sent === FORM_CONTENT_TYPE });
  if (found === undefined) return undefined;
  return found.at === ''
    ? violation(operation, 'body', found.rule, `body ${found.message.replace(/^the value /, '')}`)
    : violation(operation, `body ${found.at}`, found.rule, found.message);
}

/** The schema for the media type sent: declared exactly, or by a range (`type/*`, or the any-type range Soldo declares once). */
function schemaFor(content: BodyDescription['content'], type: string): JsonSchema | undefined {
  return content[type] ?? content[`${type.split('/')[0] ?? ''}/*`] ?? content['*/*'];
}

function parseBody(type: string, raw: Buffer): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = raw.toString('utf8');
  if (type === FORM_CONTENT_TYPE) {
    const fields: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(text)) {
      const before = fields[name];
      fields[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
    }
    return { ok: true, value: fields };
  }
  if (isJsonMediaType(type)) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      return { ok: false, message: `the body is not valid JSON: ${(error as Error).message}` };
    }
  }
  return { ok: true, value: text };
}

function allValues(query: URLSearchParams, name: string): string[] {
  const values = query.getAll(name);
  // `ids[]=1&ids[]=2`, as PHP-style clients send arrays.
  return values.length > 0 ? values : query.getAll(`${name}[]`);
}

function headerValues(req: EmuRequest, name: string): string[] {
  const value = req.headers[name.toLowerCase()];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}


function violation(operation: OperationDescription, field: string, rule: string, message: string): ContractViolation {
  return { field, rule, message, spec: operation.spec };
}
