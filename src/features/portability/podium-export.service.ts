// The whole site as one versioned JSON document, written as a stream of text chunks:
// one table at a time, one row per line, keys sorted, rows in primary-key order compared
// the same way on every backend, so export → import → export gives the same document
// (but for exportedAt), whichever database each step ran on.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { readTable } from './podium-export.repository.js';
import { exportTables, secretUserColumns } from './podium-export.tables.js';

export const EXPORT_FORMAT = 'podium-export';
export const EXPORT_VERSION = 1;

export type Row = Record<string, unknown>;

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a ?? '');
  const y = String(b ?? '');
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortedRow(row: Row): Row {
  const out: Row = {};
  for (const key of Object.keys(row).sort()) out[key] = row[key];
  return out;
}

function withoutSecrets(row: Row): Row {
  const copy = { ...row };
  for (const column of secretUserColumns) copy[column] = null;
  // A second factor without its secret cannot work: it is off until the user sets it again.
  copy.totp_enabled = 0;
  return copy;
}

export async function* exportSite(
  db: Kysely<Database>,
  options: { withSecrets?: boolean; now?: Date } = {},
): AsyncGenerator<string> {
  const head = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    withSecrets: options.withSecrets === true,
  };
  yield `${JSON.stringify(head).slice(0, -1)},"tables":{`;
  let firstTable = true;
  for (const table of exportTables) {
    let rows = (await readTable(db, table.name)) as Row[];
    rows.sort((a, b) => {
      for (const column of table.orderBy) {
        const c = compare(a[column], b[column]);
        if (c !== 0) return c;
      }
      return 0;
    });
    if (table.name === 'users' && !options.withSecrets) rows = rows.map(withoutSecrets);
    yield `${firstTable ? '' : ','}\n${JSON.stringify(table.name)}:[`;
    firstTable = false;
    let firstRow = true;
    for (const row of rows) {
      yield `${firstRow ? '' : ','}\n${JSON.stringify(sortedRow(row))}`;
      firstRow = false;
    }
    yield rows.length ? '\n]' : ']';
  }
  yield '\n}}\n';
}
