import { describe, expect, it } from 'vitest';
import { escapeControlChars, hasControlChars } from './terminal-text.js';

describe('escapeControlChars', () => {
  it.each([
    ['OSC 52 (clipboard write)', '\u001b]52;c;ZWNobyBwd25lZA==\u0007', '\\x1b]52;c;ZWNobyBwd25lZA==\\x07'],
    ['clear screen', 'a\u001b[2J\u001b[Hb', 'a\\x1b[2J\\x1b[Hb'],
    ['carriage return that overwrites a line', 'signature valid\rsignature INVALID', 'signature valid\\x0dsignature INVALID'],
    ['8-bit CSI', 'x\u009b2Jy', 'x\\x9b2Jy'],
    ['DEL and NUL', 'a\u007fb\u0000c', 'a\\x7fb\\x00c'],
    ['right-to-left override', 'invoice\u202egnp.exe', 'invoice\\u202egnp.exe'],
  ])('escapes %s', (_name, input, expected) => {
    expect(escapeControlChars(input)).toBe(expected);
    expect(hasControlChars(input)).toBe(true);
  });

  it('keeps tabs, newlines and ordinary Unicode as they are', () => {
    const text = '{\n\t"name": "Café Zürich €",\n\t"emoji": "✓"\n}';
    expect(escapeControlChars(text)).toBe(text);
    expect(hasControlChars(text)).toBe(false);
  });
});
