import { Layout } from './layout.js';
import { useSite } from './site-context.js';

export function NotFoundPage() {
  const { t } = useSite();
  return (
    <Layout meta={{ title: t.common.errors.notFoundTitle, noindex: true }}>
      <section class="error-page">
        <h1>{t.common.errors.notFoundTitle}</h1>
        <p>{t.common.errors.notFoundText}</p>
        <form
          action="/zoeken"
          method="get"
          role="search"
          class="error-page__search"
          aria-labelledby="error-search-label"
        >
          <label id="error-search-label" for="error-search-q">
            {t.search.label}
          </label>
          <input id="error-search-q" type="search" name="q" />
          <button type="submit">{t.common.nav.search}</button>
        </form>
        <p>
          <a href="/">{t.common.errors.backHome}</a>
        </p>
      </section>
    </Layout>
  );
}

export function ErrorPage({ status, message }: { status: number; message?: string }) {
  const { t } = useSite();
  const title =
    status >= 500 ? t.common.errors.serverErrorTitle : (message ?? t.common.errors.bad_request);
  return (
    <Layout meta={{ title, noindex: true }}>
      <section class="error-page">
        <h1>{title}</h1>
        <p>{status >= 500 ? t.common.errors.serverErrorText : message}</p>
        <p>
          <a href="/">{t.common.errors.backHome}</a>
        </p>
      </section>
    </Layout>
  );
}
