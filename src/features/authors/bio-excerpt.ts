// The short bio of author lists: plain text from the stored (sanitised) HTML, cut at a word
// boundary near 100 characters and ended by one ellipsis, as the directory and the sidebar
// show it before their "meer" link.
import { memoizeByString } from '../../infra/cache/memo.js';

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

export function plainTextOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === '#') {
        const n =
          code[1] === 'x' || code[1] === 'X'
            ? Number.parseInt(code.slice(2), 16)
            : Number(code.slice(1));
        return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
      }
      return entities[code.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts at the last word boundary at or before `max` characters; `cut` tells whether it did. */
export function excerpt(text: string, max = 100): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const head = text.slice(0, max + 1);
  const space = head.lastIndexOf(' ');
  // A single very long word is cut hard rather than dropped.
  const cutAt = space > max * 0.6 ? space : max;
  return { text: `${text.slice(0, cutAt).replace(/[\s.,;:!?–-]+$/u, '')}…`, cut: true };
}

const excerptOf = memoizeByString((bioHtml: string) => excerpt(plainTextOf(bioHtml), 100));

/** The excerpt lists show; at the usual length made once per bio, as every page lists authors. */
export function bioExcerpt(bioHtml: string, max = 100) {
  return max === 100 ? excerptOf(bioHtml) : excerpt(plainTextOf(bioHtml), max);
}
