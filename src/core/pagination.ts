/**
 * Following a paginated list to its end: Solaris pages with `page[number]` / `page[size]` and answers with an
 * RFC 8288 `link` header (`rel="next"`) and a `total` header. Either may be missing, so each is used when present.
 */

/** `<url>; rel="next", <url>; rel="last"` → rel → URL (the first URL of each rel). */
export function parseLinkHeader(value: string | undefined): Map<string, string> {
  const links = new Map<string, string>();
  for (const match of (value ?? '').matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    const rels = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(match[2] ?? '')?.[1];
    for (const rel of rels?.trim().split(/\s+/) ?? []) if (!links.has(rel.toLowerCase())) links.set(rel.toLowerCase(), match[1] ?? '');
  }
  return links;
}

export interface PageAnswer {
  /** The page just received (from 1). */
  number: number;
  size: number;
  /** Items on this page. */
  received: number;
  /** Items on all pages so far, this one included. */
  fetched: number;
  /** The `link` and `total` headers, when the answer had them. */
  link?: string;
  total?: string;
}

/** The page to ask for next, or undefined when this one was the last. */
export function nextPageNumber(page: PageAnswer): number | undefined {
  if (page.received === 0) return undefined;
  const total = page.total === undefined || !/^\d+$/.test(page.total.trim()) ? undefined : Number(page.total);
  if (total !== undefined && page.fetched >= total) return undefined;
  if (page.link !== undefined) {
    const next = parseLinkHeader(page.link).get('next');
    if (next === undefined) return undefined;
    const named = Number(new URL(next, 'http://relative.invalid').searchParams.get('page[number]'));
    // A next link that points back would loop forever.
    if (Number.isInteger(named) && named > 0) return named > page.number ? named : undefined;
    return page.number + 1;
  }
  if (total !== undefined) return page.number + 1;
  return page.received >= page.size ? page.number + 1 : undefined;
}
