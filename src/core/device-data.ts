/** Device-monitoring values (providers.md §1), checked the same way by the CLI before sending and by the emulator. */

export const deviceConsentEvents = ['APPROVED', 'REJECTED'] as const;
export const deviceActivityTypes = ['APP_START', 'PASSWORD_RESET', 'CONSENT_PROVIDED'] as const;

/** Standard Base64 with its padding, as the Seon SDK returns it (Buffer.from(…, 'base64') would accept anything). */
export function isStrictBase64(value: string): boolean {
  return value.length > 0 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}

const zonedTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch ms of an ISO 8601 date-time with a zone (`2026-01-31T12:00:00Z`), or undefined. */
export function parseZonedTimestamp(text: string): number | undefined {
  if (!zonedTimestamp.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}
