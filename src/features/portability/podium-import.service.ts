// Restores a Podium export into an EMPTY database (refused otherwise), in one
// transaction, keeping every id; on PostgreSQL the serial sequences are moved past the
// restored ids afterwards so new rows do not collide.

import { readFile } from 'node:fs/promises';
import type { DatabaseHandle } from '../../db/connect.js';
import { runWrite } from '../../infra/writes.js';
import { sha256 } from '../accounts/secret-token.js';
import { ImportError } from './import-error.js';
import { insertRows, resetSequence, tableHasRows } from './podium-export.repository.js';
import { EXPORT_FORMAT, EXPORT_VERSION, type Row } from './podium-export.service.js';
import { exportTables } from './podium-export.tables.js';

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the document's shape; returns its tables. */
export function validateExport(doc: unknown): Record<string, Row[]> {
  if (!isRow(doc) || doc.format !== EXPORT_FORMAT) throw new ImportError('not_podium_export');
  if (doc.version !== EXPORT_VERSION) {
    throw new ImportError('unsupported_version', { version: String(doc.version) });
  }
  if (!isRow(doc.tables)) throw new ImportError('invalid_export', { detail: 'tables' });
  const tables: Record<string, Row[]> = {};
  const known = new Set<string>(exportTables.map((t) => t.name));
  for (const [name, rows] of Object.entries(doc.tables)) {
    if (!known.has(name))
      throw new ImportError('invalid_export', { detail: `unknown table ${name}` });
    if (!Array.isArray(rows) || !rows.every(isRow)) {
      throw new ImportError('invalid_export', { detail: name });
    }
    tables[name] = rows;
  }
  return withHashedFollowerTokens(tables);
}

/**
 * Exports made before follower tokens were stored hashed carry the raw token on each
 * follower: it becomes the hash that the links in mail already sent still match.
 */
function withHashedFollowerTokens(tables: Record<string, Row[]>): Record<string, Row[]> {
  const followers = tables.followers;
  if (!followers?.some((f) => 'token' in f)) return tables;
  const tokens = [...(tables.follower_tokens ?? [])];
  const kept = followers.map(({ token, ...follower }) => {
    if (typeof token === 'string' && token !== '')
      tokens.push({
        token_hash: sha256(token),
        follower_id: follower.id,
        created_at: follower.created_at,
      });
    return follower;
  });
  return { ...tables, followers: kept, follower_tokens: tokens };
}

export async function importPodium(
  database: DatabaseHandle,
  doc: unknown,
): Promise<Record<string, number>> {
  const tables = validateExport(doc);
  const counts: Record<string, number> = {};
  await runWrite(database.db, async ({ trx, touch }) => {
    // A whole site arrives: every page changes.
    touch('*');
    for (const table of exportTables) {
      if (await tableHasRows(trx, table.name))
        throw new ImportError('not_empty', { table: table.name });
    }
    for (const table of exportTables) {
      const rows = tables[table.name] ?? [];
      try {
        await insertRows(trx, table.name, rows);
      } catch (error) {
        throw new ImportError('invalid_export', {
          detail: `${table.name}: ${(error as Error).message}`.slice(0, 300),
        });
      }
      counts[table.name] = rows.length;
    }
    if (database.backend !== 'sqlite') {
      for (const table of exportTables) if (table.serial) await resetSequence(trx, table.name);
    }
  });
  return counts;
}

export async function importPodiumFile(
  database: DatabaseHandle,
  file: string,
): Promise<Record<string, number>> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new ImportError('not_podium_export');
  }
  return importPodium(database, doc);
}
