// The shared frame of every mail Podium sends: a responsive HTML part with inline styles
// (mail clients ignore stylesheets) and a plain-text part with the same content.
// Callers pass already-escaped HTML fragments built with `escapeHtml`, never raw user text.

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface MailFrame {
  lang: 'nl' | 'en';
  siteName: string;
  siteUrl: string;
  /** Shown as the mail's heading. */
  title: string;
  /** Body as HTML built from escaped text. */
  html: string;
  /** Body as plain text. */
  text: string;
  /** Footer line, e.g. why the reader gets this mail, with its unsubscribe link. */
  footerHtml?: string;
  footerText?: string;
}

export function mailFrame(frame: MailFrame): { html: string; text: string } {
  const html = `<!DOCTYPE html>
<html lang="${frame.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(frame.title)}</title></head>
<body style="margin:0;padding:0;background:#f5f7fa;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2430;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f5f7fa;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #dde1e7;border-radius:6px;">
<tr><td style="padding:20px 24px;border-bottom:1px solid #dde1e7;font-weight:700;font-size:18px;"><a href="${escapeHtml(frame.siteUrl)}/" style="color:#1d2430;text-decoration:none;">${escapeHtml(frame.siteName)}</a></td></tr>
<tr><td style="padding:24px;font-size:16px;line-height:1.6;">
<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px;">${escapeHtml(frame.title)}</h1>
${frame.html}
</td></tr>
${frame.footerHtml ? `<tr><td style="padding:16px 24px;border-top:1px solid #dde1e7;font-size:13px;color:#5b6472;">${frame.footerHtml}</td></tr>` : ''}
</table></td></tr></table>
</body></html>`;
  const text = [
    frame.title,
    '',
    frame.text,
    ...(frame.footerText ? ['', '--', frame.footerText] : []),
    '',
  ].join('\n');
  return { html, text };
}

/** A button-like link that survives mail clients. */
export function mailButton(href: string, label: string): string {
  return `<p style="margin:24px 0;"><a href="${escapeHtml(href)}" style="display:inline-block;background:#0b5cad;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:600;">${escapeHtml(label)}</a></p>`;
}
