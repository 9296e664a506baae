// Sanitised article HTML -> Markdown, so that an imported article opens in the editor as
// Markdown (the editor renders body_source with markdown-it, raw HTML off). Input is the
// output of sanitizeArticleHtml: well-formed and limited to a small set of tags, which is
// what makes a small tokenizer enough here. Anything it does not know keeps its text.
import { decodeHTML } from 'entities';

interface Frame {
  tag: string;
  out: string;
  href?: string;
}

const BLOCK = new Set(['p', 'h2', 'h3', 'h4', 'figure', 'figcaption', 'table', 'tr', 'div']);

function attr(attrs: string, name: string): string {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return m?.[1] ?? '';
}

/** Escapes characters that would start Markdown syntax inside plain text. */
function escapeText(text: string): string {
  return text
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/^(\s*)([#>+-])(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2\\.$3');
}

export function htmlToMarkdown(html: string): string {
  const stack: Frame[] = [{ tag: '', out: '' }];
  const lists: { ordered: boolean; n: number }[] = [];
  let pre = 0;
  const top = () => stack[stack.length - 1] as Frame;
  const emit = (s: string) => {
    top().out += s;
  };
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)([^>]*?)\/?>|([^<]+)/gi)) {
    const [, closing, rawTag, attrs = '', text] = m;
    if (text !== undefined) {
      if (pre > 0) emit(decodeHTML(text));
      else emit(escapeText(text.replace(/\s*\n\s*/g, ' ')));
      continue;
    }
    const tag = (rawTag ?? '').toLowerCase();
    if (!closing) {
      switch (tag) {
        case 'br':
          emit('\\\n');
          break;
        case 'hr':
          emit('\n\n---\n\n');
          break;
        case 'img':
          emit(`![${attr(attrs, 'alt').replace(/[[\]]/g, '')}](${attr(attrs, 'src')})`);
          break;
        case 'h2':
        case 'h3':
        case 'h4':
          emit(`\n\n${'#'.repeat(Number(tag[1]))} `);
          break;
        case 'strong':
        case 'b':
          emit('**');
          break;
        case 'em':
        case 'i':
          emit('*');
          break;
        case 'code':
          if (pre === 0) emit('`');
          break;
        case 'pre':
          pre++;
          emit('\n\n```\n');
          break;
        case 'ul':
        case 'ol':
          lists.push({ ordered: tag === 'ol', n: Number(attr(attrs, 'start')) || 1 });
          emit('\n');
          break;
        case 'li': {
          const list = lists[lists.length - 1];
          const indent = '   '.repeat(Math.max(0, lists.length - 1));
          const marker = list?.ordered ? `${list.n++}.` : '-';
          emit(`\n${indent}${marker} `);
          break;
        }
        case 'a':
        case 'blockquote':
          stack.push({ tag, out: '', href: attr(attrs, 'href') });
          break;
        case 'td':
        case 'th':
          emit(' | ');
          break;
        default:
          if (BLOCK.has(tag)) emit('\n\n');
      }
      continue;
    }
    switch (tag) {
      case 'h2':
      case 'h3':
      case 'h4':
      case 'p':
        emit('\n\n');
        break;
      case 'strong':
      case 'b':
        emit('**');
        break;
      case 'em':
      case 'i':
        emit('*');
        break;
      case 'code':
        if (pre === 0) emit('`');
        break;
      case 'pre':
        pre = Math.max(0, pre - 1);
        emit('\n```\n\n');
        break;
      case 'ul':
      case 'ol':
        lists.pop();
        emit('\n\n');
        break;
      case 'figcaption':
        emit('\n\n');
        break;
      case 'a':
      case 'blockquote': {
        if (stack.length < 2 || top().tag !== tag) break;
        const frame = stack.pop() as Frame;
        if (tag === 'a') {
          emit(frame.href ? `[${frame.out}](${frame.href})` : frame.out);
        } else {
          const quoted = frame.out
            .trim()
            .split('\n')
            .map((line) => (line ? `> ${line}` : '>'))
            .join('\n');
          emit(`\n\n${quoted}\n\n`);
        }
        break;
      }
      default:
        if (BLOCK.has(tag)) emit('\n\n');
    }
  }
  while (stack.length > 1) {
    const frame = stack.pop() as Frame;
    emit(frame.out);
  }
  return top()
    .out.replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
