// The search page: the form, then ranked results with highlighted snippets.

import { Layout } from '../../views/layout.js';
import { Pagination } from '../../views/pagination.js';
import { paths } from '../../views/paths.js';
import { useSite } from '../../views/site-context.js';
import { RESULTS_PER_PAGE, type SearchOutcome, type SearchResult } from './search.service.js';
import { MAX_QUERY_LENGTH, type SnippetPart } from './search.text.js';

function Snippet({ parts }: { parts: SnippetPart[] }) {
  // Every part is text, escaped by Preact; only our own <mark> elements are markup.
  return <>{parts.map((part) => (part.match ? <mark>{part.text}</mark> : part.text))}</>;
}

function ResultItem({ item }: { item: SearchResult }) {
  const { t, fmt } = useSite();
  return (
    <li class="search-result">
      <h3 class="search-result__title">
        <a href={paths.article(item)}>{item.title}</a>
      </h3>
      <p class="search-result__meta">
        {item.authors.length > 0 && (
          <>
            {t.search.by}{' '}
            {item.authors.map((author, i) => (
              <>
                {i > 0 && ', '}
                <a href={paths.author(author)}>{author.name}</a>
              </>
            ))}
          </>
        )}
        {item.authors.length > 0 && item.publishAt && ' · '}
        {item.publishAt && <time datetime={item.publishAt}>{fmt.longDate(item.publishAt)}</time>}
      </p>
      <p class="search-result__snippet">
        {item.snippet.length > 0 ? <Snippet parts={item.snippet} /> : item.lead}
      </p>
    </li>
  );
}

export interface SearchPageProps {
  query: string;
  outcome?: SearchOutcome;
  /** A message about the query itself (too long, not one value). */
  error?: string;
}

export function SearchPage({ query, outcome, error }: SearchPageProps) {
  const { t } = useSite();
  const searched = query.trim() !== '' && !error;
  return (
    <Layout
      meta={{ title: searched ? t.search.resultsTitle(query) : t.search.title, noindex: true }}
    >
      <h1>{t.search.title}</h1>
      <form
        class="search-form"
        action="/zoeken"
        method="get"
        role="search"
        aria-labelledby="search-q-label"
      >
        <label id="search-q-label" for="search-q">
          {t.search.label}
        </label>
        <input
          id="search-q"
          type="search"
          name="q"
          value={query}
          maxLength={MAX_QUERY_LENGTH}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'search-q-error' : 'search-q-hint'}
        />
        {error ? (
          <p id="search-q-error" class="field-error">
            {error}
          </p>
        ) : (
          <p id="search-q-hint" class="field-hint">
            {t.search.hint}
          </p>
        )}
        <button type="submit">{t.search.submit}</button>
      </form>
      {searched && outcome && outcome.items.length === 0 && (
        <div class="search-empty">
          <p>{t.search.noResults(query)}</p>
          <p>{t.search.noResultsHint}</p>
        </div>
      )}
      {searched && outcome && outcome.items.length > 0 && (
        <section aria-labelledby="search-results-heading">
          <h2 id="search-results-heading">{t.search.resultsHeading}</h2>
          <ol class="search-results" start={(outcome.page - 1) * RESULTS_PER_PAGE + 1}>
            {outcome.items.map((item) => (
              <ResultItem item={item} />
            ))}
          </ol>
          <Pagination
            page={outcome.page}
            hasNext={outcome.hasNext}
            hrefFor={(page) => `/zoeken?q=${encodeURIComponent(query)}&pagina=${page}`}
          />
        </section>
      )}
    </Layout>
  );
}
