// Backups. SQLite: better-sqlite3's online backup API copies the live database page by
// page while the site keeps serving (readers and the writer are not stopped), giving a
// consistent snapshot. PostgreSQL: pg_dump is the right tool; we print the command.
// Restore puts a SQLite backup back after checking it is a Podium database; the server
// must be stopped first (a running process would keep writing to the file it has open).
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { DatabaseHandle } from '../../db/connect.js';

export class BackupError extends Error {
  constructor(
    readonly code: 'not_sqlite' | 'not_podium' | 'corrupt' | 'unsupported_backend' | 'missing',
    message: string,
  ) {
    super(message);
  }
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Online backup of the live SQLite database into DIR; returns the file written. */
export async function backupSqlite(
  database: DatabaseHandle,
  dir: string,
  now = new Date(),
): Promise<string> {
  if (!database.sqlite) {
    throw new BackupError(
      'unsupported_backend',
      'The online backup API is for SQLite; use pg_dump for PostgreSQL.',
    );
  }
  await mkdir(dir, { recursive: true });
  const file = path.join(path.resolve(dir), `podium-${stamp(now)}.db`);
  // All remaining pages in one step: the copy is one read transaction, so concurrent writes
  // (WAL: they do not wait for readers) can neither tear it nor restart it forever.
  await database.sqlite.backup(`${file}.part`, { progress: () => 0x7fffffff });
  renameSync(`${file}.part`, file);
  return file;
}

/** The pg_dump command that backs up a PostgreSQL database (custom format, restorable with pg_restore). */
export function pgDumpCommand(databaseUrl: string, dir: string, now = new Date()): string {
  const file = path.join(path.resolve(dir), `podium-${stamp(now)}.dump`);
  return `pg_dump --format=custom --no-owner --file='${file}' '${databaseUrl.replace(/'/g, "'\\''")}'`;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Checks that FILE is an intact SQLite database holding Podium's schema. */
export function checkPodiumDatabase(file: string): void {
  if (!existsSync(file)) throw new BackupError('missing', `${file} does not exist.`);
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_MAGIC) {
    throw new BackupError('not_sqlite', `${file} is not a SQLite database.`);
  }
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set(
      (
        db.prepare(`select name from sqlite_master where type = 'table'`).all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    );
    for (const needed of ['kysely_migration', 'users', 'articles', 'settings']) {
      if (!tables.has(needed))
        throw new BackupError(
          'not_podium',
          `${file} is not a Podium database (no ${needed} table).`,
        );
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError('corrupt', `${file} is damaged: ${String(check)}`);
  } finally {
    db.close();
  }
}

/** Puts a checked backup in place of the database file (server stopped). */
export async function restoreSqlite(backupFile: string, targetFile: string): Promise<void> {
  checkPodiumDatabase(backupFile);
  await mkdir(path.dirname(path.resolve(targetFile)), { recursive: true });
  const part = `${targetFile}.restore-part`;
  await copyFile(backupFile, part);
  // The old write-ahead log belongs to the old file; left in place it would be replayed.
  rmSync(`${targetFile}-wal`, { force: true });
  rmSync(`${targetFile}-shm`, { force: true });
  renameSync(part, targetFile);
}
