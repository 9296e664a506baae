// Grading in a real browser: without JavaScript (post, redirect, see the result) and with
// it (in place, no reload), changing the grade, and the display following every step.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, createAuthor } from '../helpers/factories.js';
import { axeViolations, launchBrowser, type RunningSite, startSite } from './harness.js';

async function choose(page: Page, score: number) {
  await page.locator('.grade__choice', { hasText: new RegExp(`^${score}$`) }).click();
  await page.locator('.grade__form button[type="submit"]').click();
}

describe('grading an article in a browser', () => {
  let browser: Browser;
  let site: RunningSite;
  let path: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    site = await startSite({ DEMO: 'false' });
    const author = await createAuthor(site.database.db, { name: 'Joris Bakker' });
    const article = await createArticle(site.database.db, {
      title: 'Zo krijgt u uw pijplijn op orde',
      authorIds: [author.id],
    });
    path = `/artikel/${article.id}/${article.slug}`;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('grades and changes the grade without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(site.url + path);
      expect(await page.locator('.grade__summary').textContent()).toBe('Nog geen waardering');

      await choose(page, 7);
      await page.waitForURL(`${site.url}${path}#waardering`);
      expect(await page.locator('.grade__notice').textContent()).toBe(
        'Bedankt voor uw waardering.',
      );
      expect(await page.locator('.grade__summary').textContent()).toBe('Waardering 7,0 (1 stem)');
      expect(await page.locator('input[name="score"][value="7"]').isChecked()).toBe(true);

      await choose(page, 9);
      await page.waitForURL(`${site.url}${path}#waardering`);
      expect(await page.locator('.grade__notice').textContent()).toBe(
        'Uw waardering is gewijzigd.',
      );
      expect(await page.locator('.grade__summary').textContent()).toBe('Waardering 9,0 (1 stem)');
      expect(await page.locator('input[name="score"][value="9"]').isChecked()).toBe(true);

      // A later visit: no thank-you any more, the own grade still chosen.
      await page.goto(site.url + path);
      expect(await page.locator('.grade__notice').textContent()).toBe('');
      expect(await page.locator('input[name="score"][value="9"]').isChecked()).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('grades in place with JavaScript, changes the grade, and stays accessible', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(site.url)) foreign.push(r.url());
    });
    try {
      await page.goto(site.url + path);
      expect(await page.locator('.grade__summary').textContent()).toBe('Waardering 9,0 (1 stem)');
      expect(await page.locator('input[name="score"]:checked').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      // A marker that a full page load would wipe out.
      await page.evaluate(() => {
        (window as unknown as { stayed: boolean }).stayed = true;
      });

      await choose(page, 5);
      await expect
        .poll(() => page.locator('.grade__summary').textContent())
        .toBe('Waardering 7,0 (2 stemmen)');
      expect(await page.locator('.grade__notice').textContent()).toBe(
        'Bedankt voor uw waardering.',
      );
      expect(await page.locator('.grade__own').textContent()).toBe('Uw cijfer: 5');
      expect(await page.locator('.grade__own').isVisible()).toBe(true);

      await choose(page, 3);
      await expect
        .poll(() => page.locator('.grade__summary').textContent())
        .toBe('Waardering 6,0 (2 stemmen)');
      expect(await page.locator('.grade__notice').textContent()).toBe(
        'Uw waardering is gewijzigd.',
      );
      expect(await page.locator('.grade__form button[type="submit"]').textContent()).toBe(
        'Waardering wijzigen',
      );
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
        true,
      );
      expect(page.url()).toBe(site.url + path);
      expect(await axeViolations(page)).toEqual([]);

      // After a reload the reader's own grade is shown as chosen.
      await page.reload();
      expect(await page.locator('input[name="score"][value="3"]').isChecked()).toBe(true);
      expect(await page.locator('.grade__summary').textContent()).toBe(
        'Waardering 6,0 (2 stemmen)',
      );
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
