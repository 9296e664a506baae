// Transpiles src/ to dist/ with esbuild, file by file, keeping the folder layout, so that
// the server runs as plain JavaScript: a TypeScript loader in the running process costs
// about 34 MB of memory. Relative paths (src/views/assets.ts's `../../public`, files read
// through `new URL(…, import.meta.url)`) resolve the same from dist/ as from src/.
//
// Run before every start (`npm start`, `npm run podium`, `npx podium`): it takes well under
// a second, writes only files whose content changed and deletes what no longer has a
// source, so dist/ never runs code older than src/. Type checking is `npm run check`.
//
//   node scripts/build.mjs        prints nothing on success (CLI output stays clean)
import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const isTypeScript = (file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts');

/** Every file under dir, as absolute paths. */
function filesUnder(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

function readOrUndefined(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename: a process starting meanwhile never reads half a file. */
function writeIfChanged(file, contents) {
  const current = readOrUndefined(file);
  if (current && Buffer.compare(current, contents) === 0) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/** Removes now-empty folders below dir (deepest first); dir itself stays. */
function removeEmptyFolders(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const sub = path.join(dir, entry.name);
    removeEmptyFolders(sub);
    if (readdirSync(sub).length === 0) rmdirSync(sub);
  }
}

/** Builds srcDir into distDir (the repository's src/ and dist/ unless told otherwise). */
export async function build({
  srcDir = path.join(root, 'src'),
  distDir = path.join(root, 'dist'),
} = {}) {
  const sources = filesUnder(srcDir);
  mkdirSync(distDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: sources.filter(isTypeScript),
    outdir: distDir,
    outbase: srcDir,
    // One output file per source file: imports stay as written (`./x.js`), packages stay
    // in node_modules, and each module can still be loaded lazily on its own.
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // tsconfig.json: "jsx": "react-jsx", "jsxImportSource": "preact".
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // Linked maps cost nothing at run time; NODE_OPTIONS=--enable-source-maps uses them.
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    logLevel: 'silent',
  });
  const wanted = new Set();
  for (const output of result.outputFiles) {
    wanted.add(output.path);
    writeIfChanged(output.path, output.contents);
  }
  // Files that are not TypeScript (word lists, READMEs) are copied as they are.
  for (const source of sources.filter((f) => !isTypeScript(f))) {
    const target = path.join(distDir, path.relative(srcDir, source));
    wanted.add(target);
    writeIfChanged(target, readFileSync(source));
  }
  // A build running at the same time may be about to rename its temporary files.
  for (const file of filesUnder(distDir)) {
    if (!wanted.has(file) && !file.endsWith('.tmp')) rmSync(file, { force: true });
  }
  removeEmptyFolders(distDir);
  return { files: wanted.size };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await build();
  } catch (error) {
    // esbuild's errors name the file, line and column.
    console.error(error.message ?? error);
    process.exit(1);
  }
}
