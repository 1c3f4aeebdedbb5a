/** ISO 13616 IBAN check: country code, two check digits, up to 30 letters and digits, mod 97 = 1. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  // Letters count as 10–35; the remainder is taken digit by digit, since the number exceeds any float.
  let remainder = 0;
  for (const char of rearranged) {
    for (const digit of String(parseInt(char, 36))) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** The German bank code (BLZ) inside a German IBAN. */
export function blzOfIban(iban: string): string | undefined {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  return compact.startsWith('DE') ? compact.slice(4, 12) : undefined;
}
