import type { IncomingHttpHeaders } from 'node:http';

/** The inspector's own paths, below `/` (the page): its script, style, state, events and actions. */
export const INSPECTOR_PREFIX = '/_inspector';
export const INSPECTOR_STYLESHEET = `${INSPECTOR_PREFIX}/app.css`;
export const INSPECTOR_SCRIPT_PATH = `${INSPECTOR_PREFIX}/app.js`;

/**
 * Whether a browser says the request comes from a page of this very server: its `Origin` is `http://<Host>`, and
 * `Sec-Fetch-Site`, where sent, agrees. A request without an Origin passes only when `originRequired` is false (a
 * form post from curl or a test; browsers always send one with a POST).
 */
export function isSameOrigin(headers: IncomingHttpHeaders, originRequired: boolean): boolean {
  const { origin, host } = headers;
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  if (origin === undefined) return !originRequired;
  return host !== undefined && origin === `http://${host}`;
}
