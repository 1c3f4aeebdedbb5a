import { IDENTITY_LIFETIME_DAYS, MAX_EXCHANGES } from '../../providers/finapi/process-token-rules.js';
import type { RunContext } from '../../run-context.js';
import type { OptionSpec, OptionValues } from '../spec.js';

const { invalidated, reusable } = IDENTITY_LIFETIME_DAYS;

export const noInvalidateOption = {
  flags: '--no-invalidate',
  description: `keep the process token exchangeable (up to ${MAX_EXCHANGES} exchanges; the identity lives ${reusable} days instead of ${invalidated})`,
} as const satisfies OptionSpec;

/** finAPI's recommended `invalidate=true` unless `--no-invalidate`, whose cost is said on stderr. */
export function invalidateFrom({ invalidate }: OptionValues<readonly [typeof noInvalidateOption]>, cx: RunContext): boolean {
  if (invalidate) return true;
  cx.io.warn(
    `--no-invalidate: the process token stays exchangeable, up to ${MAX_EXCHANGES} exchanges in all, and the identity ` +
      `behind it lives ${reusable} days instead of ${invalidated}. Keep the process token as secret as a password.`,
  );
  return false;
}
