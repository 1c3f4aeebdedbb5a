import { describe, expect, it } from 'vitest';
import { isStrictBase64, parseZonedTimestamp } from './device-data.js';

describe('isStrictBase64', () => {
  it.each([
    ['eyJkZXZpY2UiOiJ4In0=', true],
    ['YWJj', true],
    ['YWJjZA==', true],
    ['', false],
    ['YWJjZA', false],
    ['YWJj ZA==', false],
    ['YW=j', false],
    ['YWJjZA-_', false],
  ])('%s → %s', (value, expected) => {
    expect(isStrictBase64(value)).toBe(expected);
  });
});

describe('parseZonedTimestamp', () => {
  it('accepts ISO 8601 date-times with a zone only', () => {
    expect(parseZonedTimestamp('2026-01-31T12:00:00Z')).toBe(Date.UTC(2026, 0, 31, 12));
    expect(parseZonedTimestamp('2026-01-31T13:00:00.5+01:00')).toBe(Date.UTC(2026, 0, 31, 12, 0, 0, 500));
    expect(parseZonedTimestamp('2026-01-31T12:00:00')).toBeUndefined();
    expect(parseZonedTimestamp('2026-01-31')).toBeUndefined();
    expect(parseZonedTimestamp('2026-13-01T12:00:00Z')).toBeUndefined();
  });
});
