// Reads a WordPress export (WXR 1.1/1.2) as a stream of records, never the whole file:
// bytes are decoded strictly as UTF-8, fed to saxes chunk by chunk, and each finished
// author, term or item is handed out as soon as its closing tag is seen.
// Hostile input is refused here: any DOCTYPE declaring entities (billion laughs, external
// entities; saxes never expands them, we do not even start), a declared encoding other
// than UTF-8, invalid bytes, a truncated document, a field larger than FIELD_LIMIT.
import { ImportError } from './import-error.js';

// saxes is loaded when an import starts, not with the server: most servers never import.
const loadSaxes = () => import('saxes');

export interface WxrAuthor {
  kind: 'author';
  wpId: string;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
  description: string;
}

export interface WxrTerm {
  kind: 'category' | 'tag';
  slug: string;
  name: string;
  description: string;
}

export interface WxrComment {
  wpId: string;
  author: string;
  email: string;
  url: string;
  dateGmt: string;
  date: string;
  content: string;
  approved: string;
  type: string;
  parentId: string;
  userId: string;
}

export interface WxrItem {
  kind: 'item';
  title: string;
  link: string;
  creator: string;
  content: string;
  excerpt: string;
  wpId: string;
  date: string;
  dateGmt: string;
  name: string;
  status: string;
  type: string;
  attachmentUrl: string;
  commentStatus: string;
  terms: { domain: string; slug: string; name: string }[];
  meta: Map<string, string>;
  comments: WxrComment[];
}

export interface WxrSite {
  kind: 'site';
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  wxrVersion: string;
}

export type WxrRecord = WxrAuthor | WxrTerm | WxrItem | WxrSite;

/** A single field (a post body, say) larger than this is refused rather than buffered. */
const FIELD_LIMIT = 32 * 1024 * 1024;

type Fields = Record<string, string>;

function emptyItem(): WxrItem {
  return {
    kind: 'item',
    title: '',
    link: '',
    creator: '',
    content: '',
    excerpt: '',
    wpId: '',
    date: '',
    dateGmt: '',
    name: '',
    status: '',
    type: '',
    attachmentUrl: '',
    commentStatus: '',
    terms: [],
    meta: new Map(),
    comments: [],
  };
}

/**
 * Yields the records of a WXR stream in document order. Throws ImportError for anything
 * malformed; the caller runs inside a transaction and rolls back.
 */
export async function* readWxr(
  input: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<WxrRecord> {
  const { SaxesParser } = await loadSaxes();
  const parser = new SaxesParser({ position: true });
  const ready: WxrRecord[] = [];
  const stack: string[] = [];
  let text = '';
  let fields: Fields = {};
  let item: WxrItem | undefined;
  let comment: Fields | undefined;
  let meta: Fields | undefined;
  let term: { domain: string; slug: string } | undefined;
  let failure: ImportError | undefined;
  let sawRss = false;
  let sawChannelEnd = false;
  let siteSent = false;
  const site: WxrSite = {
    kind: 'site',
    link: '',
    baseSiteUrl: '',
    baseBlogUrl: '',
    wxrVersion: '',
  };

  const fail = (error: ImportError) => {
    failure ??= error;
  };

  parser.on('xmldecl', (decl) => {
    if (decl.encoding && decl.encoding.toLowerCase().replace('_', '-') !== 'utf-8') {
      fail(new ImportError('encoding', { encoding: decl.encoding }));
    }
  });
  parser.on('doctype', (doctype) => {
    // WordPress never writes a DOCTYPE; one with ENTITY declarations is an attack.
    if (/<!ENTITY/i.test(doctype) || /\bSYSTEM\b|\bPUBLIC\b/.test(doctype)) {
      fail(new ImportError('entities'));
    }
  });
  parser.on('error', (error) => {
    fail(new ImportError('malformed', { detail: error.message }));
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    if (stack.length === 0) {
      if (name !== 'rss') fail(new ImportError('not_wxr'));
      sawRss = true;
    }
    stack.push(name);
    text = '';
    if (name === 'item') {
      if (!siteSent) {
        ready.push(site);
        siteSent = true;
      }
      item = emptyItem();
    } else if (name === 'wp:comment' && item) comment = {};
    else if (name === 'wp:postmeta' && item) meta = {};
    else if (name === 'wp:author' || name === 'wp:category' || name === 'wp:tag') fields = {};
    else if (name === 'category' && item) {
      const attr = (key: string) => {
        const v = tag.attributes[key];
        return typeof v === 'string' ? v : '';
      };
      term = { domain: attr('domain'), slug: attr('nicename') };
    }
  });
  const addText = (chunk: string) => {
    if (text.length + chunk.length > FIELD_LIMIT) {
      fail(new ImportError('field_too_large'));
      return;
    }
    text += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', (tag) => {
    const name = tag.name;
    stack.pop();
    const parent = stack[stack.length - 1];
    const value = text;
    text = '';
    if (name === 'channel') sawChannelEnd = true;
    if (parent === 'channel') {
      if (name === 'link') site.link = value.trim();
      else if (name === 'wp:base_site_url') site.baseSiteUrl = value.trim();
      else if (name === 'wp:base_blog_url') site.baseBlogUrl = value.trim();
      else if (name === 'wp:wxr_version') site.wxrVersion = value.trim();
    }
    if (name === 'wp:author' && parent === 'channel') {
      if (!siteSent) {
        ready.push(site);
        siteSent = true;
      }
      ready.push({
        kind: 'author',
        wpId: fields['wp:author_id'] ?? '',
        login: fields['wp:author_login'] ?? '',
        email: fields['wp:author_email'] ?? '',
        displayName: fields['wp:author_display_name'] ?? '',
        firstName: fields['wp:author_first_name'] ?? '',
        lastName: fields['wp:author_last_name'] ?? '',
        description: fields['wp:author_description'] ?? '',
      });
      return;
    }
    if ((name === 'wp:category' || name === 'wp:tag') && parent === 'channel') {
      if (!siteSent) {
        ready.push(site);
        siteSent = true;
      }
      const isCategory = name === 'wp:category';
      ready.push({
        kind: isCategory ? 'category' : 'tag',
        slug: (isCategory ? fields['wp:category_nicename'] : fields['wp:tag_slug']) ?? '',
        name: (isCategory ? fields['wp:cat_name'] : fields['wp:tag_name']) ?? '',
        description:
          (isCategory ? fields['wp:category_description'] : fields['wp:tag_description']) ?? '',
      });
      return;
    }
    if (parent === 'wp:author' || parent === 'wp:category' || parent === 'wp:tag') {
      fields[name] = value;
      return;
    }
    if (!item) return;
    if (comment && parent === 'wp:comment') {
      comment[name] = value;
      return;
    }
    if (meta && parent === 'wp:postmeta') {
      meta[name] = value;
      return;
    }
    if (name === 'wp:comment' && comment) {
      const c = comment;
      item.comments.push({
        wpId: c['wp:comment_id'] ?? '',
        author: c['wp:comment_author'] ?? '',
        email: c['wp:comment_author_email'] ?? '',
        url: c['wp:comment_author_url'] ?? '',
        date: c['wp:comment_date'] ?? '',
        dateGmt: c['wp:comment_date_gmt'] ?? '',
        content: c['wp:comment_content'] ?? '',
        approved: c['wp:comment_approved'] ?? '',
        type: c['wp:comment_type'] ?? '',
        parentId: c['wp:comment_parent'] ?? '0',
        userId: c['wp:comment_user_id'] ?? '0',
      });
      comment = undefined;
      return;
    }
    if (name === 'wp:postmeta' && meta) {
      const key = meta['wp:meta_key'];
      if (key) item.meta.set(key, meta['wp:meta_value'] ?? '');
      meta = undefined;
      return;
    }
    if (name === 'category' && term) {
      item.terms.push({ ...term, name: value.trim() });
      term = undefined;
      return;
    }
    if (name === 'item') {
      ready.push(item);
      item = undefined;
      return;
    }
    if (parent !== 'item') return;
    switch (name) {
      case 'title':
        item.title = value;
        break;
      case 'link':
        item.link = value.trim();
        break;
      case 'dc:creator':
        item.creator = value.trim();
        break;
      case 'content:encoded':
        item.content = value;
        break;
      case 'excerpt:encoded':
        item.excerpt = value;
        break;
      case 'wp:post_id':
        item.wpId = value.trim();
        break;
      case 'wp:post_date':
        item.date = value.trim();
        break;
      case 'wp:post_date_gmt':
        item.dateGmt = value.trim();
        break;
      case 'wp:post_name':
        item.name = value.trim();
        break;
      case 'wp:status':
        item.status = value.trim();
        break;
      case 'wp:post_type':
        item.type = value.trim();
        break;
      case 'wp:attachment_url':
        item.attachmentUrl = value.trim();
        break;
      case 'wp:comment_status':
        item.commentStatus = value.trim();
        break;
    }
  });

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new ImportError('encoding', { encoding: 'UTF-8' });
    }
  };
  const feed = (chunk: string) => {
    if (failure) return;
    try {
      parser.write(chunk);
    } catch (error) {
      fail(new ImportError('malformed', { detail: (error as Error).message }));
    }
  };

  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    feed(decode(bytes, true));
    if (failure) throw failure;
    while (ready.length) yield ready.shift() as WxrRecord;
  }
  feed(decode(new Uint8Array(), false));
  if (!failure) {
    try {
      parser.close();
    } catch (error) {
      fail(new ImportError('malformed', { detail: (error as Error).message }));
    }
  }
  if (failure) throw failure;
  if (!sawRss || !sawChannelEnd) throw new ImportError('not_wxr');
  if (!siteSent) ready.push(site);
  while (ready.length) yield ready.shift() as WxrRecord;
}
