// Author lists (directory and the "Onze auteurs" sidebar) and the author page.

import type { Author } from '../../db/schema.js';
import type { PageMeta } from '../../views/layout.js';
import { Layout } from '../../views/layout.js';
import { Pagination } from '../../views/pagination.js';
import { paths } from '../../views/paths.js';
import { rawHtml } from '../../views/render.js';
import { useSite } from '../../views/site-context.js';
import { ArticleCardList } from '../articles/article-card.views.js';
import type { ArticleCard } from '../articles/articles.service.js';
import { AuthorPhoto, authorPhotoUrl } from './author-photo.views.js';
import type { AuthorListRow } from './authors-read.repository.js';
import { bioExcerpt } from './bio-excerpt.js';

/** Only http(s) addresses become links: a stored value is never trusted as a scheme. */
export function httpUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function authorPath(author: { slug: string }): string {
  return paths.author(author);
}

/** Photo, name, company and the bio cut near 100 characters with a "meer" link. */
export function AuthorTeaser({
  author,
  compact = false,
}: {
  author: AuthorListRow;
  compact?: boolean;
}) {
  const { t } = useSite();
  const bio = bioExcerpt(author.bio_html);
  return (
    <li class={compact ? 'author-teaser author-teaser--compact' : 'author-teaser'}>
      <AuthorPhoto author={author} size={96} display={compact ? 48 : 72} decorative />
      <div class="author-teaser__text">
        <p class="author-teaser__name">
          <a href={authorPath(author)}>{author.name}</a>
          {author.company && !compact && (
            <span class="author-teaser__company">{author.company}</span>
          )}
        </p>
        {bio.text && (
          <p class="author-teaser__bio">
            {bio.text}{' '}
            <a href={authorPath(author)} class="more-link">
              {t.site.authors.more}
              <span class="visually-hidden"> {t.site.authors.moreAbout(author.name)}</span>
            </a>
          </p>
        )}
      </div>
    </li>
  );
}

export function AuthorsSidebar({ authors }: { authors: AuthorListRow[] }) {
  const { t } = useSite();
  if (authors.length === 0) return null;
  return (
    <section class="sidebar-block" aria-labelledby="onze-auteurs">
      <h2 id="onze-auteurs">{t.site.authors.title}</h2>
      <ul class="author-teasers author-teasers--compact">
        {authors.map((a) => (
          <AuthorTeaser author={a} compact />
        ))}
      </ul>
      <p>
        <a href="/auteurs">{t.site.authors.all}</a>
      </p>
    </section>
  );
}

export function AuthorDirectoryPage({
  authors,
  page,
  hasNext,
}: {
  authors: AuthorListRow[];
  page: number;
  hasNext: boolean;
}) {
  const { t } = useSite();
  const meta: PageMeta = {
    title:
      page > 1
        ? `${t.site.authors.title} · ${t.common.pagination.page(page)}`
        : t.site.authors.title,
    description: t.site.authors.intro,
    canonicalPath: page > 1 ? `/auteurs?pagina=${page}` : '/auteurs',
  };
  return (
    <Layout meta={meta}>
      <h1>{t.site.authors.title}</h1>
      <p class="intro">{t.site.authors.intro}</p>
      {authors.length === 0 ? (
        <p>{t.site.authors.empty}</p>
      ) : (
        <ul class="author-teasers author-directory">
          {authors.map((a) => (
            <AuthorTeaser author={a} />
          ))}
        </ul>
      )}
      <Pagination
        page={page}
        hasNext={hasNext}
        hrefFor={(n) => (n === 1 ? '/auteurs' : `/auteurs?pagina=${n}`)}
      />
    </Layout>
  );
}

export function AuthorPage({
  author,
  cards,
  page,
  hasNext,
}: {
  author: Author;
  cards: ArticleCard[];
  page: number;
  hasNext: boolean;
}) {
  const { t, siteUrl } = useSite();
  const path = authorPath(author);
  const website = httpUrl(author.website);
  const linkedin = httpUrl(author.linkedin);
  const person = {
    '@type': 'Person',
    name: author.name,
    url: siteUrl + path,
    image: author.photo ? siteUrl + authorPhotoUrl(author, 320) : undefined,
    jobTitle: author.role_line ?? undefined,
    worksFor: author.company ? { '@type': 'Organization', name: author.company } : undefined,
    sameAs: [website, linkedin].filter((u): u is string => Boolean(u)),
  };
  const meta: PageMeta = {
    title: author.name,
    description: bioExcerpt(author.bio_html, 160).text,
    canonicalPath: page > 1 ? `${path}?pagina=${page}` : path,
    ogType: 'profile',
    ogImage: author.photo ? siteUrl + authorPhotoUrl(author, 320) : undefined,
    feeds: [[author.name, `${path}/feed`]],
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@type': 'ProfilePage',
        url: siteUrl + path,
        dateModified: author.updated_at,
        mainEntity: person,
      },
    ],
  };
  return (
    <Layout meta={meta}>
      <div class="author-profile">
        <AuthorPhoto author={author} size={320} display={160} />
        <div>
          <h1>{author.name}</h1>
          {(author.role_line || author.company) && (
            <p class="author-profile__role">
              {author.role_line}
              {author.role_line && author.company && ` ${t.site.author.at} `}
              {author.company}
            </p>
          )}
          <div class="prose" dangerouslySetInnerHTML={rawHtml(author.bio_html)} />
          {(website || linkedin) && (
            <ul class="author-profile__links">
              {website && (
                <li>
                  <a href={website} rel="noopener">
                    {t.site.author.website}
                  </a>
                </li>
              )}
              {linkedin && (
                <li>
                  <a href={linkedin} rel="noopener">
                    {t.site.author.linkedin}
                  </a>
                </li>
              )}
            </ul>
          )}
        </div>
      </div>
      <section aria-labelledby="auteur-artikelen">
        <h2 id="auteur-artikelen">{t.site.author.articles(author.name)}</h2>
        {cards.length === 0 ? <p>{t.site.author.noArticles}</p> : <ArticleCardList cards={cards} />}
        <Pagination
          page={page}
          hasNext={hasNext}
          hrefFor={(n) => (n === 1 ? path : `${path}?pagina=${n}`)}
        />
      </section>
    </Layout>
  );
}
