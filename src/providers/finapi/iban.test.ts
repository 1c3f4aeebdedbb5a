import { describe, expect, it } from 'vitest';
import { blzOfIban, isValidIban } from './iban.js';

describe('isValidIban', () => {
  it.each(['DE89370400440532013000', 'DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'de89370400440532013000'])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each(['DE89370400440532013001', 'DE8937040044', 'XX', '1234567890123456', 'DE89-3704-0044-0532-0130-00'])('refuses %s', (iban) => {
    expect(isValidIban(iban)).toBe(false);
  });
});

describe('blzOfIban', () => {
  it('takes the bank code from a German IBAN only', () => {
    expect(blzOfIban('DE89 3704 0044 0532 0130 00')).toBe('37040044');
    expect(blzOfIban('GB82WEST12345698765432')).toBeUndefined();
  });
});
