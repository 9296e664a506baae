// Old WordPress addresses keep working: /?p=123, /2019/05/slug/, /category/x/, /tag/y/,
// /author/z/ answer 301 to the imported article, topic or author. The home route belongs
// to another feature, so this is a hook, not a route: it looks in legacy_redirects only
// when a request asks for ?p= / ?page_id=, or when no route matched at all (is404); every
// other request passes untouched and costs no query.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { legacyPathOf, legacyQueryOf } from './legacy-path.js';
import { legacyRedirect } from './wordpress-import.service.js';

/** True for /?p=… and the like: a query on the site root, which may name an old page. */
function isRootWithQuery(url: string): boolean {
  const q = url.indexOf('?');
  if (q === -1) return false;
  const pathname = url.slice(0, q);
  return pathname === '/' || pathname === '/index.php';
}

export const legacyRedirectRoutes = fp(async function legacyRedirects(app: FastifyInstance) {
  // The home page may be stored for /?p=123 before that redirect is imported: such URLs
  // must reach this hook, not be answered by the page cache's front door.
  app.pageCache.passThroughFrontDoor(isRootWithQuery);
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const url = request.url;
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    let key: string | undefined;
    if (isRootWithQuery(url)) {
      key = legacyQueryOf(new URLSearchParams(url.slice(q + 1)));
    }
    if (!key && request.is404) key = legacyPathOf(pathname);
    if (!key) return;
    const target = await legacyRedirect(app.db, key);
    if (!target) return;
    return reply.code(301).header('cache-control', 'public, max-age=86400').redirect(target, 301);
  });
});
