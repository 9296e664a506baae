// Every state-changing route declares the token it needs, and a request without that token
// is refused before anything runs: walked over every registered POST/PUT/PATCH/DELETE.
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { routeTokenPlugin } from '../../src/infra/route-token.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle, createAuthor } from '../helpers/factories.js';
import { createUser, loginAs } from '../helpers/login.js';

// The only routes that take no token, each for a reason given beside it in its route file.
const TOKENLESS = [
  'POST /afmelden/:token', // RFC 8058 one-click; the page's own form is checked in the handler
  'POST /reacties/afmelden/:token', // RFC 8058 one-click, secret token in the URL
  'POST /reacties/auteur-afmelden/:user/:sig', // RFC 8058 one-click, signed URL
];

// The multipart uploads, which read the CSRF token from the stream (csrf: 'manual').
const UPLOADS = [
  'POST /beheer/artikelen/:id/omslag',
  'POST /beheer/auteurs/:id/foto',
  'POST /beheer/profiel/foto',
  'POST /beheer/import-export/wordpress',
];

/** A concrete URL for a route pattern: every parameter becomes 1. */
function urlOf(pattern: string): string {
  return pattern.replace(/:[A-Za-z_]+/g, '1');
}

describe('a state-changing route without a token', () => {
  it('is refused when it is registered', async () => {
    const app = Fastify({ logger: false });
    const build = async () => {
      await app.register(routeTokenPlugin);
      await app.register(async (child) => {
        child.post('/undeclared', async () => 'stored');
      });
      await app.ready();
    };
    await expect(build()).rejects.toThrow(/declares no token/);
    await app.close().catch(() => {});
  });
});

for (const backend of backends) {
  describe(`route tokens on ${backend.name}`, { timeout: 300_000 }, () => {
    let t: TestApp;
    afterEach(async () => t?.close());

    it('every POST/PUT/PATCH/DELETE refuses a request without its token (403)', async () => {
      t = await buildTestApp(backend);
      const routes = t.app.tokenRoutes;
      expect(routes.length).toBeGreaterThan(40);
      const tokenless = routes
        .filter((r) => r.token === 'none')
        .map((r) => `${r.method} ${r.url}`)
        .sort();
      expect(tokenless).toEqual([...TOKENLESS].sort());
      // Multipart uploads check the CSRF token they find in the stream themselves.
      const manual = routes.filter((r) => r.manual).map((r) => `${r.method} ${r.url}`);
      expect(manual.sort()).toEqual([...UPLOADS].sort());

      // Logged in as an admin, so that a back-office refusal is about the token, not the role;
      // a profile of their own and an article (id 1), for the uploads that look these up first.
      const admin = await loginAs(t, 'admin');
      await createAuthor(t.database.db, { userId: admin.user.id });
      await createArticle(t.database.db);
      const answers: string[] = [];
      for (const route of routes.filter((r) => r.token !== 'none')) {
        for (const cookie of route.token === 'csrf' ? [admin.cookie] : [admin.cookie, '']) {
          const res = await t.app.inject({
            method: route.method as 'POST',
            url: urlOf(route.url),
            headers: { ...formHeaders, ...(cookie ? { cookie } : {}) },
            payload: form({ name: 'x', body: 'x', email: 'x@example.nl' }),
          });
          answers.push(
            `${res.statusCode} ${route.method} ${route.url}${cookie ? '' : ' (anonymous)'}`,
          );
        }
      }
      expect(answers.filter((a) => !a.startsWith('403 '))).toEqual([]);

      // A forged or stale token is no better than none.
      const forged = await t.app.inject({
        method: 'POST',
        url: '/beheer/uitloggen',
        headers: { ...formHeaders, cookie: admin.cookie },
        payload: form({ csrf_token: `${admin.csrfToken}x` }),
      });
      expect(forged.statusCode).toBe(403);
    });

    it('an encoded back-office path is checked like the plain one and changes nothing', async () => {
      t = await buildTestApp(backend);
      const admin = await loginAs(t, 'admin');
      const target = await createUser(t, 'author');
      const roleOf = async () =>
        (
          await t.database.db
            .selectFrom('users')
            .select('role')
            .where('id', '=', target.id)
            .executeTakeFirstOrThrow()
        ).role;

      for (const url of [
        `/%62eheer/gebruikers/${target.id}/rol`,
        `/beheer/gebruikers/${target.id}/rol`,
        `/be%68eer/gebruikers/${target.id}/%72ol`,
      ]) {
        const res = await t.app.inject({
          method: 'POST',
          url,
          headers: { ...formHeaders, cookie: admin.cookie },
          payload: form({ role: 'admin' }),
        });
        expect(res.statusCode, url).toBe(403);
      }
      expect(await roleOf()).toBe('author');

      // With the token the same request goes through: the refusal was the token's.
      const ok = await t.app.inject({
        method: 'POST',
        url: `/%62eheer/gebruikers/${target.id}/rol`,
        headers: { ...formHeaders, cookie: admin.cookie },
        payload: form({ role: 'editor', csrf_token: admin.csrfToken }),
      });
      expect(ok.statusCode).toBe(303);
      expect(await roleOf()).toBe('editor');
    });
  });
}
