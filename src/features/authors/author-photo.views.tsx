// An author's photo: the uploaded one when there is one, otherwise a generated avatar
// (initials on a colour derived from the name) as an inline SVG data URI, so it costs no
// request and needs no route.
import { memoizeByString } from '../../infra/cache/memo.js';
import { useSite } from '../../views/site-context.js';

export function initialsOf(name: string): string {
  const words = name
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
  if (words.length === 0) return '?';
  // Dutch surname particles (van, de, der …) are lower case: skip them for the last initial.
  const capitalised = words.filter((w) => w[0] === w[0]?.toUpperCase());
  const first = words[0] ?? '';
  const last =
    capitalised.length > 1 ? capitalised[capitalised.length - 1] : words[words.length - 1];
  const letters = words.length > 1 && last ? first[0] + (last[0] ?? '') : first.slice(0, 2);
  return letters.toUpperCase();
}

/** A stable hue from the name; lightness is fixed dark enough for white text (WCAG AA). */
export function avatarHue(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}

export function avatarSvg(name: string): string {
  const initials = initialsOf(name)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  const hue = avatarHue(name);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" fill="hsl(${hue} 45% 32%)"/><text x="48" y="48" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="38" font-weight="600" fill="#fff">${initials}</text></svg>`;
}

/** The avatar as a data URI; made once per name, since every page lists authors. */
export const avatarDataUri = memoizeByString(
  (name: string) => `data:image/svg+xml,${encodeURIComponent(avatarSvg(name))}`,
);

/** URL of the author's picture at the given display size (uploads come in 96 and 320). */
export function authorPhotoUrl(author: { name: string; photo: string | null }, size: 96 | 320) {
  return author.photo ? `/media/${author.photo}-${size}.webp` : avatarDataUri(author.name);
}

export function AuthorPhoto({
  author,
  size,
  display = 64,
  decorative = false,
}: {
  author: { name: string; photo: string | null };
  size: 96 | 320;
  /** Rendered width and height in CSS pixels. */
  display?: number;
  /** True when the name is next to the photo: the image then adds nothing for a screen reader. */
  decorative?: boolean;
}) {
  const { t } = useSite();
  return (
    <img
      class="author-photo"
      src={authorPhotoUrl(author, size)}
      alt={decorative ? '' : t.site.article.authorPhoto(author.name)}
      width={display}
      height={display}
      loading="lazy"
      decoding="async"
    />
  );
}
