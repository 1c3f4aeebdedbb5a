/** Header maps as the CLI builds them: names are case-insensitive (RFC 9110), so each name is looked up and set once. */

export type Headers = Record<string, string>;

/** The value of `name`, whatever the case it was set in. */
export function headerValue(headers: Headers, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === lower)?.[1];
}

/**
 * `base` with each header of `overrides` in place of any of the same name in `base`, whatever the case of either:
 * `-H 'authorization: …'` replaces the computed `Authorization`, and exactly one is sent.
 */
export function withHeaders(base: Headers, overrides: Headers): Headers {
  const replaced = new Set(Object.keys(overrides).map((name) => name.toLowerCase()));
  const merged: Headers = {};
  for (const [name, value] of Object.entries(base)) if (!replaced.has(name.toLowerCase())) merged[name] = value;
  return { ...merged, ...overrides };
}

/** The names in `base` (as `base` spells them) that a header of `overrides` replaces, whatever the case of either. */
export function replacedHeaders(base: Headers, overrides: Headers): string[] {
  const given = new Set(Object.keys(overrides).map((name) => name.toLowerCase()));
  return Object.keys(base).filter((name) => given.has(name.toLowerCase()));
}

/** Exactly this header value: Solaris' community mock rejects a `; charset=` parameter. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** A Content-Type's media type, lower case and without parameters (`application/json; charset=utf-8` → `application/json`); '' for none. */
export function mediaType(contentType: string | undefined): string {
  return contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** `application/json` or a type built on it, such as `application/problem+json`. */
export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}
