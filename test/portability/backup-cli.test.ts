// The commands as a real user runs them: spawned processes against SQLite files, and
// pg_dump/psql against the PostgreSQL test server when it is there.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { checkPodiumDatabase } from '../../src/features/portability/backup.service.js';
import { exportSite } from '../../src/features/portability/podium-export.service.js';
import { nowIso } from '../../src/lib/time.js';
import { withSchemaLock } from '../helpers/backends.js';
import { fixture, seedSite } from './seed-site.js';

const dirs: string[] = [];
const handles: DatabaseHandle[] = [];
afterEach(async () => {
  while (handles.length) await handles.pop()?.close();
  while (dirs.length) rmSync(dirs.pop() as string, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'podium-portability-'));
  dirs.push(dir);
  return dir;
}

function env(dir: string, databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dir,
    SECRET: 'test-secret-test-secret-test-secret-0123',
    SITE_LOCALE: 'nl',
    LOG_LEVEL: 'silent',
  };
}

function podium(args: string[], environment: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    encoding: 'utf8',
    env: environment,
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function exportText(db: DatabaseHandle['db']): Promise<unknown> {
  let text = '';
  for await (const chunk of exportSite(db, { withSecrets: true })) text += chunk;
  const { exportedAt: _, ...doc } = JSON.parse(text) as Record<string, unknown>;
  return doc;
}

async function openFile(file: string): Promise<DatabaseHandle> {
  const handle = connect(`sqlite:${file}`);
  handles.push(handle);
  await migrateToLatest(handle.db);
  return handle;
}

describe('the import and export commands', { timeout: 900_000 }, () => {
  it('imports a WXR file, exports it, and restores the export elsewhere, as real processes', async () => {
    const dir = tempDir();
    const first = env(dir, `sqlite:${path.join(dir, 'a.db')}`);
    const imported = podium(['import', 'wordpress', fixture, '--pages'], first);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('Samenvatting van de import');
    expect(imported.stdout).toContain('Artikelen: 5 nieuw, 0 al aanwezig');
    expect(imported.stdout).toContain('Reacties: 6 nieuw, 0 al aanwezig');
    expect(imported.stdout).toContain('één antwoordniveau');
    // Not a terminal: plain progress lines instead of a bar.
    expect(imported.stdout).toMatch(/MB gelezen, \d+ artikelen, \d+ reacties/);

    const again = podium(['import', 'wordpress', fixture, '--pages'], first);
    expect(again.stdout).toContain('Artikelen: 0 nieuw, 5 al aanwezig');

    const exported = podium(['export'], first);
    expect(exported.status).toBe(0);
    const doc = JSON.parse(exported.stdout) as {
      format: string;
      tables: Record<string, unknown[]>;
    };
    expect(doc.format).toBe('podium-export');
    expect(doc.tables.articles).toHaveLength(6);
    const file = path.join(dir, 'site.json');
    writeFileSync(file, exported.stdout);

    const second = env(dir, `sqlite:${path.join(dir, 'b.db')}`);
    const restored = podium(['import', 'podium', file], second);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain('articles: 6');
    const reexported = podium(['export'], second);
    const { exportedAt: a, ...left } = JSON.parse(reexported.stdout) as Record<string, unknown>;
    const { exportedAt: b, ...right } = doc as unknown as Record<string, unknown>;
    expect(a).not.toBe(b);
    expect(left).toEqual(right);

    // Into a database that is not empty: refused with a message, exit 1.
    const refused = podium(['import', 'podium', file], first);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('De database is niet leeg');
  });

  it('rejects a hostile WXR file with a message and stores nothing', async () => {
    const dir = tempDir();
    const hostile = path.join(dir, 'lol.xml');
    writeFileSync(
      hostile,
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>',
    );
    const environment = env(dir, `sqlite:${path.join(dir, 'c.db')}`);
    const result = podium(['import', 'wordpress', hostile], environment);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DOCTYPE met entiteiten');
    expect(result.stderr).toContain('Er is niets opgeslagen.');
    const handle = await openFile(path.join(dir, 'c.db'));
    expect(await handle.db.selectFrom('import_map').selectAll().execute()).toHaveLength(0);
  });
});

describe('backup and restore', { timeout: 900_000 }, () => {
  it('backs up a live SQLite database while it is written to, and restores it', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'live.db');
    const live = await openFile(dbFile);
    await seedSite(live.db);
    const countTopics = async (db: DatabaseHandle['db']) =>
      Number(
        (
          await db
            .selectFrom('topics')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await countTopics(live.db);

    // The backup runs in another process while this one keeps writing.
    const backupDir = path.join(dir, 'backups');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'backup', backupDir], {
      env: env(dir, `sqlite:${dbFile}`),
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let done = false;
    void exited.then(() => {
      done = true;
    });
    let written = 0;
    while (!done) {
      await live.db
        .insertInto('topics')
        .values({
          slug: `tijdens-backup-${written}`,
          name: `Tijdens backup ${written}`,
          created_at: nowIso(),
        })
        .execute();
      written++;
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await exited).toBe(0);
    expect(written).toBeGreaterThan(0);
    const [backupName] = readdirSync(backupDir);
    expect(backupName).toMatch(/^podium-\d{8}T\d{6}Z\.db$/);
    expect(out).toContain('Backup written');
    const backupFile = path.join(backupDir, backupName as string);
    checkPodiumDatabase(backupFile);
    const copy = connect(`sqlite:${backupFile}`);
    handles.push(copy);
    const inBackup = await countTopics(copy.db);
    // A consistent snapshot: everything before, some prefix of what was written during.
    expect(inBackup).toBeGreaterThanOrEqual(before);
    expect(inBackup).toBeLessThanOrEqual(before + written);
    const slugs = await copy.db
      .selectFrom('topics')
      .select('slug')
      .where('slug', 'like', 'tijdens-backup-%')
      .execute();
    const numbers = slugs.map((s) => Number(s.slug.split('-').pop())).sort((x, y) => x - y);
    expect(numbers).toEqual(numbers.map((_, i) => i));
    const backupDoc = await exportText(copy.db);

    // Restore into a new place, as a real process.
    const target = path.join(dir, 'restored', 'podium.db');
    const restored = podium(['restore', backupFile], env(dir, `sqlite:${target}`));
    expect(restored.status).toBe(0);
    const back = await openFile(target);
    expect(await exportText(back.db)).toEqual(backupDoc);

    // Refusals: not a SQLite file, and a SQLite file without Podium's schema.
    const text = path.join(dir, 'niet-sqlite.db');
    writeFileSync(text, 'dit is geen database');
    const notSqlite = podium(['restore', text], env(dir, `sqlite:${target}`));
    expect(notSqlite.status).toBe(1);
    expect(notSqlite.stderr).toContain('is not a SQLite database');
    const other = path.join(dir, 'ander.db');
    const otherDb = connect(`sqlite:${other}`);
    await sql`create table iets (id integer)`.execute(otherDb.db);
    await otherDb.close();
    const notPodium = podium(['restore', other], env(dir, `sqlite:${target}`));
    expect(notPodium.status).toBe(1);
    expect(notPodium.stderr).toContain('is not a Podium database');
    // The restored database is untouched by the refusals.
    expect(await exportText(back.db)).toEqual(backupDoc);
  });

  it('prints the pg_dump command for PostgreSQL', () => {
    const dir = tempDir();
    const result = podium(['backup', dir], env(dir, 'postgres://podium@db.internal:5432/podium'));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("pg_dump --format=custom --no-owner --file='");
    expect(result.stdout).toContain("'postgres://podium@db.internal:5432/podium'");
  });

  const pgUrl = process.env.TEST_DATABASE_URL;
  const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;
  it.skipIf(!pgUrl || !hasPgDump)(
    'pg_dump of a schema restores with psql into another schema',
    async () => {
      const url = pgUrl as string;
      const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const from = `dump_src_${suffix}`;
      const into = `dump_dst_${suffix}`;
      const admin = connect(url, { poolSize: 1 });
      handles.push(admin);
      await sql`create schema ${sql.id(from)}`.execute(admin.db);
      try {
        const source = connect(url, { schema: from, poolSize: 2 });
        handles.push(source);
        await withSchemaLock(url, () => migrateToLatest(source.db, from));
        await seedSite(source.db);
        const dump = execFileSync(
          'pg_dump',
          ['--no-owner', '--no-privileges', `--schema=${from}`, url],
          {
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
          },
        );
        const dir = tempDir();
        const file = path.join(dir, 'dump.sql');
        writeFileSync(file, dump.split(from).join(into));
        execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-f', file, url], { stdio: 'pipe' });
        const target = connect(url, { schema: into, poolSize: 2 });
        handles.push(target);
        expect(await exportText(target.db)).toEqual(await exportText(source.db));
      } finally {
        await withSchemaLock(url, async () => {
          await sql`drop schema if exists ${sql.id(from)} cascade`.execute(admin.db);
          await sql`drop schema if exists ${sql.id(into)} cascade`.execute(admin.db);
        });
      }
    },
  );
});
