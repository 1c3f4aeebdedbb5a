/**
 * Which requests may be sent twice, and what a failed one that may not must say. Every request that is not a read can
 * move money (a Soldo transfer is a PUT), whatever HTTP calls idempotent.
 */

/** Methods that only read: sending them twice changes nothing. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** The end of the error line of a write that failed after it may have reached the server. */
export function mayHaveBeenCarriedOut(method: string): string {
  return `the ${method.toUpperCase()} may have been carried out: check before sending it again`;
}
