// The parts of an article page that every reader sees alike — header, byline, body, topics,
// share links, related articles and the page head — rendered once after each change and kept
// in the shared data (infra/cache/shared-data.ts) under the tags of everything they show, as the
// body itself is rendered once on save. A page view then reads and renders only what can
// differ between views: the grade, the comments and the reader's own state.

import type { SharedData } from '../../infra/cache/shared-data.js';
import { sharedValue } from '../../infra/cache/shared-data.js';
import { cacheTags } from '../../infra/cache/tags.js';
import type { Db } from '../../infra/db.js';
import type { PageMeta } from '../../views/layout.js';
import { renderFragment } from '../../views/render.js';
import { type KeptSiteContext, renderContextOf } from '../../views/site-context.js';
import { articlePath } from './article-card.views.js';
import { ArticleTop, articleMeta, RelatedArticles } from './articles.views.js';
import {
  type ArticleSummaryRow,
  type BylineAuthorRow,
  bylineOf,
  type PublishedArticleRow,
  relatedArticles,
  type TopicRow,
  topicsOf,
} from './articles-read.repository.js';

export interface ArticleFrameData {
  article: PublishedArticleRow;
  authors: BylineAuthorRow[];
  topics: TopicRow[];
  related: ArticleSummaryRow[];
}

export interface ArticleFrame {
  meta: PageMeta;
  /** ArticleTop as HTML. */
  top: string;
  /** RelatedArticles as HTML. */
  related: string;
  /** Everything the frame shows: a change to any of them renders it anew. */
  tags: readonly string[];
}

async function renderFrame(db: Db, kept: KeptSiteContext, article: PublishedArticleRow) {
  const site = renderContextOf(kept, articlePath(article));
  const [authors, topics, related] = await Promise.all([
    bylineOf(db, article.id),
    topicsOf(db, article.id),
    relatedArticles(db, article.id),
  ]);
  const data: ArticleFrameData = { article, authors, topics, related };
  const tags = [
    cacheTags.article(article.id),
    ...authors.map((a) => cacheTags.author(a.id)),
    ...topics.map((tp) => cacheTags.topic(tp.id)),
    // Related titles are shown: a change to one of them renders the frame anew.
    ...related.map((r) => cacheTags.article(r.id)),
  ];
  const frame: ArticleFrame = {
    meta: articleMeta(data, {
      siteUrl: site.siteUrl,
      siteName: site.siteName,
      breadcrumbHome: site.t.site.article.breadcrumbHome,
    }),
    top: renderFragment(site, <ArticleTop data={data} />),
    related: renderFragment(site, <RelatedArticles related={related} />),
    tags,
  };
  return { value: frame, tags };
}

/**
 * The frame of a published article (the row just read, so its status is current). The site
 * context is only used for what is the same on every request: words, formats, the site URL.
 */
export function articleFrame(
  db: Db,
  shared: SharedData,
  site: KeptSiteContext,
  article: PublishedArticleRow,
): Promise<ArticleFrame> {
  return keptFrame.get(shared, db, site, article);
}

const keptFrame = sharedValue({
  name: 'article-frame',
  key: (_db: Db, _site: KeptSiteContext, article: PublishedArticleRow) => article.id,
  load: renderFrame,
});
