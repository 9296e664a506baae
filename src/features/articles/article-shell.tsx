// The whole article page around the part a view renders anew (grade, newsletter box,
// comments), kept as the two pieces before and after that part, encoded once
// (infra/page-body.ts). A view by a reader who is not logged in then renders, encodes and
// hashes only that part. Rendered once per
// change under the tags of everything it shows, like the frame (article-frame.tsx); staff,
// whose pages show the back-office link, get the page rendered whole.
import { randomBytes } from 'node:crypto';
import { cacheTags } from '../../infra/cache-tags.js';
import { EncodedText } from '../../infra/page-body.js';
import type { SharedData } from '../../infra/shared-data.js';
import { renderDocument } from '../../views/render.js';
import type { SiteContextValue } from '../../views/site-context.js';
import { type SubscribeBoxData, subscribeBoxTags } from '../newsletters/subscribe-box.js';
import type { ArticleFrame } from './article-frame.js';
import { ArticlePage } from './articles.views.js';

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

export function articleShell(
  shared: SharedData,
  site: SiteContextValue,
  articleId: number,
  frame: ArticleFrame,
  authors: string,
  newsletter: SubscribeBoxData,
): Promise<ArticleShell> {
  return shared.getTagged(`article-shell:${articleId}`, async () => {
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
  });
}
