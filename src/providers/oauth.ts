/** OAuth form bodies, as the token requests send them. */
export function formBody(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) params.append(name, value);
  return params.toString();
}

export { FORM_CONTENT_TYPE } from '../core/headers.js';
