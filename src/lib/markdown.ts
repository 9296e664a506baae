// Markdown is rendered once, on save, and sanitised; pages only ever show the stored result.
import { createRequire } from 'node:module';
import type { MarkdownIt, default as MarkdownItConstructor } from 'markdown-it';
import type sanitizeHtml from 'sanitize-html';

// markdown-it and sanitize-html (with htmlparser2 and postcss) are loaded on the first save
// or import, not at start: serving pages never needs them, and they cost an idle server a
// few MB of memory. require() keeps these functions synchronous; both ship CommonJS builds.
const requireModule = createRequire(import.meta.url);
let markdownIt: MarkdownIt | undefined;
let sanitizer: typeof sanitizeHtml | undefined;

function md(): MarkdownIt {
  // Raw HTML inside Markdown is not passed through: the sanitiser below is a second wall.
  markdownIt ??= new (requireModule('markdown-it') as typeof MarkdownItConstructor)({
    html: false,
    linkify: true,
    typographer: true,
  });
  return markdownIt;
}

function sanitize(html: string, options: sanitizeHtml.IOptions): string {
  sanitizer ??= requireModule('sanitize-html') as typeof sanitizeHtml;
  return sanitizer(html, options);
}

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'hr',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'b',
    'i',
    'code',
    'pre',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'figure',
    'figcaption',
    'sup',
    'sub',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    th: ['scope'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  allowProtocolRelative: false,
  transformTags: {
    // An article's own headings start at h2: the page title is the only h1.
    h1: 'h2',
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener' } : attribs };
    },
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
  },
};

/** Markdown source -> sanitised HTML, safe to store and to show as is. */
export function renderMarkdown(source: string): string {
  return sanitize(md().render(source), allowed);
}

/** Any HTML (from an import, say) -> the same safe subset. */
export function sanitizeArticleHtml(html: string): string {
  return sanitize(html, allowed);
}
