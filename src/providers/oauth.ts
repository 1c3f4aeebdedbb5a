/** OAuth form bodies, as the token requests send them. */
export function formBody(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) params.append(name, value);
  return params.toString();
}

/** Exactly this header value: Solaris' community mock rejects a `; charset=` parameter. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
