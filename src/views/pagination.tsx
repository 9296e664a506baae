import { useSite } from './site-context.js';

/** Previous/next links for any list that can grow; `page` is 1-based. */
export function Pagination({
  page,
  hasNext,
  hrefFor,
}: {
  page: number;
  hasNext: boolean;
  hrefFor: (page: number) => string;
}) {
  const { t } = useSite();
  if (page <= 1 && !hasNext) return null;
  return (
    <nav class="pagination" aria-label={t.common.pagination.label}>
      {page > 1 && (
        <a rel="prev" href={hrefFor(page - 1)}>
          {t.common.pagination.previous}
        </a>
      )}
      <span>{t.common.pagination.page(page)}</span>
      {hasNext && (
        <a rel="next" href={hrefFor(page + 1)}>
          {t.common.pagination.next}
        </a>
      )}
    </nav>
  );
}
