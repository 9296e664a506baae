import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { firstAdminLinkStep } from '../../src/features/accounts/first-admin.step.js';
import { audit } from '../../src/features/audit/audit.repository.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createUser, loginAs } from '../helpers/login.js';

function navLinks(html: string): string[] {
  const nav = /<nav class="admin-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
}

for (const backend of backends) {
  describe(`back-office shell on ${backend.name}`, { timeout: 300_000 }, () => {
    beforeAll(async () => {
      // Starting PGlite takes long on a busy machine; pay it outside the first test.
      await (await backend.open({ migrate: false })).close();
    }, 300_000);
    let t: TestApp;
    afterEach(async () => t?.close());

    it('shows each role only its navigation items', async () => {
      t = await buildTestApp(backend);
      const seen: Record<string, string[]> = {};
      for (const role of ['admin', 'editor', 'author'] as const) {
        const me = await loginAs(t, role);
        const page = await t.app.inject({ url: '/beheer', headers: { cookie: me.cookie } });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('<meta name="robots" content="noindex"/>');
        expect(page.body).toContain('action="/beheer/uitloggen"');
        seen[role] = navLinks(page.body);
      }
      expect(seen['admin']).toEqual([
        '/beheer',
        '/beheer/artikelen',
        '/beheer/reacties',
        '/beheer/waarderingen',
        '/beheer/auteurs',
        '/beheer/onderwerpen',
        '/beheer/nieuwsbrieven',
        '/beheer/gebruikers',
        '/beheer/import-export',
        '/beheer/audit',
        '/beheer/mailbox',
        '/beheer/profiel',
        '/beheer/beveiliging',
      ]);
      expect(seen['editor']).toContain('/beheer/gebruikers/uitnodigen');
      expect(seen['editor']).not.toContain('/beheer/gebruikers');
      expect(seen['editor']).not.toContain('/beheer/audit');
      expect(seen['editor']).not.toContain('/beheer/import-export');
      expect(seen['author']).toEqual([
        '/beheer',
        '/beheer/artikelen',
        '/beheer/reacties',
        '/beheer/waarderingen',
        '/beheer/profiel',
        '/beheer/beveiliging',
      ]);
    });

    it('hides the dev mailbox when SMTP is set', async () => {
      t = await buildTestApp(backend, { SMTP_URL: 'smtp://127.0.0.1:9' });
      const me = await loginAs(t, 'admin');
      const page = await t.app.inject({ url: '/beheer', headers: { cookie: me.cookie } });
      expect(navLinks(page.body)).not.toContain('/beheer/mailbox');
      const mailbox = await t.app.inject({
        url: '/beheer/mailbox',
        headers: { cookie: me.cookie },
      });
      expect(mailbox.statusCode).toBe(200);
      expect(mailbox.body).toContain('Er is een mailserver ingesteld');
    });

    it('lists mailbox mail with its text and links, escaped', async () => {
      t = await buildTestApp(backend);
      const me = await loginAs(t, 'editor');
      await t.app.mailer.send({
        to: 'x@example.nl',
        subject: 'Hallo <b>daar</b>',
        text: 'Klik https://podium.test/beheer/uitnodiging/abc nu <script>',
      });
      const page = await t.app.inject({ url: '/beheer/mailbox', headers: { cookie: me.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Hallo &lt;b>daar&lt;/b>');
      expect(page.body).toContain('<a href="https://podium.test/beheer/uitnodiging/abc">');
      expect(page.body).not.toContain('<script>');
    });

    it('keeps an audit log that other features write, shown to admins', async () => {
      t = await buildTestApp(backend);
      const admin = await loginAs(t, 'admin');
      await audit(t.database.db, {
        userId: admin.user.id,
        action: 'article.publish',
        subjectType: 'article',
        subjectId: 7,
        detail: { title: '<i>x</i>' },
      });
      await audit(t.database.db, { userId: null, action: 'settings.change' });
      const page = await t.app.inject({ url: '/beheer/audit', headers: { cookie: admin.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('article.publish');
      expect(page.body).toContain('article 7');
      expect(page.body).toContain('Systeem');
      expect(page.body).not.toContain('<i>x</i>');
      expect(
        (
          await t.app.inject({
            url: '/beheer/audit?actie=%3Cscript%3E&pagina=-1',
            headers: { cookie: admin.cookie },
          })
        ).statusCode,
      ).toBe(200);
    });

    it('prints a first-admin link at start only while no admin exists, built from SITE_URL', async () => {
      t = await buildTestApp(backend, { SITE_URL: 'https://podium.example.nl' });
      const printed: string[] = [];
      const original = console.log;
      console.log = (...args: unknown[]) => printed.push(args.map(String).join(' '));
      try {
        await firstAdminLinkStep({ server: t.app, config: t.config, isNew: true });
        expect(printed.join('\n')).toMatch(
          /https:\/\/podium\.example\.nl\/beheer\/uitnodiging\/[A-Za-z0-9_-]{43}/,
        );
        printed.length = 0;
        await createUser(t, 'admin');
        await firstAdminLinkStep({ server: t.app, config: t.config, isNew: false });
        expect(printed).toEqual([]);
      } finally {
        console.log = original;
      }
    });
  });
}
