import { Ajv2020 } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, expect, it } from 'vitest';
import { checkSchema, type JsonSchema } from './schema-check.js';

// ajv, a complete JSON Schema implementation, is the reference: on every case both must agree on valid or not.
const ajv = new Ajv2020({ strict: false, formats: fullFormats });

const root = {
  components: {
    schemas: {
      Money: { type: 'object', required: ['amount', 'currency'], properties: { amount: { type: 'number', minimum: 0 }, currency: { enum: ['EUR', 'GBP'] } } },
      Tagged: { allOf: [{ $ref: '#/components/schemas/Money' }, { type: 'object', properties: { tag: { type: 'string', maxLength: 3 } } }] },
    },
  },
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const cases: { name: string; schema: Record<string, unknown>; value: unknown }[] = [
  { name: 'ok object', schema: ref('Money'), value: { amount: 1.5, currency: 'EUR' } },
  { name: 'missing field', schema: ref('Money'), value: { amount: 1 } },
  { name: 'wrong enum', schema: ref('Money'), value: { amount: 1, currency: 'USD' } },
  { name: 'below minimum', schema: ref('Money'), value: { amount: -1, currency: 'EUR' } },
  { name: 'allOf ok', schema: ref('Tagged'), value: { amount: 1, currency: 'GBP', tag: 'abc' } },
  { name: 'allOf long tag', schema: ref('Tagged'), value: { amount: 1, currency: 'GBP', tag: 'abcd' } },
  { name: 'integer', schema: { type: 'integer' }, value: 2 },
  { name: 'not integer', schema: { type: 'integer' }, value: 2.5 },
  { name: 'type list with null', schema: { type: ['string', 'null'] }, value: null },
  { name: 'type list wrong', schema: { type: ['string', 'null'] }, value: 3 },
  { name: 'pattern', schema: { type: 'string', pattern: '^[A-Z]{2}\\d+$' }, value: 'DE12' },
  { name: 'pattern wrong', schema: { type: 'string', pattern: '^[A-Z]{2}\\d+$' }, value: 'de12' },
  { name: 'date', schema: { type: 'string', format: 'date' }, value: '2026-12-02' },
  { name: 'date wrong', schema: { type: 'string', format: 'date' }, value: '02.12.2026' },
  { name: 'date-time', schema: { type: 'string', format: 'date-time' }, value: '2026-12-02T10:00:00Z' },
  { name: 'date-time wrong', schema: { type: 'string', format: 'date-time' }, value: '2026-12-02' },
  { name: 'items', schema: { type: 'array', items: { type: 'string' }, minItems: 1 }, value: ['a', 'b'] },
  { name: 'items wrong', schema: { type: 'array', items: { type: 'string' } }, value: ['a', 1] },
  { name: 'minItems', schema: { type: 'array', minItems: 1 }, value: [] },
  { name: 'anyOf ok', schema: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, value: 3 },
  { name: 'anyOf wrong', schema: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, value: true },
  { name: 'no extra fields', schema: { type: 'object', properties: { a: {} }, additionalProperties: false }, value: { a: 1, b: 2 } },
  { name: 'extra fields allowed', schema: { type: 'object', properties: { a: {} } }, value: { a: 1, b: 2 } },
  { name: 'const', schema: { const: 'x' }, value: 'y' },
  { name: 'exclusive bound', schema: { type: 'number', exclusiveMinimum: 0 }, value: 0 },
  { name: 'length in characters', schema: { type: 'string', maxLength: 2 }, value: 'äö' },
  { name: '$ref sibling enum ok', schema: { $ref: '#/components/schemas/Money', required: ['tag'] }, value: { amount: 1, currency: 'EUR', tag: 'x' } },
  { name: '$ref sibling narrows', schema: { $ref: '#/components/schemas/Money', required: ['tag'] }, value: { amount: 1, currency: 'EUR' } },
  { name: 'uniqueItems ok', schema: { type: 'array', uniqueItems: true }, value: ['a', 'b', { c: 1 }] },
  { name: 'uniqueItems repeated', schema: { type: 'array', uniqueItems: true }, value: ['a', { c: 1 }, { c: 1 }] },
  { name: 'nested path', schema: { type: 'object', properties: { list: { type: 'array', items: ref('Money') } } }, value: { list: [{ amount: 1, currency: 'EUR' }, { currency: 'EUR' }] } },
];

describe('checkSchema', () => {
  it.each(cases)('agrees with ajv: $name', ({ schema, value }) => {
    const reference = ajv.compile({ ...schema, components: root.components } as object)(value);
    expect(checkSchema(schema as JsonSchema, value, { root }) === undefined).toBe(reference);
  });

  it('says where and which rule, in words', () => {
    expect(checkSchema(ref('Money'), { amount: 1, currency: 'USD' }, { root })).toEqual({
      at: 'currency',
      rule: 'enum',
      message: 'currency must be one of "EUR", "GBP", not "USD"',
    });
    expect(checkSchema({ type: 'object', properties: { list: { type: 'array', items: ref('Money') } } }, { list: [{ currency: 'EUR' }] }, { root })).toMatchObject({
      at: 'list[0].amount',
      rule: 'required',
    });
    expect(checkSchema({ type: 'integer' }, 'x')?.message).toBe('the value must be an integer, not string "x"');
  });

  it('reads form fields and query parameters as text when asked', () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', maximum: 5 }, b: { type: 'boolean' }, ids: { type: 'array', items: { type: 'integer' } } } };
    expect(checkSchema(schema, { n: '3', b: 'true', ids: '7' }, { fromText: true })).toBeUndefined();
    expect(checkSchema(schema, { n: '3' })?.rule).toBe('type');
    expect(checkSchema(schema, { n: '9' }, { fromText: true })?.rule).toBe('maximum');
    expect(checkSchema(schema, { b: 'yes' }, { fromText: true })?.rule).toBe('type');
    expect(checkSchema(schema, { ids: ['1', 'x'] }, { fromText: true })?.at).toBe('ids[1]');
  });

  it('honours OpenAPI 3.0 nullable', () => {
    expect(checkSchema({ type: 'string', nullable: true }, null)).toBeUndefined();
    expect(checkSchema({ type: 'string' }, null)?.rule).toBe('type');
  });

  it('applies the keywords beside a $ref, as JSON Schema 2020-12 does', () => {
    const narrowed = { $ref: '#/components/schemas/Currency', enum: ['EUR'] };
    const withCurrency = { components: { schemas: { Currency: { type: 'string', enum: ['EUR', 'GBP'] } } } };
    expect(checkSchema(narrowed, 'GBP', { root: withCurrency })).toMatchObject({ rule: 'enum', message: 'the value must be one of "EUR", not "GBP"' });
    expect(checkSchema(narrowed, 'EUR', { root: withCurrency })).toBeUndefined();
  });

  it('says which item repeats where items must be unique', () => {
    expect(checkSchema({ type: 'array', uniqueItems: true }, ['a', 'b', 'a'])).toMatchObject({ at: '[2]', rule: 'uniqueItems' });
  });

  it('stops at a circle of references', () => {
    expect(() => checkSchema(ref('Loop'), {}, { root: { components: { schemas: { Loop: ref('Loop') } } } })).toThrow('circle');
  });

  it('names a $ref that points nowhere', () => {
    expect(() => checkSchema(ref('Missing'), {}, { root })).toThrow('#/components/schemas/Missing points nowhere');
  });
});
