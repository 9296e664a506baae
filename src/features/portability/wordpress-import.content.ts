// WordPress post HTML (block editor or classic) -> our sanitised HTML. The block editor
// wraps blocks in <!-- wp:… --> comments; the classic editor stores paragraphs as blank
// lines that WordPress's wpautop() turns into <p> on display. We do both here, then pass
// everything through the one article sanitiser: no script, no on* attribute, no
// javascript: URL survives.
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

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  euro: '€',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X'
          ? Number.parseInt(ref.slice(2), 16)
          : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** HTML (a comment, an excerpt) -> plain text with paragraph breaks kept. */
export function htmlToText(html: string): string {
  const withBreaks = stripWordpressMarkers(html)
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(p|div|li|h[1-6]|blockquote)\s*>/gi, '\n\n');
  const stripped = withBreaks
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(stripped)
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
    found.add(decodeEntities(m[1] ?? ''));
  return [...found];
}
