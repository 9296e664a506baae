// Rows of uploaded images; the files themselves live under DATA_DIR/media.
import type { Db } from '../../infra/db.js';
import { nowIso } from '../../lib/time.js';

export async function insertMedia(
  db: Db,
  values: {
    key: string;
    kind: string;
    mime: string;
    width: number;
    height: number;
    bytes: number;
    created_by: number | null;
  },
) {
  await db
    .insertInto('media')
    .values({ ...values, created_at: nowIso() })
    .execute();
}

export async function mediaExists(db: Db, key: string): Promise<boolean> {
  const row = await db.selectFrom('media').select('id').where('key', '=', key).executeTakeFirst();
  return row !== undefined;
}
