// Every mail template, fed hostile values in every field a user controls (names, titles,
// comment bodies, list names, the site name, and links that carry them), must show them as
// text: no element or attribute of theirs in the HTML part, the literal text in the text part.
//
// The templates are found, not listed: every function exported from a `src/**/*.mails.tsx`
// file whose name ends in `Mail`. A template without a case below fails the first test.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { MailConfig, MailSite } from '../../src/emails/mail-layout.js';
import { catalogs, type Locale } from '../../src/views/messages/index.js';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '&amp;'];
const SITE_URL = 'http://podium.test';
const LOCALES: Locale[] = ['nl', 'en'];

interface MailParts {
  subject: string;
  html?: string;
  text: string;
}

// biome-ignore lint/suspicious/noExplicitAny: each template has its own signature.
type Template = (...args: any[]) => MailParts;

interface Fixture {
  h: string;
  lang: Locale;
  config: MailConfig;
  site: MailSite;
  /** A link of ours that carries the hostile value, as a slug or a query would. */
  link: string;
  template: Template;
}

/** Each template's cases: the mails it makes with `h` in every user-controlled field. */
const cases: Record<string, (f: Fixture) => MailParts[]> = {
  'features/accounts/account.mails.tsx#inviteMail': ({ h, config, link, template }) => [
    template(config, { email: 'nieuw@example.nl', name: h }, h, h, link),
  ],
  'features/accounts/account.mails.tsx#resetMail': ({ config, link, template }) => [
    template(config, 'lezer@example.nl', link),
  ],
  'features/accounts/account.mails.tsx#emailChangeMail': ({ h, config, link, template }) => [
    template(config, { email: 'nieuw@example.nl', name: h }, link),
  ],
  'features/accounts/account.mails.tsx#emailNoticeMail': ({ h, config, template }) => [
    template(config, 'oud@example.nl', 'requested', h),
    template(config, 'oud@example.nl', 'changed', h),
  ],
  'features/comments/comments.mails.tsx#forgetMail': ({ lang, site, link, template }) => [
    template(
      { ...site, t: catalogs[lang].comments },
      'lezer@example.nl',
      link,
      '<m.1@podium.test>',
    ),
  ],
  'features/comments/followers/followers.mails.tsx#confirmMail': ({ h, lang, site, template }) => [
    template(
      { ...site, t: catalogs[lang].comments },
      'lezer@example.nl',
      { title: h },
      'followerToken',
      '<m.2@podium.test>',
    ),
  ],
  'features/comments/followers/followers.mails.tsx#newCommentsMail': ({
    h,
    lang,
    site,
    template,
  }) => {
    const commentSite = { ...site, t: catalogs[lang].comments };
    const article = { id: 1, slug: h, title: h };
    const comment = (id: number) => ({ id, name: h, body: `${h}\n\n${h}\n${h}` });
    return [
      template(
        commentSite,
        'lezer@example.nl',
        article,
        [comment(2)],
        'token',
        '<m.3@podium.test>',
      ),
      template(
        commentSite,
        'lezer@example.nl',
        article,
        [comment(2), comment(3)],
        'token',
        '<m.4@podium.test>',
      ),
    ];
  },
  'features/comments/followers/followers.mails.tsx#authorNoticeMail': ({
    h,
    lang,
    site,
    link,
    template,
  }) =>
    (['pending', 'approved'] as const).map((state) =>
      template(
        { ...site, t: catalogs[lang].comments },
        'auteur@example.nl',
        { id: 1, title: h },
        { id: 2, name: h, body: `${h}\n${h}`, state },
        link,
        '<m.5@podium.test>',
      ),
    ),
  'features/newsletters/newsletters.mails.tsx#subscribeConfirmMail': (f) => [
    f.template(f.config, catalogs[f.lang].newsletters, 'lezer@example.nl', f.h, f.link),
  ],
  'features/newsletters/newsletters.mails.tsx#alreadySubscribedMail': (f) => [
    f.template(f.config, catalogs[f.lang].newsletters, 'lezer@example.nl', f.h, f.link),
  ],
  'features/newsletters/newsletters.mails.tsx#editionMail': ({ h, lang, site, link, template }) => [
    template(
      {
        site,
        t: catalogs[lang].newsletters,
        listName: h,
        edition: { id: 1, subject: h, intro: `${h}\n\n${h}\n${h}` },
        articles: [
          { id: 1, slug: h, title: h, lead: h },
          { id: 2, slug: 'zonder-inleiding', title: h, lead: '' },
        ],
      },
      link,
    ),
  ],
};

const srcDir = path.resolve(import.meta.dirname, '../../src');

async function findTemplates(): Promise<Map<string, Template>> {
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mails.tsx'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
  const found = new Map<string, Template>();
  for (const file of files) {
    const module = (await import(path.join(srcDir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function' && name.endsWith('Mail'))
        found.set(`${file}#${name}`, value as Template);
    }
  }
  return found;
}

// What our templates and the shared layout are made of. Anything else in a mail would have
// come from a value that was not escaped.
const ELEMENTS = new Set(
  'html head meta title body table tr td a h1 h2 p div blockquote br'.split(' '),
);
const ATTRIBUTES = new Set(
  'lang charset name content style role width cellpadding cellspacing align href'.split(' '),
);

interface Tag {
  name: string;
  attributes: Map<string, string>;
}

/** The start tags of an HTML document, read as a browser's tokenizer reads them. */
function startTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let i = 0;
  const skipSpace = () => {
    while (/\s/.test(html[i] ?? '')) i++;
  };
  for (i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i)) {
    i++;
    if (html[i] === '!' || html[i] === '/') {
      i = html.indexOf('>', i) + 1;
      continue;
    }
    const name = /^[a-zA-Z][^\s/>]*/.exec(html.slice(i))?.[0];
    if (!name) throw new Error(`a bare "<" in the HTML at ${i}: ${html.slice(i - 20, i + 20)}`);
    i += name.length;
    const attributes = new Map<string, string>();
    for (;;) {
      skipSpace();
      if (html[i] === '>' || i >= html.length) {
        i++;
        break;
      }
      if (html.startsWith('/>', i)) {
        i += 2;
        break;
      }
      const attribute = /^[^\s"'>/=]+|^./.exec(html.slice(i))![0];
      i += attribute.length;
      skipSpace();
      let value = '';
      if (html[i] === '=') {
        i++;
        skipSpace();
        const quote = html[i];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, i + 1);
          value = html.slice(i + 1, end);
          i = end + 1;
        } else {
          value = /^[^\s>]*/.exec(html.slice(i))![0];
          i += value.length;
        }
      }
      attributes.set(attribute.toLowerCase(), value);
    }
    tags.push({ name: name.toLowerCase(), attributes });
  }
  return tags;
}

/** How the page and mail renderer writes `text` as the content of an element. */
function asHtmlText(text: string): string {
  return renderToString(<>{text}</>);
}

describe('mail templates', () => {
  it('has a hostile-values case for every template, and only for templates', async () => {
    const found = [...(await findTemplates()).keys()];
    expect(found.length).toBeGreaterThan(0);
    expect(Object.keys(cases).sort()).toEqual(found.sort());
  });

  for (const lang of LOCALES) {
    for (const h of HOSTILE) {
      it(`shows ${JSON.stringify(h)} as text in every ${lang} mail`, async () => {
        const templates = await findTemplates();
        for (const [key, template] of templates) {
          const make = cases[key];
          if (!make) continue; // reported by the test above
          const site: MailSite = { lang, siteName: h, siteUrl: SITE_URL };
          const config: MailConfig = { locale: lang, siteName: h, siteUrl: SITE_URL };
          const link = `${SITE_URL}/link/${encodeURIComponent(h)}?q=${h}`;
          const mails = make({ h, lang, config, site, link, template });
          expect(mails.length, key).toBeGreaterThan(0);
          for (const mail of mails) {
            const html = mail.html ?? '';
            expect(html, key).toMatch(/^<!DOCTYPE html>/);
            expect(html, key).not.toMatch(/<script|<img/i);
            for (const tag of startTags(html)) {
              expect(ELEMENTS, `${key}: <${tag.name}>`).toContain(tag.name);
              for (const [attribute, value] of tag.attributes) {
                expect(ATTRIBUTES, `${key}: <${tag.name} ${attribute}>`).toContain(attribute);
                if (attribute === 'href')
                  expect(value.startsWith(`${SITE_URL}/`), `${key}: href=${value}`).toBe(true);
              }
            }
            expect(html, key).toContain(asHtmlText(h));
            expect(mail.text, key).toContain(h);
          }
        }
      });
    }
  }
});
