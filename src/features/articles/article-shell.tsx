// The whole article page around the part a view renders anew (grade, newsletter box,
// comments), kept as the two pieces before and after that part, encoded once
// (infra/cache/page-body.ts). A view by a reader who is not logged in then renders, encodes and
// hashes only that part. Rendered once per
// change under the tags of everything it shows, like the frame (article-frame.tsx); pages for
// logged-in users, which show the back-office link, have a variant of their own. What the
// shell is made from is typed without the viewer, the path and the tokens.

import { randomBytes } from 'node:crypto';
import { EncodedText } from '../../infra/cache/page-body.js';
import { type SharedData, sharedValue } from '../../infra/cache/shared-data.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { renderDocument } from '../../views/render.js';
import { type KeptSiteContext, renderContextOf } from '../../views/site-context.js';
import { type SubscribeBoxData, subscribeBoxTags } from '../newsletters/subscribe-box.js';
import { articlePath } from './article-card.views.js';
import type { ArticleFrame } from './article-frame.js';
import { ArticlePage } from './articles.views.js';
import type { PublishedArticleRow } from './articles-read.repository.js';

export interface ArticleShell {
  before: EncodedText;
  after: EncodedText;
}

// Marks where the per-view part goes while the shell is rendered; never sent. The random
// word keeps any text of an article from passing for it.
const MARK = `\u2063response-${randomBytes(12).toString('base64url')}\u2063`;

/** Everything an article page shows: its frame, the authors sidebar, the newsletter box. */
export function articlePageTags(frame: ArticleFrame): string[] {
  return [...frame.tags, cacheTags.authors, ...subscribeBoxTags];
}

export interface ShellParts {
  article: PublishedArticleRow;
  frame: ArticleFrame;
  /** The authors sidebar as HTML. */
  authors: string;
  newsletter: SubscribeBoxData;
}

/** The page around the per-view part; readers and logged-in users each get their variant. */
/**
 * `since`: shared.started(), taken before the parts were read. The shell is made from
 * them, so a write to anything they show after that moment keeps this shell from being
 * kept, even if the write landed between reading the parts and making the shell.
 */
export function articleShell(
  shared: SharedData,
  since: number,
  kept: KeptSiteContext,
  parts: ShellParts,
): Promise<ArticleShell> {
  return keptShell.getMadeSince(shared, since, kept, parts);
}

const keptShell = sharedValue({
  name: 'article-shell',
  key: (kept: KeptSiteContext, parts: ShellParts) =>
    `${parts.article.id}:${kept.staffNav ? 'staff' : 'reader'}`,
  load: async (kept: KeptSiteContext, { article, frame, authors, newsletter }: ShellParts) => {
    const site = renderContextOf(kept, articlePath(article));
    const html = renderDocument(
      site,
      <ArticlePage
        meta={frame.meta}
        pieces={{ top: frame.top, related: frame.related, authors }}
        newsletter={newsletter}
      >
        {MARK}
      </ArticlePage>,
    );
    const at = html.indexOf(MARK);
    if (at === -1) throw new Error('article shell: the marker went missing');
    return {
      value: {
        before: new EncodedText(html.slice(0, at)),
        after: new EncodedText(html.slice(at + MARK.length)),
      },
      tags: articlePageTags(frame),
    };
  },
});
