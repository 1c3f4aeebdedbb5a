import { describe, expect, it } from 'vitest';
import { isJsonMediaType, mediaType } from './headers.js';

describe('mediaType', () => {
  it('drops the parameters and the case of a Content-Type', () => {
    expect(mediaType('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaType(' application/x-www-form-urlencoded ')).toBe('application/x-www-form-urlencoded');
    expect(mediaType(undefined)).toBe('');
    expect(mediaType('')).toBe('');
  });

  it('knows JSON and the types built on it', () => {
    expect(isJsonMediaType('application/json')).toBe(true);
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('text/json-ish')).toBe(false);
  });
});
