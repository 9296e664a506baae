// Commenting in a real browser: without JavaScript (post, redirect, see it), following
// the discussion through the confirmation mail's link, with JavaScript (errors next to the
// fields, the comment in place), and the author replying with the "Auteur" label. Hostile
// payloads are posted throughout; no dialog may ever open.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/features/accounts/passwords.js';
import { insertUser, setPasswordHash } from '../../src/features/accounts/users.repository.js';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { nowIso } from '../../src/lib/time.js';
import { createArticle, createAuthor } from '../helpers/factories.js';
import { axeViolations, launchBrowser, type RunningSite, startSite } from './harness.js';

const PASSWORD = 'een lange zin als wachtwoord';
const QUOTE_BREAKOUT = "http://x.com/?'onmouseover='alert(1)'x='";

function watch(page: Page, site: RunningSite) {
  const dialogs: string[] = [];
  const foreign: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(site.url)) foreign.push(r.url());
  });
  return { dialogs, foreign };
}

describe('commenting in a browser', () => {
  let browser: Browser;
  let site: RunningSite;
  let path: string;
  let authorEmail: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    site = await startSite({ DEMO: 'false' });
    const db = site.database.db;
    await saveCommentSetting(db, 'moderation', 'open');
    await saveCommentSetting(db, 'minSeconds', 0);
    authorEmail = 'petra@example.nl';
    const now = nowIso();
    const userId = await insertUser(db, {
      email: authorEmail,
      name: 'Petra de Vries',
      role: 'author',
      state: 'invited',
      now,
    });
    await setPasswordHash(db, userId, await hashPassword(PASSWORD), now, { activate: true });
    const author = await createAuthor(db, { name: 'Petra de Vries', userId });
    const article = await createArticle(db, {
      title: 'Luisteren is een vak',
      authorIds: [author.id],
    });
    path = `/artikel/${article.id}/${article.slug}`;
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('posts without JavaScript, refuses a javascript: website, and confirms following by mail', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const { dialogs, foreign } = watch(page, site);
    try {
      await page.goto(site.url + path);
      await page.getByLabel('Naam', { exact: true }).fill('<img src=x onerror=alert(1)>');
      await page.getByLabel('Website (optioneel)').fill('javascript:alert(1)');
      await page.getByLabel('Uw reactie').fill('<script>alert(2)</script> eerste');
      await page.getByRole('button', { name: 'Plaats reactie' }).click();
      // The form comes back filled in, with the message next to the field.
      expect(await page.locator('.field-error').first().textContent()).toContain('http://');
      expect(await page.getByLabel('Uw reactie').inputValue()).toBe(
        '<script>alert(2)</script> eerste',
      );

      await page.getByLabel('Website (optioneel)').fill(QUOTE_BREAKOUT);
      await page
        .getByLabel('E-mailadres (optioneel, wordt nooit getoond)')
        .fill('lezer@example.nl');
      await page.getByLabel('Houd mij per e-mail op de hoogte').check();
      await page.getByRole('button', { name: 'Plaats reactie' }).click();
      await page.waitForURL(new RegExp(`${path}#reactie-\\d+$`));
      expect(await page.locator('.comments [role="status"]').textContent()).toContain(
        'We hebben u een e-mail gestuurd',
      );
      const item = page.locator('.comment').last();
      expect(await item.locator('.comment__body').textContent()).toContain(
        '<script>alert(2)</script> eerste',
      );
      const link = item.locator('.comment__name a');
      expect(await link.textContent()).toBe('<img src=x onerror=alert(1)>');
      expect(await link.getAttribute('rel')).toBe('nofollow ugc noopener');
      expect(await link.getAttribute('onmouseover')).toBeNull();
      await link.hover();

      // The confirmation mail is in the dev mailbox; its link shows a page with a button.
      await site.server.jobs.drain();
      const mail = await site.database.db
        .selectFrom('mailbox')
        .selectAll()
        .where('to_address', '=', 'lezer@example.nl')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(mail.headers)['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      const confirmUrl = /http:\/\/127\.0\.0\.1:\d+\/reacties\/volgen\/[A-Za-z0-9_-]+/.exec(
        mail.text,
      )?.[0];
      expect(confirmUrl).toBeDefined();
      await page.goto(confirmUrl!);
      await page.getByRole('button', { name: 'Ja, houd mij op de hoogte' }).click();
      expect(await page.locator('h1').textContent()).toBe('U volgt de reacties');
      const follower = await site.database.db
        .selectFrom('followers')
        .select('confirmed_at')
        .executeTakeFirstOrThrow();
      expect(follower.confirmed_at).not.toBeNull();
      expect(dialogs).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('posts in place with JavaScript, errors next to the fields, and stays accessible', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { dialogs, foreign } = watch(page, site);
    try {
      await page.goto(site.url + path);
      expect(await axeViolations(page)).toEqual([]);
      await page.evaluate(() => {
        (window as unknown as { stayed: boolean }).stayed = true;
      });
      await page.getByLabel('Uw reactie').fill('x');
      await page.getByRole('button', { name: 'Plaats reactie' }).click();
      await page.locator('#reactie-name-fout').waitFor();
      expect(await page.locator('#reactie-name-fout').textContent()).toBe('Vul uw naam in.');
      expect(await page.locator('#reactie-body-fout').textContent()).toContain('te kort');
      expect(await page.getByLabel('Naam', { exact: true }).getAttribute('aria-invalid')).toBe(
        'true',
      );

      await page.getByLabel('Naam', { exact: true }).fill('"><svg onload=alert(3)>');
      await page
        .getByLabel('Uw reactie')
        .fill('Met script geplaatst. <img src=x onerror=alert(4)>');
      await page.getByRole('button', { name: 'Plaats reactie' }).click();
      await page.locator('.comment', { hasText: 'Met script geplaatst.' }).waitFor();
      expect(await page.locator('#reactie-name-fout').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
        true,
      );
      expect(await page.getByLabel('Uw reactie').inputValue()).toBe('');
      expect(await axeViolations(page)).toEqual([]);
      // After a reload the comment is there too, editable by this browser.
      await page.reload();
      const own = page.locator('.comment', { hasText: 'Met script geplaatst.' });
      expect(await own.locator('a', { hasText: 'Bewerken' }).count()).toBe(1);
      expect(dialogs).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('lets the logged-in author reply from the article page with the “Auteur” label', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { dialogs } = watch(page, site);
    try {
      await page.goto(`${site.url}/beheer/inloggen`);
      await page.getByLabel('E-mailadres').fill(authorEmail);
      await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: /inloggen/i }).click();
      await page.waitForURL(/\/beheer/);
      await page.goto(site.url + path);
      expect(await page.locator('.comment-form__as').textContent()).toContain('Petra de Vries');
      const question = page.locator('.comment-list > .comment').first();
      await question.locator('a', { hasText: 'Antwoorden' }).click();
      await page.getByLabel('Uw reactie').fill('Dank voor uw reactie, goed punt.');
      await page.getByRole('button', { name: 'Plaats antwoord' }).click();
      const reply = question.locator('.comment-replies .comment', {
        hasText: 'Dank voor uw reactie',
      });
      await reply.waitFor();
      expect(await reply.locator('.badge').textContent()).toBe('Auteur');
      // A reader sees the label too, after the page is fetched again.
      const reader = await browser.newContext({ javaScriptEnabled: false });
      const readerPage = await reader.newPage();
      await readerPage.goto(site.url + path);
      const shown = readerPage.locator('.comment-replies .comment', {
        hasText: 'Dank voor uw reactie',
      });
      expect(await shown.locator('.badge').textContent()).toBe('Auteur');
      expect(await shown.locator('.comment__name').textContent()).toBe('Petra de Vries');
      await reader.close();
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
