// The shared frame of every mail Podium sends: a responsive HTML part with inline styles
// (mail clients ignore stylesheets) and a plain-text part with the same content.
//
// Mails are components like pages: every text goes in as a prop or child and Preact
// escapes it, so a name, title or comment can never become markup. The text part is
// built from the same data by each template, never by stripping the HTML.
//
// Each feature keeps its templates in a `<feature>.mails.tsx` file; every exported
// function there whose name ends in `Mail` is a template, and test/emails/ feeds hostile
// values to each one it finds.
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../config.js';
import type { Locale } from '../views/messages/index.js';

/** What the frame shows of the site. */
export interface MailSite {
  lang: Locale;
  siteName: string;
  siteUrl: string;
}

/** What a template needs of the configuration. */
export type MailConfig = Pick<Config, 'locale' | 'siteName' | 'siteUrl'>;

export function mailSiteOf(config: MailConfig): MailSite {
  return { lang: config.locale, siteName: config.siteName, siteUrl: config.siteUrl };
}

export interface MailLink {
  href: string;
  label: string;
}

/** The footer line: why the reader gets this mail, and the link that stops it. */
export interface MailFooter {
  note?: string;
  link?: MailLink;
  /** The link in the footer's grey rather than the mail client's link colour. */
  mutedLink?: boolean;
}

export interface MailContent {
  site: MailSite;
  /** Shown as the mail's heading (and the HTML document's title). */
  title: string;
  /** The body as components. */
  body: ComponentChildren;
  /** The same body as plain text. */
  text: string;
  footer?: MailFooter;
}

export interface RenderedMail {
  html: string;
  text: string;
}

export const MUTED = '#5b6472';
const BORDER = '1px solid #dde1e7';

export function MailLayout({
  site,
  title,
  footer,
  children,
}: {
  site: MailSite;
  title: string;
  footer?: MailFooter;
  children: ComponentChildren;
}) {
  return (
    <html lang={site.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body style="margin:0;padding:0;background:#f5f7fa;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2430;">
        <table
          role="presentation"
          width="100%"
          cellPadding="0"
          cellSpacing="0"
          style="background:#f5f7fa;"
        >
          <tr>
            <td align="center" style="padding:24px 12px;">
              <table
                role="presentation"
                width="100%"
                cellPadding="0"
                cellSpacing="0"
                style={`max-width:600px;background:#ffffff;border:${BORDER};border-radius:6px;`}
              >
                <tr>
                  <td
                    style={`padding:20px 24px;border-bottom:${BORDER};font-weight:700;font-size:18px;`}
                  >
                    <a href={`${site.siteUrl}/`} style="color:#1d2430;text-decoration:none;">
                      {site.siteName}
                    </a>
                  </td>
                </tr>
                <tr>
                  <td style="padding:24px;font-size:16px;line-height:1.6;">
                    <h1 style="font-size:22px;line-height:1.3;margin:0 0 16px;">{title}</h1>
                    {children}
                  </td>
                </tr>
                {footer && (
                  <tr>
                    <td
                      style={`padding:16px 24px;border-top:${BORDER};font-size:13px;color:${MUTED};`}
                    >
                      {footer.note}
                      {footer.note && footer.link ? ' ' : null}
                      {footer.link && (
                        <a
                          href={footer.link.href}
                          style={footer.mutedLink ? `color:${MUTED};` : undefined}
                        >
                          {footer.link.label}
                        </a>
                      )}
                    </td>
                  </tr>
                )}
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
}

function footerText(footer: MailFooter): string {
  const lines: string[] = [];
  if (footer.note) lines.push(footer.note);
  if (footer.link) lines.push(`${footer.link.label}: ${footer.link.href}`);
  return lines.join('\n');
}

/** Both parts of a mail: the HTML document and the plain text with the same content. */
export function renderMail(mail: MailContent): RenderedMail {
  const html = `<!DOCTYPE html>\n${renderToString(
    <MailLayout site={mail.site} title={mail.title} footer={mail.footer}>
      {mail.body}
    </MailLayout>,
  )}`;
  const footer = mail.footer ? footerText(mail.footer) : '';
  const text = [mail.title, '', mail.text, ...(footer ? ['', '--', footer] : []), ''].join('\n');
  return { html, text };
}

/** A button-like link that survives mail clients. */
export function MailButton({ href, label }: MailLink) {
  return (
    <p style="margin:24px 0;">
      <a
        href={href}
        style="display:inline-block;background:#0b5cad;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:600;"
      >
        {label}
      </a>
    </p>
  );
}

/** The link once more as text, for a client that shows no button. */
export function MailLinkText({ href }: { href: string }) {
  return <p style="word-break:break-all;">{href}</p>;
}

/** Text with its line breaks kept: each line, then a <br> before the next. */
export function Lines({ text, breaks = /\r?\n/ }: { text: string; breaks?: RegExp }) {
  return (
    <>
      {text.split(breaks).map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}
