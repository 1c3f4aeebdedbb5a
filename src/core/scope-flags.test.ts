import { describe, expect, it } from 'vitest';
import { scopeFlags } from './scope-flags.js';

describe('scopeFlags', () => {
  it.each([
    ['default', 'sandbox', ''],
    ['acme', 'sandbox', ' --profile acme'],
    ['default', 'emulator', ' --env emulator'],
    ['acme', 'production', ' --profile acme --env production'],
  ] as const)('%s in %s: "%s"', (profile, environment, flags) => {
    expect(scopeFlags(profile, environment)).toBe(flags);
  });
});
