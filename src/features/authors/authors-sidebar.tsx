// The "Onze auteurs" sidebar of article pages, rendered once and kept until an author changes
// (infra/shared-data.ts): it is the same on every article and costs more to render than the
// rest of the sidebar together.
import { cacheTags } from '../../infra/cache-tags.js';
import type { Db } from '../../infra/db.js';
import type { SharedData } from '../../infra/shared-data.js';
import { renderFragment } from '../../views/render.js';
import type { SiteContextValue } from '../../views/site-context.js';
import { AuthorsSidebar } from './authors.views.js';
import { authorsByName } from './authors-read.repository.js';

const SIDEBAR_AUTHORS = 8;

export function authorsSidebarHtml(
  db: Db,
  shared: SharedData,
  site: SiteContextValue,
): Promise<string> {
  return shared.get('authors-sidebar', [cacheTags.authors], async () => {
    const authors = await authorsByName(db, { limit: SIDEBAR_AUTHORS, offset: 0 });
    return renderFragment(site, <AuthorsSidebar authors={authors} />);
  });
}
