// The article page: title, byline, lead, body, topics, grade, comments, related, share,
// and the "Onze auteurs" sidebar, with Article and BreadcrumbList structured data. The parts
// that are the same for every reader are rendered once per change (article-frame.ts).

import type { ComponentChildren } from 'preact';
import type { PageMeta } from '../../views/layout.js';
import { Layout } from '../../views/layout.js';
import { paths } from '../../views/paths.js';
import { rawHtml } from '../../views/render.js';
import { useSite } from '../../views/site-context.js';
import { AuthorPhoto, authorPhotoUrl } from '../authors/author-photo.views.js';
import { authorPath } from '../authors/authors.views.js';
import type { ArticleComments } from '../comments/comments.page.js';
import { CommentList } from '../comments/comments.views.js';
import type { GradeTotalsView } from '../grades/grade-totals.js';
import type { ArticleGrading } from '../grades/grades.page.js';
import { GradeDisplay } from '../grades/grades.views.js';
import { PlacedSubscribeBox, type SubscribeBoxData } from '../newsletters/subscribe-box.js';
import { articlePath } from './article-card.views.js';
import type { ArticleFrameData } from './article-frame.js';
import type { ArticleSummaryRow, BylineAuthorRow } from './articles-read.repository.js';

function ShareLinks({ url, title }: { url: string; title: string }) {
  const { t } = useSite();
  const u = encodeURIComponent(url);
  // Plain links only: nothing is loaded from these networks until the reader clicks.
  const links: [string, string, string][] = [
    ['email', t.site.article.shareEmail, `mailto:?subject=${encodeURIComponent(title)}&body=${u}`],
    [
      'linkedin',
      t.site.article.shareLinkedIn,
      `https://www.linkedin.com/sharing/share-offsite/?url=${u}`,
    ],
    [
      'x',
      t.site.article.shareX,
      `https://x.com/intent/post?url=${u}&text=${encodeURIComponent(title)}`,
    ],
    ['facebook', t.site.article.shareFacebook, `https://www.facebook.com/sharer/sharer.php?u=${u}`],
  ];
  return (
    <nav class="share" aria-labelledby="delen-titel">
      <h2 id="delen-titel" class="share__title">
        {t.site.article.share}
      </h2>
      <ul>
        {links.map(([key, label, href]) => (
          <li>
            <a
              class={`share__link share__link--${key}`}
              href={href}
              rel={key === 'email' ? undefined : 'noopener noreferrer'}
              title={key === 'email' ? undefined : t.site.article.shareHint(label)}
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Byline({ article, authors }: { article: ArticleSummaryRow; authors: BylineAuthorRow[] }) {
  const { t, fmt } = useSite();
  return (
    <div class="byline">
      <ul class="byline__authors">
        {authors.map((a) => (
          <li class="byline__author">
            <AuthorPhoto author={a} size={96} display={48} decorative />
            <span>
              <a class="byline__name" href={authorPath(a)}>
                {a.name}
              </a>
              {a.company && <span class="byline__company">{a.company}</span>}
            </span>
          </li>
        ))}
      </ul>
      {article.publish_at && (
        <p class="byline__date">
          {t.site.article.publishedOn}{' '}
          <time datetime={fmt.isoDate(article.publish_at)}>{fmt.longDate(article.publish_at)}</time>
        </p>
      )}
    </div>
  );
}

/** The later of two ISO times (ISO strings order like the times they name). */
function laterOf(a: string, b: string): string {
  if (a > b) return a;
  return b;
}

export function articleJsonLd(
  data: ArticleFrameData,
  siteUrl: string,
  siteName: string,
  home: string,
) {
  const { article, authors, topics } = data;
  const url = siteUrl + articlePath(article);
  const published = article.publish_at ?? article.updated_at;
  const crumbs = [
    { name: home, item: `${siteUrl}/` },
    ...(topics[0]
      ? [{ name: topics[0].name, item: `${siteUrl}/onderwerp/${topics[0].slug}` }]
      : []),
    { name: article.title, item: url },
  ];
  return [
    {
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: article.title,
      description: article.lead || undefined,
      mainEntityOfPage: url,
      url,
      datePublished: published,
      dateModified: laterOf(article.updated_at, published),
      author: authors.map((a) => ({
        '@type': 'Person',
        name: a.name,
        url: siteUrl + authorPath(a),
        image: a.photo ? siteUrl + authorPhotoUrl(a, 320) : undefined,
        worksFor: a.company ? { '@type': 'Organization', name: a.company } : undefined,
      })),
      publisher: { '@type': 'Organization', name: siteName, url: `${siteUrl}/` },
      keywords: topics.map((tp) => tp.name).join(', ') || undefined,
    },
    {
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: crumbs.map((c, i) => ({
        '@type': 'ListItem',
        position: i + 1,
        name: c.name,
        item: c.item,
      })),
    },
  ];
}

/** The head of the page: title, description, canonical link and structured data. */
export function articleMeta(
  data: ArticleFrameData,
  site: { siteUrl: string; siteName: string; breadcrumbHome: string },
): PageMeta {
  const { article } = data;
  return {
    title: article.title,
    description: article.lead || undefined,
    canonicalPath: articlePath(article),
    ogType: 'article',
    jsonLd: articleJsonLd(data, site.siteUrl, site.siteName, site.breadcrumbHome),
  };
}

/** Header, byline, lead, body, topics and share links: the same for every reader. */
export function ArticleTop({ data }: { data: ArticleFrameData }) {
  const { t, siteUrl } = useSite();
  const { article, authors, topics } = data;
  return (
    <>
      <header class="article__header">
        <h1 id="artikel-titel">{article.title}</h1>
        <Byline article={article} authors={authors} />
      </header>
      {article.lead && <p class="article__lead">{article.lead}</p>}
      <div class="prose" dangerouslySetInnerHTML={rawHtml(article.body_html)} />
      {topics.length > 0 && (
        <p class="article__topics">
          {t.site.article.moreAbout}{' '}
          {topics.map((tp, i) => (
            <>
              {i > 0 && ', '}
              <a href={paths.topic(tp)}>{tp.name}</a>
            </>
          ))}
        </p>
      )}
      <ShareLinks url={siteUrl + articlePath(article)} title={article.title} />
    </>
  );
}

export function RelatedArticles({ related }: { related: ArticleSummaryRow[] }) {
  const { t } = useSite();
  if (related.length === 0) return null;
  return (
    <section class="sidebar-block" aria-labelledby="gerelateerd">
      <h2 id="gerelateerd">{t.site.article.related}</h2>
      <ul class="related">
        {related.map((r) => (
          <li>
            <a href={articlePath(r)}>{r.title}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Reader-independent parts of the page, rendered once per change (article-frame.tsx). */
export interface ArticlePieces {
  /** ArticleTop as HTML. */
  top: string;
  /** RelatedArticles as HTML. */
  related: string;
  /** The "Onze auteurs" sidebar as HTML (authors/authors-sidebar.tsx). */
  authors: string;
}

/** What a view renders anew every time: the grade, the newsletter box and the comments. */
export function ArticleResponse({
  articleId,
  grade,
  newsletter,
  grading,
  discussion,
}: {
  articleId: number;
  grade: GradeTotalsView | undefined;
  newsletter: SubscribeBoxData;
  /** The reader's own grade and thank-you (grades/grades.page.ts). */
  grading?: ArticleGrading;
  /** The comments with this reader's own, and the form (comments/comments.page.ts). */
  discussion: ArticleComments;
}) {
  return (
    <>
      <GradeDisplay
        totals={grade}
        articleId={articleId}
        ownScore={grading?.ownScore}
        notice={grading?.notice}
      />
      <PlacedSubscribeBox box={newsletter} at="article-end" />
      <CommentList comments={discussion.comments} section={discussion.section} />
    </>
  );
}

/**
 * The article page: its kept pieces around `children`, the part rendered per view
 * (ArticleResponse). article-frame.tsx also renders it once with a marker as the children,
 * to keep the page around that part as two strings.
 */
export function ArticlePage({
  meta,
  pieces,
  newsletter,
  children,
}: {
  meta: PageMeta;
  pieces: ArticlePieces;
  newsletter: SubscribeBoxData;
  children: ComponentChildren;
}) {
  return (
    <Layout meta={meta}>
      <div class="with-sidebar">
        <article class="article" aria-labelledby="artikel-titel">
          <div class="article__frame" dangerouslySetInnerHTML={rawHtml(pieces.top)} />
          {children}
        </article>
        <aside class="sidebar">
          <div dangerouslySetInnerHTML={rawHtml(pieces.related)} />
          <PlacedSubscribeBox box={newsletter} at="sidebar" />
          <div dangerouslySetInnerHTML={rawHtml(pieces.authors)} />
        </aside>
      </div>
    </Layout>
  );
}
