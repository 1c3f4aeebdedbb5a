/**
 * What finAPI's Process Controller allows a process token (providers.md §2): the CLI explains these limits and the
 * emulator enforces them.
 */

/** A process token can be exchanged at most this many times (fewer if an exchange invalidates it). */
export const MAX_EXCHANGES = 10;
/** How long finAPI keeps the identity behind a process token, by whether the exchange invalidated it. */
export const IDENTITY_LIFETIME_DAYS = { invalidated: 1, reusable: 30 } as const;
