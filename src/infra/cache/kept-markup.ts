// Markup that every reader is shown alike and that depends only on a key and the site's
// language is rendered once and then placed as text. The blank grade and comment forms
// of an article are such markup (their form token is a placeholder, filled in per
// response by infra/cache/page-cache.ts): rendering them was about half the work of the part
// of an article page that is made per view.
import type { VNode } from 'preact';
import { rawMarkup, renderFragment } from '../../views/render.js';
import type { SiteContextValue } from '../../views/site-context.js';

const MAX_KEPT = 2_000;
const kept = new Map<string, string>();

/** `render()`'s markup for `key`, rendered on first use for this language and token. */
export function keptMarkup(site: SiteContextValue, key: string, render: () => VNode): VNode {
  const fullKey = `${site.locale}\u0000${site.formToken}\u0000${key}`;
  let html = kept.get(fullKey);
  if (html === undefined) {
    html = renderFragment(site, render());
    // Oldest first out: Map keeps insertion order.
    if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value as string);
    kept.set(fullKey, html);
  }
  return rawMarkup(html);
}
