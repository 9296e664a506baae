// The reader's newsletter flow in a real browser: subscribe without an account, confirm
// from the link in the mail (real SMTP), receive an edition, unsubscribe with one click
// (RFC 8058) and delete their data from the unsubscribe page.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdition, sendNow } from '../../src/features/newsletters/editions.service.js';
import { changesOf } from '../../src/infra/writes.js';
import { catalogs } from '../../src/views/messages/index.js';
import { createArticle, createList } from '../helpers/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { linkIn } from '../newsletters/newsletter-fixtures.js';
import { axeViolations, keepScreenshot, launchBrowser, startSite } from './harness.js';

async function expectAccessible(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations)}`).toEqual([]);
}

describe('newsletter in a browser', () => {
  let browser: Browser;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    browser = await launchBrowser();
    smtp = await startSmtpServer();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await smtp?.close();
  });

  it('subscribes, confirms from the mail, and unsubscribes with one click', async () => {
    const site = await startSite({ DEMO: 'false', SMTP_URL: smtp.url });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(site.url)) foreign.push(r.url());
    });
    try {
      const db = site.database.db;
      const list = await createList(db, { name: 'Persoonlijke Sales Ontwikkeling' });
      changesOf(db).publish(['lists']);

      await page.goto(`${site.url}/nieuwsbrief`);
      await expectAccessible(page, '/nieuwsbrief');
      await page.getByLabel('E-mailadres').fill('lezer@example.nl');
      await page.getByRole('button', { name: 'Abonneer' }).click();
      await page.waitForURL(`${site.url}/nieuwsbrief/aangemeld`);
      expect(await page.textContent('h1')).toContain('Kijk in uw mailbox');

      const [confirmMail] = await smtp.waitFor(1, 15_000);
      const confirmLink = linkIn(confirmMail!, `${site.url}/nieuwsbrief/bevestig/`);
      await page.goto(confirmLink);
      await expectAccessible(page, 'confirm page');
      await page.getByRole('button', { name: 'Bevestig mijn aanmelding' }).click();
      await page.waitForURL(`${site.url}/nieuwsbrief/bevestigd`);
      expect(await page.textContent('h1')).toContain('U bent aangemeld');

      // An edition reaches the new subscriber, with the one-click header.
      const article = await createArticle(db, { title: 'Vragen stellen werkt' });
      const deps = { db, config: site.server.config, t: catalogs.nl.newsletters };
      const editionId = await createEdition(
        deps,
        { listId: list.id, subject: 'Editie 1', intro: 'Hallo', articleIds: [article.id] },
        null,
      );
      await sendNow(deps, editionId);
      const mails = await smtp.waitFor(2, 15_000);
      const edition = mails[1]!;
      expect(edition.to).toEqual(['lezer@example.nl']);
      const unsubscribe = linkIn(edition, `${site.url}/afmelden/`);
      expect(edition.raw.replace(/\r?\n[ \t]+/g, ' ')).toContain(
        `List-Unsubscribe: <${unsubscribe}>`,
      );

      // The online view of the sent edition.
      await page.goto(`${site.url}/nieuwsbrief/editie/${editionId}`);
      expect(await page.textContent('h1')).toContain('Editie 1');
      await expectAccessible(page, 'online edition');

      // The mail client's one click: a cross-site POST with exactly this body.
      const oneClick = await context.request.post(unsubscribe, {
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://mail.example',
        },
        data: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.status()).toBe(200);
      const state = await db.selectFrom('subscriptions').select('state').executeTakeFirstOrThrow();
      expect(state.state).toBe('unsubscribed');

      // The page itself, then deleting the data.
      await page.goto(unsubscribe);
      await expectAccessible(page, 'unsubscribe page');
      expect(await page.textContent('main')).toContain('niet (meer)');
      await page.getByRole('button', { name: 'Verwijder mijn gegevens' }).click();
      await page.waitForURL(`${site.url}/nieuwsbrief`);
      expect(await page.textContent('main')).toContain('Uw gegevens zijn verwijderd.');
      await keepScreenshot(page, 'newsletter-forgotten');
      expect(await db.selectFrom('addresses').selectAll().execute()).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
      await site.close();
    }
  }, 120_000);
});
