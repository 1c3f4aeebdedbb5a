import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { explainMismatch, type ExplainInput } from './explain.js';

const hash = (text: string, algorithm = 'sha512', encoding: 'hex' | 'base64' = 'hex') => createHash(algorithm).update(text, 'utf8').digest(encoding);

/** Our order is id, amount, active, tags, status, token; the request also has `page` and `note`. */
const input: ExplainInput = {
  order: { order: ['id', 'amount', 'active', 'tags', 'status', 'token'] },
  pathParams: { id: 'P1' },
  query: 'status=open&page=2',
  body: '{"note":"hi","amount":10,"active":true,"tags":["a","b"]}',
  token: 'TOK',
  accessToken: 'ACCESS',
};
const ours = 'P110trueabopenTOK';

const hashingMistakes = new Set(['uppercase-hex', 'sha256', 'sha1', 'sha512-base64']);
const matchedNames = (expected: string, over: ExplainInput = input) => explainMismatch(over, expected).matches.map((m) => m.name);

describe('explainMismatch', () => {
  it('reports our fingerprint and finds nothing when the expected one is ours', () => {
    const result = explainMismatch(input, hash(ours));
    expect(result.ourFingerprint).toBe(hash(ours));
    expect(result.matches).toEqual([]);
    expect(result.tried).toBeGreaterThan(20);
  });

  it.each([
    ['uppercase-hex', hash(ours).toUpperCase()],
    ['sha256', hash(ours, 'sha256')],
    ['sha1', hash(ours, 'sha1')],
    ['sha512-base64', hash(ours, 'sha512', 'base64')],
    ['trailing-newline', hash(`${ours}\n`)],
    ['token-missing', hash('P110trueabopen')],
    ['access-token', hash('P110trueabopenACCESS')],
    ['alphabetical-order', hash('true10P1openabTOK')],
    ['reversed-order', hash('openabtrue10P1TOK')],
    ['body-then-query', hash('10trueabopenP1TOK')],
    ['request-order', hash('P1open10trueabTOK')],
    ['every-request-value', hash('P1open2hi10trueabTOK')],
    ['extra-field:note', hash('P1hi10trueabopenTOK')],
    ['extra-field-at-end:note', hash('P110trueabopenhiTOK')],
    ['extra-field:page', hash('P110trueabopen2TOK')],
    ['separator:","', hash('P1,10,true,ab,open,TOK')],
    ['separator:"|"', hash('P1|10|true|ab|open|TOK')],
    ['separator:"&"', hash('P1&10&true&ab&open&TOK')],
    ['separator:";"', hash('P1;10;true;ab;open;TOK')],
    ['separator:" "', hash('P1 10 true ab open TOK')],
    ['separator:"\\n"', hash('P1\n10\ntrue\nab\nopen\nTOK')],
    ['name-value-pairs', hash('id=P1&amount=10&active=true&tags=ab&status=open&token=TOK')],
    ['name-value-concatenated', hash('id=P1amount=10active=truetags=abstatus=opentoken=TOK')],
    ['list-separator-comma', hash('P110truea,bopenTOK')],
    ['boolean-digits', hash('P1101abopenTOK')],
    ['boolean-capitalised', hash('P110TrueabopenTOK')],
    ['number-one-decimal', hash('P110.0trueabopenTOK')],
    ['number-two-decimals', hash('P110.00trueabopenTOK')],
  ])('recognises %s', (name, expected) => {
    expect(matchedNames(expected)).toEqual([name]);
    const [match] = explainMismatch(input, expected).matches;
    expect(match?.explanation).toMatch(/^Your code .+\.$/);
    // A hashing mistake hashes our own string; every other mistake hashes the string it shows.
    if (hashingMistakes.has(name)) expect(match?.concatenated).toBe(ours);
    else expect(hash(match?.concatenated ?? '')).toBe(expected);
  });

  it('recognises numbers re-formatted from how they were sent', () => {
    const sent = { ...input, body: '{"amount":10.50}' };
    expect(matchedNames(hash('P110.5openTOK'), sent)).toEqual(['number-reformatted']);
  });

  it('recognises a list separator that is not ours', () => {
    const commaOurs = { ...input, options: { listSeparator: ',' } };
    expect(matchedNames(hash(ours), commaOurs)).toEqual(['list-separator-none']);
  });

  it('also recognises an uppercase hash on top of another mistake', () => {
    const [match] = explainMismatch(input, hash('true10P1openabTOK').toUpperCase()).matches;
    expect(match).toMatchObject({ name: 'alphabetical-order+uppercase-hex', concatenated: 'true10P1openabTOK' });
    expect(match?.explanation).toMatch(/uppercase/);
  });

  it('ignores surrounding whitespace in the expected value', () => {
    expect(matchedNames(`  ${hash('P110trueabopen')}\n`)).toEqual(['token-missing']);
  });

  it('finds nothing for an unrelated fingerprint', () => {
    expect(explainMismatch(input, hash('something else')).matches).toEqual([]);
  });

  it('uses the same generated request_timestamp in every variant', () => {
    let now = 1_700_000_000_000;
    const timed: ExplainInput = { order: { order: ['request_timestamp', 'name', 'token'] }, body: '{"name":"N"}', token: 'TOK', options: { now: () => now++ } };
    expect(matchedNames(hash('1700000000000N'), timed)).toEqual(['token-missing']);
  });

  it('stays bounded however many fields the body has', () => {
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`extra${i}`, `v${i}`])));
    expect(explainMismatch({ ...input, body }, 'x').tried).toBeLessThan(80);
  });

  it('says what a fingerprint cannot show', () => {
    const { notes } = explainMismatch({ ...input, order: { order: ['request_timestamp', 'token'] }, token: undefined }, 'x');
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(/Signing the concatenated string instead of its SHA-512 hex/);
    expect(notes.join(' ')).toMatch(/request_timestamp/);
  });
});
