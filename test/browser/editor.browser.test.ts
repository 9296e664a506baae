// The writing workflow in a real browser: an author writes a draft with the live and the
// server-rendered preview and uploads a photo; an editor publishes it and schedules
// another, which the job runner publishes by itself; the public pages change accordingly.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.js';
import { hashPassword } from '../../src/features/accounts/passwords.js';
import { insertUser, setPasswordHash } from '../../src/features/accounts/users.repository.js';
import {
  axeViolations,
  keepScreenshot,
  launchBrowser,
  type RunningSite,
  startSite,
} from './harness.js';

const PASSWORD = 'een lange zin als wachtwoord';

async function addUser(site: RunningSite, role: Role, email: string, name: string) {
  const db = site.database.db;
  const now = new Date().toISOString();
  const id = await insertUser(db, { email, name, role, state: 'invited', now });
  await setPasswordHash(db, id, await hashPassword(PASSWORD), now, { activate: true });
  if (role === 'author') {
    await db
      .insertInto('authors')
      .values({
        user_id: id,
        slug: 'ria-schrijver',
        name,
        bio_source: '',
        bio_html: '',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return id;
}

async function logIn(page: Page, url: string, email: string) {
  await page.goto(`${url}/beheer`);
  await page.waitForURL(/\/beheer\/inloggen/);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${url}/beheer`);
}

async function expectAccessible(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations)}`).toEqual([]);
}

describe('writing workflow in a browser', () => {
  let browser: Browser;
  let site: RunningSite;
  beforeAll(async () => {
    browser = await launchBrowser();
    site = await startSite({ DEMO: 'false' });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('drafts with a preview, uploads a photo, publishes, schedules and shows it publicly', async () => {
    await addUser(site, 'author', 'ria@example.nl', 'Ria Schrijver');
    await addUser(site, 'editor', 'eva@example.nl', 'Eva Redacteur');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(site.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });

    // The author writes a draft; the script previews as she types.
    await logIn(page, site.url, 'ria@example.nl');
    await page.goto(`${site.url}/beheer/artikelen/nieuw`);
    await expectAccessible(page, 'new article');
    await page.getByLabel('Titel').fill('Luisteren verkoopt beter');
    await page.getByLabel('Inleiding').fill('Wie vraagt, wint.');
    await page.getByLabel('Tekst (Markdown)').fill('## Stilte\n\nLaat de klant **uitpraten**.');
    await page.locator('#article-preview-body strong').waitFor({ timeout: 5_000 });
    expect(await page.locator('#article-preview-body h2').textContent()).toBe('Stilte');
    await page.getByRole('button', { name: 'Voorbeeld' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#article-preview-body strong').textContent()).toBe('uitpraten');
    expect(await page.getByLabel('Titel').inputValue()).toBe('Luisteren verkoopt beter');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/\/beheer\/artikelen\/\d+$/);
    expect(await page.locator('.flash').textContent()).toContain('Het artikel is aangemaakt.');
    const articleId = Number(/(\d+)$/.exec(page.url())![1]);
    await expectAccessible(page, 'edit article');
    await keepScreenshot(page, 'editor-draft');
    const draftPage = await page.request.get(
      `${site.url}/artikel/${articleId}/luisteren-verkoopt-beter`,
    );
    expect(draftPage.status()).toBe(404);

    // Her photo: a real JPEG, uploaded through the profile form.
    const photo = path.join(site.dataDir, 'ria.jpg');
    writeFileSync(
      photo,
      await sharp({ create: { width: 600, height: 800, channels: 3, background: '#c05020' } })
        .jpeg()
        .toBuffer(),
    );
    await page.goto(`${site.url}/beheer/profiel`);
    await page.setInputFiles('#field-photo', photo);
    await page.locator('form[action="/beheer/profiel/foto"] button[type=submit]').click();
    await page.waitForURL(`${site.url}/beheer/profiel`);
    expect(await page.locator('.flash').textContent()).toContain('De foto is opgeslagen.');
    const img = page.locator('.profile-photo img');
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320);
    await expectAccessible(page, 'profile');
    await page.getByRole('button', { name: 'Uitloggen' }).click();

    // The editor publishes it.
    await logIn(page, site.url, 'eva@example.nl');
    await page.goto(`${site.url}/beheer/artikelen/${articleId}`);
    await page.selectOption('#field-status', 'published');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(`${site.url}/beheer/artikelen/${articleId}`);
    expect(await page.locator('.flash').textContent()).toContain('Het artikel is opgeslagen.');
    const publicPage = await context.newPage();
    const live = await publicPage.goto(`${site.url}/artikel/${articleId}/luisteren-verkoopt-beter`);
    expect(live?.status()).toBe(200);
    expect(await publicPage.locator('h1').textContent()).toContain('Luisteren verkoopt beter');
    expect(await publicPage.content()).toContain('uitpraten');
    await keepScreenshot(publicPage, 'editor-published-article');

    // And schedules a second one, which appears by itself once its time has come.
    await page.goto(`${site.url}/beheer/artikelen/nieuw`);
    await page.getByLabel('Titel').fill('Morgen beter dan vandaag');
    await page.getByLabel('Tekst (Markdown)').fill('Geduld is ook een verkooptechniek.');
    await page.selectOption('#field-author-1', { label: 'Ria Schrijver' });
    await page.selectOption('#field-status', 'scheduled');
    await page.fill('#field-publish_at', '2099-06-01T09:00');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/\/beheer\/artikelen\/\d+$/);
    const scheduledId = Number(/(\d+)$/.exec(page.url())![1]);
    const scheduledUrl = `${site.url}/artikel/${scheduledId}/morgen-beter-dan-vandaag`;
    expect((await publicPage.goto(scheduledUrl))?.status()).toBe(404);
    // Bring the time forward instead of waiting until 2099; nobody requests anything.
    await site.database.db
      .updateTable('articles')
      .set({ publish_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', scheduledId)
      .execute();
    const deadline = Date.now() + 40_000;
    let status = 'scheduled';
    while (status !== 'published' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const row = await site.database.db
        .selectFrom('articles')
        .select('status')
        .where('id', '=', scheduledId)
        .executeTakeFirstOrThrow();
      status = row.status;
    }
    expect(status).toBe('published');
    expect((await publicPage.goto(scheduledUrl))?.status()).toBe(200);
    expect(await publicPage.locator('h1').textContent()).toContain('Morgen beter dan vandaag');

    await page.goto(`${site.url}/beheer/artikelen?status=published`);
    expect(await page.locator('.admin-table').textContent()).toContain('Morgen beter dan vandaag');
    await expectAccessible(page, 'article list');
    expect(foreign).toEqual([]);
    await context.close();
  }, 120_000);
});
