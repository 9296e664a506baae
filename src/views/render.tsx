import type { ComponentChildren, VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { renderToString } from 'preact-render-to-string';
import { SiteContext, type SiteContextValue } from './site-context.js';

/** Renders a whole page to an HTML document string. Text is escaped by Preact. */
export function renderDocument(site: SiteContextValue, page: VNode): string {
  return `<!DOCTYPE html>${renderToString(<SiteContext.Provider value={site}>{page}</SiteContext.Provider>)}`;
}

/** Renders a fragment (for an in-place update by the enhancing script). */
export function renderFragment(site: SiteContextValue, node: ComponentChildren): string {
  return renderToString(<SiteContext.Provider value={site}>{node}</SiteContext.Provider>);
}

/**
 * The one door for raw HTML into a page: only HTML that our own sanitiser produced
 * (Markdown rendered on save, see lib/markdown.ts), or that renderFragment produced from
 * our own components (pieces kept by infra/cache/shared-data.ts), may pass.
 */
export function rawHtml(sanitizedHtml: string): { __html: string } {
  return { __html: sanitizedHtml };
}

/**
 * The same door for a piece of our own rendered markup placed inside a page without a
 * wrapping element (see infra/cache/kept-markup.ts). Preact's template vnode, made for
 * precompiled JSX, is the one vnode whose text the renderer writes out as it is.
 */
export function rawMarkup(renderedHtml: string): VNode {
  return jsxTemplate([renderedHtml]);
}
