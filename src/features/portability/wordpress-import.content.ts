// WordPress post HTML (block editor or classic) -> our sanitised HTML. The block editor
// wraps blocks in <!-- wp:… --> comments; the classic editor stores paragraphs as blank
// lines that WordPress's wpautop() turns into <p> on display. We do both here, then pass
// everything through the one article sanitiser: no script, no on* attribute, no
// javascript: URL survives. Plain text (titles, excerpts, names, comments) is decoded
// once with the full HTML entity table, as a browser would show it: `&euml;` is ë, and a
// double-encoded `&amp;euml;` stays the literal text `&euml;`.
import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { sanitizeArticleHtml } from '../../lib/markdown.js';

const BLOCK_START =
  /^<(?:p|h[1-6]|ul|ol|li|blockquote|figure|pre|table|thead|tbody|tr|div|hr|section|dl|address|form|iframe|script|style)\b/i;

/** Removes block-editor delimiters and shortcode wrappers whose content we keep. */
function stripWordpressMarkers(html: string): string {
  return html
    .replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '')
    .replace(/\[caption[^\]]*\]([\s\S]*?)\[\/caption\]/gi, '$1')
    .replace(/\r\n?/g, '\n');
}

/** A small wpautop: blank-line separated text becomes paragraphs, single newlines <br>. */
export function autoParagraphs(html: string): string {
  const chunks = html
    .split(/\n\s*\n/)
    .map((c) => c.trim())
    .filter(Boolean);
  return chunks
    .map((chunk) =>
      BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br />\n')}</p>`,
    )
    .join('\n');
}

/** The HTML we store as body_html (and, sanitised, as body_source). */
export function convertPostHtml(raw: string): string {
  return sanitizeArticleHtml(autoParagraphs(stripWordpressMarkers(raw))).trim();
}

/** HTML (a comment, an excerpt) -> plain text with paragraph breaks kept. */
export function htmlToText(html: string): string {
  const withBreaks = stripWordpressMarkers(html)
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(p|div|li|h[1-6]|blockquote)\s*>/gi, '\n\n');
  const stripped = withBreaks
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]*>/g, '');
  return decodeHTML(stripped)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A lead for lists: the excerpt, or the start of the body cut at a word. */
export function leadFrom(excerpt: string, bodyHtml: string, max = 300): string {
  const source = htmlToText(excerpt) || htmlToText(bodyHtml).split(/\n\n/)[0] || '';
  const flat = source.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40)).trimEnd()}…`;
}

/** Image URLs referenced by the (converted) body, in order, each once. */
export function imageUrls(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/gi))
    found.add(decodeHTMLAttribute(m[1] ?? ''));
  return [...found];
}
