import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../src/features/portability/html-to-markdown.js';
import { convertPostHtml } from '../../src/features/portability/wordpress-import.content.js';
import { renderMarkdown } from '../../src/lib/markdown.js';

describe('imported HTML as Markdown source', () => {
  it('renders back to the same structure', () => {
    const html = convertPostHtml(
      '<h2>Kop</h2><p>Tekst met <strong>vet</strong>, <em>schuin</em> en <a href="https://voorbeeld.nl/a?b=1&amp;c=2">een link</a>.</p><ul><li>een</li><li>twee</li></ul><ol start="3"><li>drie</li></ol><blockquote><p>Citaat met *ster*</p></blockquote><pre><code>a &lt; b</code></pre><p>1. geen lijst<br>tweede regel</p><p><img src="https://voorbeeld.nl/f.png" alt="Foto"></p>',
    );
    const markdown = htmlToMarkdown(html);
    expect(markdown).toContain('## Kop');
    expect(markdown).toContain('[een link](https://voorbeeld.nl/a?b=1&amp;c=2)');
    expect(markdown).toContain('3. drie');
    expect(markdown).toContain('> Citaat met \\*ster\\*');
    expect(markdown).toContain('```\na < b\n```');
    expect(markdown).toContain('1\\. geen lijst');
    const rendered = renderMarkdown(markdown);
    expect(rendered).toContain('<h2>Kop</h2>');
    expect(rendered).toContain('<strong>vet</strong>');
    expect(rendered).toContain('<em>schuin</em>');
    expect(rendered).toContain(
      '<a href="https://voorbeeld.nl/a?b=1&amp;c=2" rel="noopener">een link</a>',
    );
    expect(rendered).toContain('<ul>\n<li>een</li>\n<li>twee</li>\n</ul>');
    expect(rendered).toContain('<ol start="3">');
    expect(rendered).toContain('<blockquote>\n<p>Citaat met *ster*</p>\n</blockquote>');
    expect(rendered).toContain('<code>a &lt; b\n</code>');
    expect(rendered).toContain('<p>1. geen lijst<br />\ntweede regel</p>');
    expect(rendered).toContain(
      '<img src="https://voorbeeld.nl/f.png" alt="Foto" loading="lazy" />',
    );
  });
});
