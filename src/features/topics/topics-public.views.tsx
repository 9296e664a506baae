import type { PageMeta } from '../../views/layout.js';
import { Layout } from '../../views/layout.js';
import { Pagination } from '../../views/pagination.js';
import { paths } from '../../views/paths.js';
import { useSite } from '../../views/site-context.js';
import { ArticleCardList } from '../articles/article-card.views.js';
import type { ArticleCard } from '../articles/articles.service.js';

export function TopicPage({
  topic,
  cards,
  page,
  hasNext,
}: {
  topic: { slug: string; name: string; description: string | null };
  cards: ArticleCard[];
  page: number;
  hasNext: boolean;
}) {
  const { t } = useSite();
  const path = paths.topic(topic);
  const title = t.site.topic.title(topic.name);
  const meta: PageMeta = {
    title: page > 1 ? `${title} · ${t.common.pagination.page(page)}` : title,
    description: topic.description ?? undefined,
    canonicalPath: page > 1 ? `${path}?pagina=${page}` : path,
    feeds: [[topic.name, `${path}/feed`]],
  };
  return (
    <Layout meta={meta}>
      <h1>{title}</h1>
      {topic.description && <p class="intro">{topic.description}</p>}
      {cards.length === 0 ? (
        <p>{t.site.topic.empty}</p>
      ) : (
        <ArticleCardList cards={cards} headingLevel={2} />
      )}
      <Pagination
        page={page}
        hasNext={hasNext}
        hrefFor={(n) => (n === 1 ? path : `${path}?pagina=${n}`)}
      />
    </Layout>
  );
}
