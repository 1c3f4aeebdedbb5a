import { describe, expect, it } from 'vitest';
import { describeJsonError, findJsonError, prettyJson } from './json-text.js';

describe('findJsonError', () => {
  it.each(['{}', '[]', ' {"a": [1, 2.50, -3e2, true, null, "x\\"y"]} \n', '"text"', '0'])('accepts %j', (text) => {
    expect(findJsonError(text)).toBeUndefined();
  });

  it.each([
    ['{"a":}', 5, 1, 6],
    ['{"a":1,}', 7, 1, 8],
    ['{\n  "a": 1\n  "b": 2\n}', 13, 3, 3],
    ["{'a':1}", 1, 1, 2],
    ['[1 2]', 3, 1, 4],
  ])('finds the first error in %j', (text, offset, line, column) => {
    expect(findJsonError(text)).toEqual({ offset, line, column, atEnd: false });
  });

  it('says when the text ends too early, without quoting it', () => {
    expect(describeJsonError('{"secret": "abc')).toBe('unexpected character at line 1, column 12 (position 11)');
    expect(describeJsonError('{"a": 1')).toBe('unexpected end of input at line 1, column 8 (position 7)');
    expect(describeJsonError('')).toBe('unexpected end of input at line 1, column 1 (position 0)');
  });
});

describe('prettyJson', () => {
  it('indents by two spaces and keeps every token as written', () => {
    const text = '{"amount":10.50,"id":12345678901234567890,"tags":[],"empty":{},"list":[1,{"a":"b, c: [d]"}],"ok":true}';
    expect(prettyJson(text)).toBe(
      '{\n  "amount": 10.50,\n  "id": 12345678901234567890,\n  "tags": [],\n  "empty": {},\n  "list": [\n    1,\n    {\n      "a": "b, c: [d]"\n    }\n  ],\n  "ok": true\n}',
    );
    expect(JSON.parse(prettyJson(text))).toEqual(JSON.parse(text));
  });

  it('leaves scalars alone and re-indents indented JSON the same way', () => {
    expect(prettyJson(' "x" ')).toBe('"x"');
    expect(prettyJson(prettyJson('[{"a":[1,2]}]'))).toBe(prettyJson('[{"a":[1,2]}]'));
  });
});
