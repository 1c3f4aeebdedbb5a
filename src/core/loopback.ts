/** Loopback names: what a local server may trust as "this machine" in a URL or a Host header. */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * `localhost` and its subdomains (RFC 6761: they never leave the machine, and browsers resolve them to loopback),
 * 127.0.0.0/8 and ::1, with or without the brackets URLs put around IPv6.
 */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '::1' || name === '[::1]') return true;
  const quad = IPV4.exec(name);
  return quad !== null && quad.slice(1).every((part) => Number(part) <= 255) && quad[1] === '127';
}

/** A host and an optional port, nothing else: `/`, `@`, `?` or `#` would make the URL parser read another host. */
const HOST_HEADER = /^(?:\[[0-9a-f:.]+\]|[^\s/?#@[\]:]+)(?::\d{1,5})?$/i;

/** The host name of a Host header (`127.0.0.1:4010`, `[::1]:4010`), or undefined when it is not one. */
export function hostHeaderName(host: string): string | undefined {
  if (!HOST_HEADER.test(host) || !URL.canParse(`http://${host}/`)) return undefined;
  return new URL(`http://${host}/`).hostname;
}
