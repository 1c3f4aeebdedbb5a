import type { Route, Service } from './types.js';

export type RouteMatch =
  | { kind: 'found'; service: Service; route: Route; path: string; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' };

/** The service of the longest prefix a path is under, and the path below that prefix. */
export function serviceFor(services: readonly Service[], pathname: string): { service: Service; path: string } | undefined {
  const service = services.filter((s) => isUnderPrefix(pathname, s.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  return service === undefined ? undefined : { service, path: pathname.slice(service.prefix.replace(/\/+$/, '').length) || '/' };
}

/** The route for a call: by the longest service prefix, then by the segments of the path below it. */
export function matchRoute(services: readonly Service[], method: string, pathname: string): RouteMatch {
  const found = serviceFor(services, pathname);
  if (found === undefined) return { kind: 'not_found' };
  const { service, path } = found;
  const allow: string[] = [];
  for (const route of service.routes) {
    const params = matchPath(route.path, path);
    if (params === undefined) continue;
    if (route.method === method) return { kind: 'found', service, route, path, params };
    allow.push(route.method);
  }
  return allow.length > 0 ? { kind: 'method_not_allowed', allow: [...new Set(allow)] } : { kind: 'not_found' };
}

/** `/a/b` is under `/a` and `/a/b`, not under `/a/bc`: prefixes end at a segment boundary. */
export function isUnderPrefix(pathname: string, prefix: string): boolean {
  const base = prefix.replace(/\/+$/, '');
  return base === '' || pathname === base || pathname.startsWith(`${base}/`);
}

/** `:name` segments capture one decoded, non-empty segment; everything else must be equal. */
function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of expected.entries()) {
    const value = actual[i] ?? '';
    if (segment.startsWith(':')) {
      const decoded = decodeSegment(value);
      if (decoded === undefined || decoded === '') return undefined;
      params[segment.slice(1)] = decoded;
    } else if (segment !== value) {
      return undefined;
    }
  }
  return params;
}

function decodeSegment(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
