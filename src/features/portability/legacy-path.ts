/** The key an old URL path is stored and looked up under: lower case, no trailing slash. */
export function legacyPathOf(pathname: string): string {
  const trimmed = pathname.trim().replace(/\/+$/, '');
  const withSlash = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  return withSlash.toLowerCase() || '/';
}

/** "?p=123" or "?page_id=7" from a query string, when it asks for a WordPress post or page. */
export function legacyQueryOf(query: URLSearchParams): string | undefined {
  const p = query.get('p');
  if (p && /^\d+$/.test(p)) return `?p=${p}`;
  const page = query.get('page_id');
  if (page && /^\d+$/.test(page)) return `?page_id=${page}`;
  return undefined;
}
