// Article cards for every list of articles: title, authors, date, lead, comments, grade.
import { paths } from '../../views/paths.js';
import { useSite } from '../../views/site-context.js';
import { GradeSummary } from '../grades/grades.views.js';
import type { ArticleCard } from './articles.service.js';

export function articlePath(article: { id: number; slug: string }): string {
  return paths.article(article);
}

export function AuthorNames({ authors }: { authors: { slug: string; name: string }[] }) {
  const { t } = useSite();
  return (
    <>
      {authors.map((a, i) => (
        <>
          {i > 0 && (i === authors.length - 1 ? ` ${t.site.article.and} ` : ', ')}
          <a href={paths.author(a)}>{a.name}</a>
        </>
      ))}
    </>
  );
}

export function ArticleCardItem({
  card,
  headingLevel = 3,
}: {
  card: ArticleCard;
  headingLevel?: 2 | 3;
}) {
  const { t, fmt } = useSite();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="card">
      <article>
        <Heading class="card__title">
          <a href={articlePath(card)}>{card.title}</a>
        </Heading>
        <p class="card__meta">
          {card.authors.length > 0 && (
            <>
              {t.site.card.by} <AuthorNames authors={card.authors} />
              {' · '}
            </>
          )}
          {card.publish_at && (
            <time datetime={fmt.isoDate(card.publish_at)}>{fmt.longDate(card.publish_at)}</time>
          )}
        </p>
        {card.lead && <p class="card__lead">{card.lead}</p>}
        <p class="card__stats">
          <a href={`${articlePath(card)}#reacties`}>{t.site.card.comments(card.comment_count)}</a>
          {' · '}
          <GradeSummary totals={card.grade} />
        </p>
      </article>
    </li>
  );
}

export function ArticleCardList({
  cards,
  headingLevel = 3,
}: {
  cards: ArticleCard[];
  headingLevel?: 2 | 3;
}) {
  return (
    <ol class="cards">
      {cards.map((card) => (
        <ArticleCardItem card={card} headingLevel={headingLevel} />
      ))}
    </ol>
  );
}
