#!/usr/bin/env node
/**
 * Generates src/providers/soldo/fingerprint-orders.json, the fingerprint-order table the CLI ships, from Soldo's
 * OpenAPI export vendored in spec/ and the few orders Soldo's own guide states otherwise (GUIDE_ORDERS below).
 *   npm run gen:soldo            writes the table
 *   npm run gen:soldo -- --check exits 1 when the shipped table is not what the sources give
 * src/providers/soldo/fingerprint-orders.test.ts generates it in memory and compares it with the shipped one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SPEC_FILE = 'spec/soldo-business-api-5.56.0.json';
export const TABLE_FILE = 'src/providers/soldo/fingerprint-orders.json';

/**
 * Orders of Soldo's advanced-authentication guide (https://developer.soldo.com/docs/advanced-authentication, the page
 * this CLI was built from, quoted in the project's provider notes) where they differ from the export's
 * `x-soldo.fingerprint-order`. Its worked example, the transaction search, puts `text` after `expenseStatus`; the
 * export 5.56.0 puts it before `expenseType` and adds `requiredInformation`. Two independent public clients follow
 * the guide. Where the sources disagree the guide wins; fields only the export names keep their export neighbours.
 */
const GUIDE_ORDERS = {
  'transaction-search': [
    'type', 'publicId', 'customReferenceId', 'groupId', 'fromDate', 'toDate', 'dateType', 'category', 'status',
    'tagId', 'metadataId', 'expenseType', 'expenseStatus', 'text', 'token',
  ],
};

const SOURCES = {
  openapi: `Soldo Business API OpenAPI export 5.56.0 (${SPEC_FILE}), x-soldo.fingerprint-order`,
  guide: "Soldo's advanced-authentication guide, https://developer.soldo.com/docs/advanced-authentication",
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The table for a parsed spec: one entry per operation with a fingerprint order, sorted by path then method. */
export function generateSoldoOrders(spec) {
  const operations = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      const written = op?.['x-soldo']?.['fingerprint-order'];
      if (written === undefined) continue;
      operations.push(entry(spec, method.toUpperCase(), path, op, splitOrder(written)));
    }
  }
  operations.sort((a, b) => compare(a.path, b.path) || compare(a.method, b.method));
  return {
    generatedBy: 'scripts/gen-soldo-orders.mjs (npm run gen:soldo); do not edit by hand',
    sources: SOURCES,
    normalised: [
      "'x(joined)' is written 'join(x)'; the order is split on its top-level commas and trimmed.",
      "A path parameter the order does not name takes the name of the order's one identifier field that the request has nowhere else (e.g. {onlineAdId} for 'id').",
      'contentType is the media type the spec declares for the request body; absent when it declares none.',
      "Where the guide gives another order (sources), 'order' follows the guide's relative order and keeps the fields only the export names.",
    ],
    operations,
  };
}

function entry(spec, method, specPath, op, exportOrder) {
  const path = renamePathParams(spec, specPath, op, exportOrder);
  const types = Object.keys(op.requestBody?.content ?? {});
  if (types.length > 1) throw new Error(`${op.operationId}: several request content types (${types.join(', ')})`);
  const guide = GUIDE_ORDERS[op.operationId];
  const disputed = guide !== undefined && guide.join() !== exportOrder.join();
  return {
    operationId: op.operationId,
    method,
    path,
    ...(types[0] === undefined ? {} : { contentType: types[0] }),
    order: disputed ? mergeOrders(op.operationId, guide, exportOrder) : exportOrder,
    ...(disputed ? { sources: { guide, openapi: exportOrder } } : {}),
  };
}

/** `a, join(concat(b.x, b.y)),c, d(joined)` → `a`, `join(concat(b.x, b.y))`, `c`, `join(d)`. */
export function splitOrder(text) {
  const fields = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (i === text.length || (char === ',' && depth === 0)) {
      fields.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return fields.map((field) => field.replace(/^(\S+?)\s*\(joined\)$/, 'join($1)'));
}

/**
 * The guide's order, with each field only the export names placed right after the latest (in the guide's order) of
 * the fields the export puts before it. Fails when that would break the export's order of such a field with a later one.
 */
function mergeOrders(operationId, guide, exported) {
  const merged = [...guide];
  for (const field of exported) {
    if (merged.includes(field)) continue;
    const before = exported.slice(0, exported.indexOf(field)).filter((f) => merged.includes(f));
    const at = Math.max(-1, ...before.map((f) => merged.indexOf(f))) + 1;
    merged.splice(at, 0, field);
  }
  for (const field of exported.filter((f) => !guide.includes(f))) {
    const after = exported.slice(exported.indexOf(field) + 1);
    if (after.some((f) => merged.indexOf(f) < merged.indexOf(field))) {
      throw new Error(`${operationId}: cannot place ${field} after the guide's order without breaking the export's`);
    }
  }
  return merged;
}

/** Renames a path parameter the order does not name to the order's one identifier the request has nowhere else. */
function renamePathParams(spec, path, op, order) {
  const params = (op.parameters ?? []).map((p) => resolve(spec, p));
  const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
  const elsewhere = new Set([...pathParams, ...params.filter((p) => p.in === 'query').map((p) => p.name), ...bodyProperties(spec, op)]);
  const unnamed = pathParams.filter((name) => !order.includes(name));
  const identifiers = order.filter((field) => /^(id|\w+Id)$/.test(field) && !elsewhere.has(field));
  if (unnamed.length !== 1 || identifiers.length !== 1) return path;
  return path.replace(`{${unnamed[0]}}`, `{${identifiers[0]}}`);
}

function bodyProperties(spec, op) {
  const names = [];
  const walk = (schema) => {
    const resolved = resolve(spec, schema ?? {});
    names.push(...Object.keys(resolved.properties ?? {}));
    for (const key of ['allOf', 'oneOf', 'anyOf']) for (const part of resolved[key] ?? []) walk(part);
  };
  for (const media of Object.values(op.requestBody?.content ?? {})) walk(media.schema);
  return names;
}

function resolve(spec, node) {
  let current = node;
  while (typeof current.$ref === 'string') {
    current = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((at, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return current;
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The table's text as written to disk. */
export function tableText(table) {
  return `${JSON.stringify(table, null, 2)}\n`;
}

export function generateFromRepository(base = root) {
  return tableText(generateSoldoOrders(JSON.parse(readFileSync(join(base, SPEC_FILE), 'utf8'))));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = generateFromRepository();
  const target = join(root, TABLE_FILE);
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      process.stderr.write(`${TABLE_FILE} is not what ${SPEC_FILE} gives: run npm run gen:soldo\n`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${TABLE_FILE}\n`);
  }
}
