/** Fetch one row more than shown to know whether a next page exists, without a count. */
export function pageWindow(page: number, perPage: number) {
  return { limit: perPage + 1, offset: (page - 1) * perPage };
}

export function splitPage<T>(rows: T[], perPage: number): { items: T[]; hasNext: boolean } {
  return { items: rows.slice(0, perPage), hasNext: rows.length > perPage };
}
