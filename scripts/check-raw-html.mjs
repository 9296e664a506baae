// A gate of `npm run check`: raw HTML reaches a page only through the one named function,
// rawHtml() (or rawMarkup() for kept markup) in src/views/render.tsx. Anywhere else,
// `dangerouslySetInnerHTML` must be handed exactly such a call, and `__html` and Preact's
// template vnodes may not appear at all: so a reviewer finds every raw insertion by
// searching for one name.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', 'src');
const home = path.join(root, 'views', 'render.tsx');
const problems = [];

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (/\.(ts|tsx)$/.test(entry.name)) yield full;
  }
}

for (const file of sources(root)) {
  if (file === home) continue;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const where = `${path.relative(process.cwd(), file)}:${i + 1}`;
    if (/__html|_templateVNode|\bcreateElement\(\s*['"]?template/.test(line)) {
      problems.push(`${where}: raw HTML outside views/render.tsx`);
    }
    for (const m of line.matchAll(/dangerouslySetInnerHTML=\{\s*([A-Za-z_$][\w$]*)\(/g)) {
      if (m[1] !== 'rawHtml' && m[1] !== 'rawMarkup') {
        problems.push(`${where}: dangerouslySetInnerHTML takes ${m[1]}(), not rawHtml()`);
      }
    }
    if (/dangerouslySetInnerHTML=\{(?!\s*raw(Html|Markup)\()/.test(line)) {
      problems.push(`${where}: dangerouslySetInnerHTML must be given rawHtml(…)`);
    }
  });
}

if (problems.length > 0) {
  console.error(
    `Raw HTML must go through rawHtml() (src/views/render.tsx):\n${problems.join('\n')}`,
  );
  process.exit(1);
}
