/** Reads ?pagina=N (or ?page=N) safely: anything odd is page 1; huge numbers are capped. */
export function pageFromQuery(query: unknown, max = 10_000): number {
  const q = (query ?? {}) as Record<string, unknown>;
  const raw = q['pagina'] ?? q['page'];
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.min(Math.max(n, 1), max);
}

/** Fetch one row more than shown to know whether a next page exists, without a count. */
export function pageWindow(page: number, perPage: number) {
  return { limit: perPage + 1, offset: (page - 1) * perPage };
}

export function splitPage<T>(rows: T[], perPage: number): { items: T[]; hasNext: boolean } {
  return { items: rows.slice(0, perPage), hasNext: rows.length > perPage };
}
