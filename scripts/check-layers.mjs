// A gate of `npm run check`: the layers of STYLE.md hold. A route file (*.routes.ts/tsx)
// calls services, never a repository; a repository (*.repository.ts) returns rows and knows
// nothing of pages, so it imports nothing from src/views/ and no *.views.tsx. Every import
// form counts: `import`, `import type`, `export … from` and `import()`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', 'src');
const viewsDir = path.join(root, 'views');
const problems = [];

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (/\.(ts|tsx)$/.test(entry.name)) yield full;
  }
}

/** Every module specifier a file imports or re-exports, with its line number. */
function specifiers(text) {
  const found = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      found.push({ spec: m[1], line: text.slice(0, m.index).split('\n').length });
    }
  }
  return found;
}

for (const file of sources(root)) {
  const name = path.basename(file);
  const isRoute = /\.routes\.tsx?$/.test(name);
  const isRepository = /\.repository\.ts$/.test(name);
  if (!isRoute && !isRepository) continue;
  const text = readFileSync(file, 'utf8');
  for (const { spec, line } of specifiers(text)) {
    if (!spec.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), spec);
    const where = `${path.relative(process.cwd(), file)}:${line}`;
    if (isRoute && /\.repository(\.js|\.ts)?$/.test(target)) {
      problems.push(`${where}: a route imports a repository (${spec}); call a service`);
    }
    if (
      isRepository &&
      (target === viewsDir ||
        target.startsWith(viewsDir + path.sep) ||
        /\.views(\.js|\.tsx?)?$/.test(target))
    ) {
      problems.push(`${where}: a repository imports a view (${spec}); it returns rows only`);
    }
  }
}

if (problems.length > 0) {
  console.error(
    `Layers (STYLE.md): routes call services, repositories return rows:\n${problems.join('\n')}`,
  );
  process.exit(1);
}
