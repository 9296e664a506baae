// The "Onze auteurs" sidebar of article pages, rendered once and kept until an author changes
// (infra/cache/shared-data.ts): it is the same on every article and costs more to render than the
// rest of the sidebar together. It lists only authors with a published article, so the editor
// touches the `authors` tag too whenever an article is published or withdrawn, or a published
// one changes its byline (editor.service.ts).

import type { SharedData } from '../../infra/cache/shared-data.js';
import { sharedValue, withTags } from '../../infra/cache/shared-data.js';
import { cacheTags } from '../../infra/cache/tags.js';
import type { Db } from '../../infra/db.js';
import { renderFragment } from '../../views/render.js';
import { type KeptSiteContext, renderContextOf } from '../../views/site-context.js';
import { AuthorsSidebar } from './authors.views.js';
import { publishedAuthorsByName } from './authors-read.repository.js';

const SIDEBAR_AUTHORS = 8;

const keptSidebar = sharedValue({
  name: 'authors-sidebar',
  load: async (db: Db, kept: KeptSiteContext) => {
    const site = renderContextOf(kept, '/');
    const authors = await publishedAuthorsByName(db, SIDEBAR_AUTHORS);
    return withTags(
      [cacheTags.authors],
      renderFragment(site, <AuthorsSidebar authors={authors} />),
    );
  },
});

export function authorsSidebarHtml(
  db: Db,
  shared: SharedData,
  site: KeptSiteContext,
): Promise<string> {
  return keptSidebar.get(shared, db, site);
}
