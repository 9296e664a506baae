// Comment text is plain text. These rules turn what a reader typed into what we store:
// NFC-normalised, limits counted in code points (so an emoji is one character, never cut),
// control and bidi-override characters kept out of names, links only http(s).
import { linkifyit } from 'linkify-it';
import { memoizeByString } from '../../infra/cache/memo.js';

export const NAME_MAX = 80;
export const BODY_MIN = 2;
export const BODY_MAX = 5000;
export const WEBSITE_MAX = 300;

// Fuzzy links ("example.org", "www.x.nl") count and are linked too: readers type them that way.
const linkify = linkifyit({ fuzzyLink: true });

/** Length in code points, the unit our limits and the database's length() use. */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// C0/C1 controls, and the characters that reorder text (LRE/RLE/PDF/LRO/RLO, isolates,
// marks): in a name they are only good for disguising who wrote something.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
// In a body, line feeds and tabs are text; other controls are not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const BODY_CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;

export function cleanName(raw: string): string {
  return raw.normalize('NFC').replace(CONTROL, ' ').replace(BIDI, '').replace(/\s+/gu, ' ').trim();
}

/** Normalises a body; NUL bytes are reported rather than silently dropped. */
export function cleanBody(raw: string): { text: string; hadNul: boolean } {
  const hadNul = raw.includes('\u0000');
  const text = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replaceAll('\u0000', '')
    .replace(BODY_CONTROL, '')
    .replace(/[\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/[ \t]+$/gmu, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, hadNul };
}

/**
 * A reader's website as a safe absolute http(s) URL, or undefined when it is not one.
 * "example.nl" becomes "https://example.nl/"; javascript:, data: and friends are refused.
 */
export function cleanWebsite(raw: string): string | undefined {
  let text = raw.normalize('NFC').trim();
  if (!text) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a URL with control characters is refused
  if (/[\s<>"`\u0000-\u001f]/u.test(text)) return undefined;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  if (!url.hostname.includes('.')) return undefined;
  const href = url.href;
  return codePoints(href) <= WEBSITE_MAX ? href : undefined;
}

export interface TextLink {
  text: string;
  href: string;
}

export type TextPiece = string | TextLink;

/** Splits a line into text and http(s) links (linkify-it finds them; nothing else is markup). */
export function linkPieces(line: string): TextPiece[] {
  const matches = linkify.match(line) ?? [];
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const m of matches) {
    if (!/^https?:\/\//i.test(m.url)) continue;
    if (m.index > at) pieces.push(line.slice(at, m.index));
    pieces.push({ text: m.text, href: m.url });
    at = m.lastIndex;
  }
  if (at < line.length) pieces.push(line.slice(at));
  return pieces;
}

/**
 * Paragraphs (blank-line separated) of lines of pieces. Finding links is the costly part of
 * showing a discussion, and a stored text never changes its links: worked out once per text.
 */
export const bodyParagraphs = memoizeByString((body: string): TextPiece[][][] =>
  body
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => p.split('\n').map(linkPieces)),
);

/** How many links a text holds, for the spam limit and for edits that add links. */
export function linkCount(text: string): number {
  return (linkify.match(text) ?? []).filter((m) => /^https?:\/\//i.test(m.url)).length;
}
