// A reader's walk through the public site in a real browser: home → article → author →
// topic → search, in Dutch and in English, with axe-core on every page of the reading site.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  keepScreenshot,
  launchBrowser,
  type RunningSite,
  startSite,
} from './harness.js';

async function expectAccessible(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations)}`).toEqual([]);
}

const cases = [
  { locale: 'nl', env: {}, grade: 'Waardering 6,9 (10 stemmen)', authors: 'Onze auteurs' },
  {
    locale: 'en',
    env: { SITE_LOCALE: 'en' },
    grade: 'Rating 6.9 (10 votes)',
    authors: 'Our authors',
  },
] as const;

describe('reading the site in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  for (const c of cases) {
    it(`walks home → article → author → topic → search (${c.locale})`, async () => {
      const site: RunningSite = await startSite(c.env);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const foreign: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(site.url) && !r.url().startsWith('data:')) foreign.push(r.url());
      });
      try {
        await page.goto(`${site.url}/`);
        expect(await page.locator('h1').first().textContent()).toBeTruthy();
        await expectAccessible(page, 'home');

        // The demo article graded 6,9 is the newest one: its card comes first.
        await page.locator('.cards .card__title a').first().click();
        await page.waitForURL(/\/artikel\/\d+\/[a-z0-9-]+$/);
        await expect.poll(() => page.locator('.grade__summary').textContent()).toBe(c.grade);
        expect(await page.locator('.sidebar').textContent()).toContain(c.authors);
        expect(await page.locator('.comment--author .badge').count()).toBe(1);
        await expectAccessible(page, 'article');
        if (c.locale === 'nl') await keepScreenshot(page, 'article-page');

        await page.locator('.byline__name').first().click();
        await page.waitForURL(/\/auteur\/[a-z0-9-]+$/);
        expect(await page.locator('h1').textContent()).toBeTruthy();
        await expectAccessible(page, 'author');

        await page.goto(`${site.url}/auteurs`);
        expect(await page.locator('.author-teaser').count()).toBeGreaterThanOrEqual(11);
        await expectAccessible(page, 'author directory');

        await page.goto(`${site.url}/`);
        await page.locator('.topic-list a').first().click();
        await page.waitForURL(/\/onderwerp\/[a-z0-9-]+$/);
        expect(await page.locator('.card').count()).toBeGreaterThan(0);
        await expectAccessible(page, 'topic');

        await page.goto(`${site.url}/privacy`);
        await expectAccessible(page, 'privacy');

        await page.locator('#site-search-q').fill('klant');
        await page.locator('#site-search-q').press('Enter');
        await page.waitForURL(/\/zoeken\?q=klant$/);

        expect(foreign).toEqual([]);
      } finally {
        await context.close();
        await site.close();
      }
    }, 180_000);
  }

  it('keeps space around the content and between labels and fields, at 390 and 1280 px', async () => {
    const site = await startSite();
    try {
      for (const width of [390, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        try {
          for (const path of ['/', '/?pagina=2', '/zoeken?q=klant', '/bestaat-niet', '/auteurs']) {
            await page.goto(`${site.url}${path}`);
            const gaps = await page.evaluate(() => {
              const box = (selector: string) => {
                const el = document.querySelector(selector);
                if (!el) throw new Error(`no ${selector}`);
                return el.getBoundingClientRect();
              };
              const main = document.querySelector('main');
              const last = main?.lastElementChild;
              return {
                headerToH1: box('main h1').top - box('.site-header').bottom,
                contentToFooter:
                  box('.site-footer').top - (last?.getBoundingClientRect().bottom ?? 0),
              };
            });
            const what = `${path} at ${width}px`;
            expect(gaps.headerToH1, what).toBeGreaterThanOrEqual(16);
            expect(gaps.contentToFooter, what).toBeGreaterThanOrEqual(24);
            await expectAccessible(page, what);
          }
          for (const [path, field] of [
            ['/zoeken?q=klant', '#search-q'],
            ['/bestaat-niet', '#error-search-q'],
          ] as const) {
            await page.goto(`${site.url}${path}`);
            const gap = await page.evaluate((id) => {
              const input = document.querySelector(id);
              const label = document.querySelector(`label[for="${id.slice(1)}"]`);
              if (!input || !label) throw new Error(`no ${id} with its label`);
              const l = label.getBoundingClientRect();
              const i = input.getBoundingClientRect();
              // Beside (left of the field) or above it: the space between them either way.
              return Math.max(i.left - l.right, i.top - l.bottom);
            }, field);
            expect(gap, `${path} at ${width}px`).toBeGreaterThanOrEqual(4);
          }
          if (width === 390) await keepScreenshot(page, 'not-found-phone');
        } finally {
          await context.close();
        }
      }
    } finally {
      await site.close();
    }
  }, 180_000);

  it('reads well on a phone', async () => {
    const site = await startSite();
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
    });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}/`);
      await page.locator('.cards .card__title a').first().click();
      await page.waitForURL(/\/artikel\//);
      // Nothing is wider than the screen.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, 'article on a phone');
      await keepScreenshot(page, 'article-page-phone');
    } finally {
      await context.close();
      await site.close();
    }
  }, 120_000);
});
