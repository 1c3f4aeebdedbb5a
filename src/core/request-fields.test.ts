import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../errors.js';
import { fieldsToJson, fieldsToPairs, parseField } from './request-fields.js';

const raw = (text: string) => parseField(text, false, '-f');
const typed = (text: string) => parseField(text, true, '-F');

describe('request fields', () => {
  it('keeps -f values as strings and types -F numbers, booleans and null', () => {
    const fields = [raw('count=12'), typed('amount=10.50'), typed('big=12345678901234567890'), typed('on=true'), typed('off=false'), typed('none=null'), typed('text=12a'), raw('empty=')];
    expect(fieldsToJson(fields)).toBe('{"count":"12","amount":10.50,"big":12345678901234567890,"on":true,"off":false,"none":null,"text":"12a","empty":""}');
  });

  it('nests a[b]=c, appends a[]=x and lets a later key win', () => {
    const fields = [typed('mileage[distance]=12.5'), raw('mileage[unit]=km'), raw('tags[]=a'), raw('tags[]=b'), raw('name=x'), raw('name=y'), raw('a[b][c]=deep')];
    expect(JSON.parse(fieldsToJson(fields))).toEqual({ mileage: { distance: 12.5, unit: 'km' }, tags: ['a', 'b'], name: 'y', a: { b: { c: 'deep' } } });
  });

  it('gives form and query pairs with the keys as written', () => {
    expect(fieldsToPairs([typed('page[size]=50'), typed('active=true'), typed('gone=null'), raw('q=a=b')])).toEqual([
      ['page[size]', '50'],
      ['active', 'true'],
      ['gone', ''],
      ['q', 'a=b'],
    ]);
  });

  it.each(['novalue', '=x', 'a[b=c', 'a[][b]=c', 'a]=b'])('refuses %j with a usage error', (text) => {
    expect(() => raw(text)).toThrow(/-f .*expected key=value|\[\] may only end a key/);
    try {
      raw(text);
    } catch (error) {
      expect(exitCodeFor(error)).toBe(2);
    }
  });
});
