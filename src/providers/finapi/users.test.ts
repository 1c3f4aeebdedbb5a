import { describe, expect, it } from 'vitest';
import { generatePassword, passwordProblem, userIdProblem } from './users.js';

describe('finAPI user rules', () => {
  it('generates 32 letters and digits, differently each time', () => {
    const passwords = Array.from({ length: 50 }, () => generatePassword());
    for (const password of passwords) {
      expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(passwordProblem(password)).toBeUndefined();
    }
    expect(new Set(passwords).size).toBe(50);
  });

  it('draws each character from the whole alphabet', () => {
    expect(generatePassword(() => 0)).toBe('A'.repeat(32));
    expect(generatePassword((max) => max - 1)).toBe('9'.repeat(32));
  });

  it.each([
    ['alice', true],
    ['a.b-c_d+e@example.com', true],
    ['x'.repeat(36), true],
    ['x'.repeat(37), false],
    ['', false],
    ['has space', false],
    ['ümlaut', false],
  ])('user id %j valid: %s', (id, valid) => {
    expect(userIdProblem(id) === undefined).toBe(valid);
  });

  it.each([
    [5, false],
    [6, true],
    [128, true],
    [129, false],
  ])('a password of %i characters is valid: %s', (length, valid) => {
    expect(passwordProblem('p'.repeat(length)) === undefined).toBe(valid);
  });
});
