// The build behind `npm start`: src/ to dist/ file by file, nothing stale left behind.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.mjs';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function tree() {
  // Inside the repository, so that built files find node_modules (preact) as dist/ does.
  mkdirSync('test-artifacts', { recursive: true });
  dir = mkdtempSync(path.resolve('test-artifacts', 'build-'));
  const srcDir = path.join(dir, 'src');
  const distDir = path.join(dir, 'dist');
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(srcDir, file)), { recursive: true });
    writeFileSync(path.join(srcDir, file), text);
  };
  return { srcDir, distDir, write, out: (file: string) => path.join(distDir, file) };
}

describe('scripts/build.mjs', () => {
  it('writes each source to the same place in dist/, JSX through Preact, other files copied', async () => {
    const t = tree();
    t.write(
      'cli.ts',
      "import { twice } from './lib/twice.js';\nconst n: number = twice(2);\nconsole.log(n);\n",
    );
    t.write('lib/twice.ts', 'export const twice = (n: number): number => n * 2;\n');
    t.write('views/page.tsx', 'export const Page = () => <p class="x">hi</p>;\n');
    t.write('features/accounts/words.txt', 'geheim\n');
    await build({ srcDir: t.srcDir, distDir: t.distDir });

    const twice = await import(pathToFileURL(t.out('lib/twice.js')).href);
    expect(twice.twice(21)).toBe(42);
    expect(readFileSync(t.out('cli.js'), 'utf8')).toContain('"./lib/twice.js"');
    const page = await import(pathToFileURL(t.out('views/page.js')).href);
    expect(renderToString(page.Page())).toBe('<p class="x">hi</p>');
    expect(readFileSync(t.out('features/accounts/words.txt'), 'utf8')).toBe('geheim\n');
  });

  it('leaves unchanged output alone and removes output whose source is gone', async () => {
    const t = tree();
    t.write('a.ts', 'export const a = 1;\n');
    t.write('old/b.ts', 'export const b = 2;\n');
    await build({ srcDir: t.srcDir, distDir: t.distDir });
    const before = statSync(t.out('a.js')).mtimeMs;
    writeFileSync(t.out('stray.js'), 'export {};\n');
    rmSync(path.join(t.srcDir, 'old'), { recursive: true });
    await new Promise((r) => setTimeout(r, 20));

    await build({ srcDir: t.srcDir, distDir: t.distDir });
    expect(statSync(t.out('a.js')).mtimeMs).toBe(before);
    expect(existsSync(t.out('old/b.js'))).toBe(false);
    expect(existsSync(t.out('old'))).toBe(false);
    expect(existsSync(t.out('stray.js'))).toBe(false);
  });

  it('fails on a syntax error', async () => {
    const t = tree();
    t.write('broken.ts', 'export const = ;\n');
    await expect(build({ srcDir: t.srcDir, distDir: t.distDir })).rejects.toThrow(/broken\.ts/);
  });
});
