// The back office in a real browser: the first admin from the link printed at start-up,
// log out and in, invite a colleague, find the invite in the dev mailbox, set the
// password through its link and log in as the colleague.
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

/** Starts a site and returns the first-admin link that start-up printed. */
async function startSiteWithLink(): Promise<{ site: RunningSite; link: string }> {
  const printed: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => {
    printed.push(args.map(String).join(' '));
    original(...args);
  };
  try {
    const site = await startSite({ DEMO: 'false' });
    const match = /(http:\/\/127\.0\.0\.1:\d+\/beheer\/uitnodiging\/[A-Za-z0-9_-]+)/.exec(
      printed.join('\n'),
    );
    if (!match) throw new Error(`No setup link printed:\n${printed.join('\n')}`);
    return { site, link: match[1]! };
  } finally {
    console.log = original;
  }
}

async function logIn(page: Page, url: string, email: string, password: string) {
  await page.goto(`${url}/beheer`);
  await page.waitForURL(/\/beheer\/inloggen/);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${url}/beheer`);
}

describe('back-office accounts in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('sets up the first admin, invites a colleague through the dev mailbox, and both log in', async () => {
    const { site, link } = await startSiteWithLink();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(site.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    try {
      await page.goto(link);
      expect(await page.locator('h1').textContent()).toBe('Welkom bij Podium');
      await expectAccessible(page, 'setup');
      await page.getByLabel('Naam').fill('Anna Beheer');
      await page.getByLabel('E-mailadres').fill('anna@example.nl');
      await page.getByLabel('Nieuw wachtwoord').fill('anna kiest een lange zin');
      await page.getByLabel('Herhaal het wachtwoord').fill('anna kiest een lange zin');
      await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
      await page.waitForURL(`${site.url}/beheer`);
      expect(await page.locator('.flash').textContent()).toContain('Uw wachtwoord is ingesteld');
      await expectAccessible(page, 'dashboard');
      await keepScreenshot(page, 'backoffice-dashboard');

      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await page.waitForURL(/\/beheer\/inloggen$/);
      expect(await page.locator('.flash').textContent()).toContain('U bent uitgelogd');
      await expectAccessible(page, 'login');
      await logIn(page, site.url, 'anna@example.nl', 'anna kiest een lange zin');

      await page.getByRole('link', { name: 'Gebruikers' }).click();
      await page.getByRole('link', { name: 'Iemand uitnodigen' }).click();
      await page.getByLabel('E-mailadres').fill('bram@example.nl');
      await page.getByLabel('Naam').fill('Bram Auteur');
      await page.getByLabel('Rol').selectOption('author');
      await expectAccessible(page, 'invite');
      await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
      await page.waitForURL(`${site.url}/beheer/gebruikers`);
      expect(await page.locator('.flash').textContent()).toContain('bram@example.nl');
      await expectAccessible(page, 'users');

      // The job runner sends the invite in the background; the mailbox shows it.
      const inviteLink = page.locator('.mail a[href*="/beheer/uitnodiging/"]').first();
      await expect
        .poll(
          async () => {
            await page.goto(`${site.url}/beheer/mailbox`);
            return inviteLink.count();
          },
          { timeout: 20_000 },
        )
        .toBe(1);
      await expectAccessible(page, 'mailbox');
      const href = await inviteLink.getAttribute('href');

      const colleague = await browser.newContext();
      const other = await colleague.newPage();
      await other.goto(href!);
      expect(await other.locator('main').textContent()).toContain('Hallo Bram Auteur');
      await other.getByLabel('Nieuw wachtwoord').fill('bram schrijft graag artikelen');
      await other.getByLabel('Herhaal het wachtwoord').fill('bram schrijft graag artikelen');
      await other.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
      await other.waitForURL(`${site.url}/beheer`);
      // An author sees no user management.
      expect(await other.getByRole('link', { name: 'Gebruikers' }).count()).toBe(0);
      await other.getByRole('button', { name: 'Uitloggen' }).click();
      await other.waitForURL(/\/beheer\/inloggen$/);
      await logIn(other, site.url, 'bram@example.nl', 'bram schrijft graag artikelen');
      expect(await other.locator('h1').textContent()).toBe('Dashboard');
      await colleague.close();
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
      await site.close();
    }
  }, 120_000);
});
