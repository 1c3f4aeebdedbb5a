import type { Explanation, ExplainInput } from './explain.js';

/**
 * The report of a fingerprint that differs, as the library's `explainSoldoFingerprint` returns it and `soldo
 * fingerprint --expect --json` prints it (its `expect` member, in snake_case), with the secrets the search compared
 * shown by name.
 */

/** Secrets a buggy string may hold in place of the fingerprint token, and what is shown instead. */
export type Masks = readonly (readonly [secret: string, shown: string])[];

/** The client secret and access tokens the search compared: shown by name, never printed. */
export function masksOf(input: ExplainInput): Masks {
  const tokens = [input.accessToken, ...(input.accessTokens ?? [])].filter((t): t is string => t !== undefined && t !== '');
  return [...(input.clientSecret ? [[input.clientSecret, '<client secret>'] as const] : []), ...tokens.map((t) => [t, '<access token>'] as const)];
}

export function masked(text: string, masks: Masks): string {
  return masks.reduce((result, [secret, shown]) => result.split(secret).join(shown), text);
}

export interface MistakeReport {
  name: string;
  explanation: string;
  hashed: string;
  /** The same as `hashed`; the older name. */
  concatenated: string;
}

export type MismatchReport =
  | { expected: string; equal: true }
  | { expected: string; equal: false; mistakes: MistakeReport[]; tried: string[]; triedPairs: number; notes: string[] };

export function mismatchReport(expected: string, explanation: Explanation | undefined, masks: Masks = []): MismatchReport {
  if (explanation === undefined) return { expected, equal: true };
  return {
    expected,
    equal: false,
    mistakes: explanation.matches.map(({ name, explanation: text, hashed }) => {
      const shown = masked(hashed, masks);
      return { name, explanation: text, hashed: shown, concatenated: shown };
    }),
    tried: explanation.triedNames,
    triedPairs: explanation.triedPairs,
    notes: explanation.notes,
  };
}
