// The page shell every public and back-office page shares.
import type { ComponentChildren } from 'preact';
import { assetUrl } from './assets.js';
import { rawHtml } from './render.js';
import { useSite } from './site-context.js';

export interface PageMeta {
  title: string;
  description?: string;
  /** Path of the canonical URL; defaults to the current path. */
  canonicalPath?: string;
  /** OpenGraph type: website, article, profile. */
  ogType?: 'website' | 'article' | 'profile';
  ogImage?: string;
  /** Structured data objects, written as JSON-LD. */
  jsonLd?: object[];
  /**
   * Feeds of this page's own subject (a topic, an author) beside the site's: [title, path of
   * the feed without its extension]. Each is offered as RSS (`.xml`) and JSON Feed (`.json`).
   */
  feeds?: [string, string][];
  noindex?: boolean;
  /** Adds the back-office styles and navigation. */
  area?: 'public' | 'admin';
}

/** JSON for a <script> element: `<` is escaped so that no text can close the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function Layout({ meta, children }: { meta: PageMeta; children: ComponentChildren }) {
  const site = useSite();
  const { t } = site;
  const canonical = site.siteUrl + (meta.canonicalPath ?? site.path);
  const fullTitle = meta.title === site.siteName ? meta.title : `${meta.title} · ${site.siteName}`;
  const feedTitle = t.search.feed.linkTitle;
  return (
    <html lang={site.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {meta.description && <meta name="description" content={meta.description} />}
        {meta.noindex && <meta name="robots" content="noindex" />}
        <link rel="canonical" href={canonical} />
        <meta property="og:site_name" content={site.siteName} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:type" content={meta.ogType ?? 'website'} />
        <meta property="og:url" content={canonical} />
        <meta property="og:locale" content={site.locale === 'nl' ? 'nl_NL' : 'en_GB'} />
        {meta.description && <meta property="og:description" content={meta.description} />}
        {meta.ogImage && <meta property="og:image" content={meta.ogImage} />}
        <link
          rel="alternate"
          type="application/rss+xml"
          title={feedTitle.rss(site.siteName)}
          href="/feed.xml"
        />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={feedTitle.atom(site.siteName)}
          href="/feed.atom"
        />
        <link
          rel="alternate"
          type="application/feed+json"
          title={feedTitle.json(site.siteName)}
          href="/feed.json"
        />
        {meta.feeds?.map(([title, path]) => (
          <>
            <link
              rel="alternate"
              type="application/rss+xml"
              title={feedTitle.rss(title)}
              href={`${path}.xml`}
            />
            <link
              rel="alternate"
              type="application/feed+json"
              title={feedTitle.json(title)}
              href={`${path}.json`}
            />
          </>
        ))}
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        <script src={assetUrl('site.js')} defer />
        {meta.jsonLd?.map((data) => (
          <script
            type="application/ld+json"
            dangerouslySetInnerHTML={rawHtml(jsonForScript(data))}
          />
        ))}
      </head>
      <body class={meta.area === 'admin' ? 'area-admin' : 'area-public'}>
        <a class="skip-link" href="#main">
          {t.common.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap site-header__inner">
            <a class="site-name" href="/">
              {site.siteName}
            </a>
            <nav class="site-nav" aria-label={site.siteName}>
              <ul>
                <li>
                  <a href="/" aria-current={site.path === '/' ? 'page' : undefined}>
                    {t.common.nav.home}
                  </a>
                </li>
                <li>
                  <a
                    href="/auteurs"
                    aria-current={site.path.startsWith('/auteur') ? 'page' : undefined}
                  >
                    {t.common.nav.authors}
                  </a>
                </li>
                <li>
                  <a href="/reacties" aria-current={site.path === '/reacties' ? 'page' : undefined}>
                    {t.common.nav.comments}
                  </a>
                </li>
                <li>
                  <a
                    href="/nieuwsbrief"
                    aria-current={site.path.startsWith('/nieuwsbrief') ? 'page' : undefined}
                  >
                    {t.common.nav.newsletter}
                  </a>
                </li>
                {(site.viewer || site.staffNav) && (
                  <li>
                    <a
                      href="/beheer"
                      aria-current={site.path.startsWith('/beheer') ? 'page' : undefined}
                    >
                      {t.common.nav.admin}
                    </a>
                  </li>
                )}
              </ul>
            </nav>
            {/* Named, as pages with a search form of their own have a second search landmark. */}
            <form
              class="site-search"
              action="/zoeken"
              method="get"
              role="search"
              aria-labelledby="site-search-label"
            >
              <label id="site-search-label" for="site-search-q" class="visually-hidden">
                {t.common.nav.search}
              </label>
              <input id="site-search-q" type="search" name="q" placeholder={t.common.nav.search} />
              <button type="submit">{t.common.nav.search}</button>
            </form>
          </div>
        </header>
        <main id="main" class="wrap">
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <a href="/privacy">{t.common.footer.privacy}</a>
            {' · '}
            <a href="/feed.xml">{t.common.footer.feed}</a>
            {' · '}
            <span>{t.common.footer.poweredBy}</span>
          </div>
        </footer>
      </body>
    </html>
  );
}
