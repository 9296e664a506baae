import type { PageMeta } from '../../views/layout.js';
import { Layout } from '../../views/layout.js';
import { Pagination } from '../../views/pagination.js';
import { paths } from '../../views/paths.js';
import { useSite } from '../../views/site-context.js';
import { ArticleCardList } from '../articles/article-card.views.js';
import type { ArticleCard } from '../articles/articles.service.js';

export interface HomeData {
  latest: ArticleCard[];
  hasNext: boolean;
  page: number;
  best: ArticleCard[];
  /** The least number of votes an article needs to be in `best`. */
  bestMinVotes: number;
  topics: { id: number; slug: string; name: string }[];
}

export function HomePage({ data }: { data: HomeData }) {
  const { t, siteName } = useSite();
  const { page } = data;
  const meta: PageMeta = {
    title: page > 1 ? t.site.home.pageTitle(page) : siteName,
    description: t.site.home.intro,
    canonicalPath: page > 1 ? `/?pagina=${page}` : '/',
  };
  return (
    <Layout meta={meta}>
      <div class="with-sidebar">
        <div>
          {page === 1 && (
            <header class="home-intro">
              <h1>{t.site.home.title}</h1>
              <p class="intro">{t.site.home.intro}</p>
            </header>
          )}
          <section aria-labelledby="nieuwste">
            {page === 1 ? (
              <h2 id="nieuwste">{t.site.home.latest}</h2>
            ) : (
              <h1 id="nieuwste">{t.site.home.pageTitle(page)}</h1>
            )}
            {data.latest.length === 0 ? (
              <p>{t.site.home.empty}</p>
            ) : (
              // On later pages the list's heading is the page's h1: its cards come one level below.
              <ArticleCardList cards={data.latest} headingLevel={page === 1 ? 3 : 2} />
            )}
            <Pagination
              page={page}
              hasNext={data.hasNext}
              hrefFor={(n) => (n === 1 ? '/' : `/?pagina=${n}`)}
            />
          </section>
        </div>
        <aside class="sidebar">
          {data.best.length > 0 && (
            <section class="sidebar-block" aria-labelledby="best-gewaardeerd">
              <h2 id="best-gewaardeerd">{t.site.home.bestGraded}</h2>
              <p class="sidebar-note">{t.site.home.bestGradedNote(data.bestMinVotes)}</p>
              <ArticleCardList cards={data.best} />
            </section>
          )}
          {data.topics.length > 0 && (
            <section class="sidebar-block" aria-labelledby="onderwerpen">
              <h2 id="onderwerpen">{t.site.home.topics}</h2>
              <ul class="topic-list">
                {data.topics.map((tp) => (
                  <li>
                    <a href={paths.topic(tp)}>{tp.name}</a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
      </div>
    </Layout>
  );
}
