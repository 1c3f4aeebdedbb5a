import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JavaScript generator script, without type declarations
import { generateSoldoContract, OUTPUT_FILE, readInputs } from '../../../scripts/gen-soldo-contract.mjs';

describe('src/emulator/soldo/contract.json', () => {
  it('is what scripts/gen-soldo-contract.mjs makes of the vendored spec (npm run gen:soldo-contract)', () => {
    const { spec, signedOperationIds } = readInputs() as { spec: unknown; signedOperationIds: string[] };
    const shipped = readFileSync(new URL(`../../../${OUTPUT_FILE as string}`, import.meta.url), 'utf8');
    expect(shipped).toBe(generateSoldoContract(spec, signedOperationIds));
  });
});
