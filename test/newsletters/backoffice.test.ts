import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { addConfirmedSubscribers, createArticle, createList } from '../helpers/factories.js';
import { type LoggedIn, loginAs } from '../helpers/login.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

for (const backend of backends) {
  describe(`newsletter back office on ${backend.name}`, { timeout: 120_000 }, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let editor: LoggedIn;
    beforeEach(async () => {
      smtp = await startSmtpServer();
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      editor = await loginAs(t, 'editor');
    }, 120_000);
    afterEach(async () => {
      await t?.close();
      await smtp?.close();
    });

    const post = (url: string, fields: Record<string, string | number | undefined>, who = editor) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { ...formHeaders, cookie: who.cookie },
        payload: form({ csrf_token: who.csrfToken, ...fields }),
      });
    const get = (url: string, who = editor) =>
      t.app.inject({ url, headers: { cookie: who.cookie } });

    it('creates lists, refuses bad input and other roles', async () => {
      const created = await post('/beheer/nieuwsbrieven/lijsten', {
        name: 'Persoonlijke Sales Ontwikkeling',
        description: 'Elke maand',
        is_public: '1',
      });
      expect(created.statusCode).toBe(303);
      const lists = await t.database.db.selectFrom('lists').selectAll().execute();
      expect(lists).toHaveLength(1);
      expect(lists[0]).toMatchObject({ slug: 'persoonlijke-sales-ontwikkeling', is_public: 1 });
      expect((await t.app.inject('/nieuwsbrief')).body).toContain(
        'Persoonlijke Sales Ontwikkeling',
      );

      const empty = await post('/beheer/nieuwsbrieven/lijsten', { name: '  ', description: '' });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('Vul een naam in.');
      const long = await post('/beheer/nieuwsbrieven/lijsten', { name: 'x'.repeat(10_000) });
      expect(long.statusCode).toBe(422);
      const noCsrf = await t.app.inject({
        method: 'POST',
        url: '/beheer/nieuwsbrieven/lijsten',
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: form({ name: 'Zonder token' }),
      });
      expect(noCsrf.statusCode).toBe(403);
      const author = await loginAs(t, 'author');
      expect((await get('/beheer/nieuwsbrieven', author)).statusCode).toBe(403);
      expect(
        (await post('/beheer/nieuwsbrieven/lijsten', { name: 'Auteurslijst' }, author)).statusCode,
      ).toBe(403);
      expect((await t.app.inject('/beheer/nieuwsbrieven')).statusCode).toBe(303);
      expect(await t.database.db.selectFrom('lists').selectAll().execute()).toHaveLength(1);
      const audit = await t.database.db.selectFrom('audit_log').select('action').execute();
      expect(audit.map((r) => r.action)).toContain('newsletter.list.create');
    });

    it('edits a list: name, description and visibility; its slug stays', async () => {
      await post('/beheer/nieuwsbrieven/lijsten', { name: 'Maandbrief', is_public: '1' });
      const [list] = await t.database.db.selectFrom('lists').selectAll().execute();
      const url = `/beheer/nieuwsbrieven/lijsten/${list!.id}`;
      expect((await get(url)).body).toContain('value="Maandbrief"');
      expect((await t.app.inject('/nieuwsbrief')).body).toContain('Maandbrief');

      const bad = await post(url, { name: ' ', description: '<script>x</script>' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('Vul een naam in.');
      // What was typed is shown again, escaped.
      expect(bad.body).toContain('value="&lt;script>x&lt;/script>"');
      expect(bad.body).not.toContain('<script>x');

      const saved = await post(url, { name: 'Kwartaalbrief', description: 'Vier keer per jaar' });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe(url);
      const [after] = await t.database.db.selectFrom('lists').selectAll().execute();
      expect(after).toMatchObject({
        slug: list!.slug,
        name: 'Kwartaalbrief',
        description: 'Vier keer per jaar',
        is_public: 0,
      });
      // Hidden now: the public page, served from the cache before, shows it no more.
      expect((await t.app.inject('/nieuwsbrief')).body).not.toContain('Kwartaalbrief');
      expect((await t.app.inject('/nieuwsbrief')).body).not.toContain('Maandbrief');

      expect(
        (await post('/beheer/nieuwsbrieven/lijsten/99999', { name: 'Niets' })).statusCode,
      ).toBe(404);
      const author = await loginAs(t, 'author');
      expect((await post(url, { name: 'Van een auteur' }, author)).statusCode).toBe(403);
      const audit = await t.database.db.selectFrom('audit_log').select('action').execute();
      expect(audit.map((r) => r.action)).toContain('newsletter.list.update');
    });

    it('composes, previews, test-mails and sends an edition with delivery counts', async () => {
      const list = await createList(t.database.db, { name: 'Weekbrief' });
      await addConfirmedSubscribers(t.database.db, list.id, ['s1@example.nl', 's2@example.nl']);
      const best = await createArticle(t.database.db, {
        title: 'Best gewaardeerd',
        publishAt: '2026-03-01T08:00:00.000Z',
      });
      const newest = await createArticle(t.database.db, {
        title: 'Nieuwste stuk',
        publishAt: '2026-04-01T08:00:00.000Z',
      });
      await t.database.db
        .insertInto('grade_totals')
        .values({
          article_id: best.id,
          count: 2,
          sum: 18,
          h9: 2,
          updated_at: new Date().toISOString(),
        })
        .execute();
      const compose = await get(`/beheer/nieuwsbrieven/edities/nieuw?lijst=${list.id}`);
      expect(compose.statusCode).toBe(200);
      expect(compose.body.indexOf('Best gewaardeerd')).toBeLessThan(
        compose.body.indexOf('Nieuwste stuk'),
      );

      const bad = await post('/beheer/nieuwsbrieven/edities', {
        list: list.id,
        subject: '',
        intro: 'x',
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('Vul een onderwerp in.');
      const saved = await t.app.inject({
        method: 'POST',
        url: '/beheer/nieuwsbrieven/edities',
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: `${form({ csrf_token: editor.csrfToken, list: list.id, subject: 'Editie 1', intro: 'Hallo <b>lezers</b>' })}&articles=${best.id}&articles=${newest.id}`,
      });
      expect(saved.statusCode).toBe(303);
      const editionPath = saved.headers.location as string;
      const id = Number(editionPath.split('/').pop());

      const preview = await get(`${editionPath}/voorbeeld`);
      expect(preview.statusCode).toBe(200);
      expect(preview.headers['content-security-policy']).toContain("default-src 'none'");
      expect(preview.body).toContain('Hallo &lt;b>lezers&lt;/b>');
      expect(preview.body).toContain(`http://podium.test/artikel/${best.id}/`);

      expect((await post(`${editionPath}/test`, {})).statusCode).toBe(303);
      await t.app.jobs.drain();
      const [testMail] = await smtp.waitFor(1);
      expect(testMail!.to).toEqual([editor.user.email]);
      expect(testMail!.parsed.subject).toBe('[Test] Editie 1');

      const past = await post(`${editionPath}/inplannen`, { send_at: '2020-01-01T10:00' });
      expect(past.statusCode).toBe(422);
      expect(past.body).toContain('Kies een tijdstip in de toekomst.');

      expect((await post(`${editionPath}/versturen`, {})).statusCode).toBe(303);
      await t.app.jobs.drain();
      await smtp.waitFor(3);
      const again = await post(`${editionPath}/versturen`, {});
      expect(again.statusCode).toBe(409);
      const overview = await get('/beheer/nieuwsbrieven');
      expect(overview.statusCode).toBe(200);
      expect(overview.body).toContain('Editie 1');
      const page = await get(editionPath);
      expect(page.body).toMatch(/verstuurd: 2/);
      expect((await t.app.inject(`/nieuwsbrief/editie/${id}`)).statusCode).toBe(200);
    });

    it('lists, searches, exports and removes subscribers with their consent', async () => {
      const list = await createList(t.database.db);
      await addConfirmedSubscribers(t.database.db, list.id, [
        '=cmd@example.nl',
        'gewoon@example.nl',
      ]);
      await t.database.db
        .updateTable('subscriptions')
        .set({ consent_text: 'Tekst met "aanhalingstekens", komma' })
        .execute();
      const page = await get(`/beheer/nieuwsbrieven/lijsten/${list.id}?q=gewoon`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('gewoon@example.nl');
      expect(page.body).not.toContain('=cmd@example.nl');
      expect(page.body).toContain('Toestemming');

      const csv = await get(`/beheer/nieuwsbrieven/lijsten/${list.id}/abonnees.csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain(`"'=cmd@example.nl"`);
      expect(csv.body).toContain('"Tekst met ""aanhalingstekens"", komma"');
      expect(csv.body.split('\r\n')[0]).toBe(
        '"email","state","subscribed_at","confirmed_at","consent_at","consent_text"',
      );

      const sub = await t.database.db
        .selectFrom('subscriptions')
        .select('id')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const removed = await post(`/beheer/nieuwsbrieven/abonnees/${sub.id}/verwijderen`, {});
      expect(removed.statusCode).toBe(303);
      expect(await t.database.db.selectFrom('subscriptions').selectAll().execute()).toHaveLength(1);
      expect((await post('/beheer/nieuwsbrieven/abonnees/999999/verwijderen', {})).statusCode).toBe(
        404,
      );
    });

    it('pages through a long list of subscribers, search kept', async () => {
      const list = await createList(t.database.db, { name: 'Grote lijst' });
      const emails = Array.from(
        { length: 130 },
        (_, i) => `lezer${String(i).padStart(3, '0')}@example.nl`,
      );
      await addConfirmedSubscribers(t.database.db, list.id, emails);
      const rows = (html: string) => html.match(/@example\.nl<\/td>/g)?.length ?? 0;
      const first = await get(`/beheer/nieuwsbrieven/lijsten/${list.id}`);
      expect(rows(first.body)).toBe(100);
      expect(first.body).toContain(`href="/beheer/nieuwsbrieven/lijsten/${list.id}?pagina=2"`);
      const second = await get(`/beheer/nieuwsbrieven/lijsten/${list.id}?pagina=2`);
      expect(rows(second.body)).toBe(30);
      expect(second.body).not.toContain('pagina=3');
      // Nobody is on both pages.
      const on = (html: string) => new Set(html.match(/lezer\d{3}@example\.nl/g));
      const overlap = [...on(first.body)].filter((e) => on(second.body).has(e));
      expect(overlap).toEqual([]);
      // A search that finds many pages keeps its words in the links.
      const searched = await get(`/beheer/nieuwsbrieven/lijsten/${list.id}?q=lezer`);
      expect(searched.body).toContain(`?q=lezer&amp;pagina=2"`);
      const odd = await get(`/beheer/nieuwsbrieven/lijsten/${list.id}?pagina=abc`);
      expect(rows(odd.body)).toBe(100);
    });

    it('saves the send rate and box placement, and records bounces', async () => {
      const ok = await post('/beheer/nieuwsbrieven/instellingen', { rate: 1200, box: 'sidebar' });
      expect(ok.statusCode).toBe(303);
      const rows = await t.database.db.selectFrom('settings').selectAll().orderBy('key').execute();
      expect(rows.map((r) => [r.key, JSON.parse(r.value)])).toEqual([
        ['newsletter.box', 'sidebar'],
        ['newsletter.rate', 1200],
      ]);
      const bad = await post('/beheer/nieuwsbrieven/instellingen', { rate: 'veel', box: 'overal' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('Kies een getal van 1 tot 100000.');

      const bounce = await post('/beheer/nieuwsbrieven/bounce', {
        email: 'Stuit@Example.nl',
        kind: 'bounce',
      });
      expect(bounce.statusCode).toBe(303);
      const address = await t.database.db
        .selectFrom('addresses')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(address).toMatchObject({ email: 'stuit@example.nl', suppress_reason: 'bounce' });
      const badBounce = await post('/beheer/nieuwsbrieven/bounce', {
        email: '<script>',
        kind: 'bounce',
      });
      expect(badBounce.statusCode).toBe(422);
    });
  });
}
