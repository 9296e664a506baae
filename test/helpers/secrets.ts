// Where a secret ended up: every table of a test's database is read whole and searched.
import type { DatabaseHandle } from '../../src/db/connect.js';
import type { ReceivedMail } from './smtp.js';

/** Every table (of this test's database) with a row whose text contains `secret`. */
export async function tablesHolding(database: DatabaseHandle, secret: string): Promise<string[]> {
  // PostgreSQL lists the tables of every schema: only this test's own are read.
  const tables = await database.db.introspection.getTables();
  const names = new Set(
    tables.filter((t) => !database.schema || t.schema === database.schema).map((t) => t.name),
  );
  const found: string[] = [];
  for (const name of names) {
    const rows = await database.db
      .selectFrom(name as 'jobs')
      .selectAll()
      .execute();
    if (JSON.stringify(rows).includes(secret)) found.push(name);
  }
  return found;
}

/** The path and token of the first link to `path` in a mail's text. */
export function linkWithToken(mail: ReceivedMail, path: string): { path: string; token: string } {
  const match = new RegExp(`http://podium\\.test(${path}/([A-Za-z0-9_-]+))`).exec(
    mail.parsed.text ?? '',
  );
  if (!match) throw new Error(`no ${path} link in: ${mail.parsed.text}`);
  return { path: match[1]!, token: match[2]! };
}
