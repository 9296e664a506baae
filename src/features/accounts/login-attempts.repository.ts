// Failed-login counters, kept in the database so a restart does not lift a lock.
import type { Db } from '../../infra/db.js';

export async function findAttempts(db: Db, keys: string[]) {
  if (keys.length === 0) return [];
  return db.selectFrom('login_attempts').selectAll().where('key', 'in', keys).execute();
}

export async function saveAttempt(
  db: Db,
  row: { key: string; failures: number; firstFailureAt: string; lockedUntil: string | null },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({
      key: row.key,
      failures: row.failures,
      first_failure_at: row.firstFailureAt,
      locked_until: row.lockedUntil,
    })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: row.failures,
        first_failure_at: row.firstFailureAt,
        locked_until: row.lockedUntil,
      }),
    )
    .execute();
}

export async function clearAttempts(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('login_attempts').where('key', 'in', keys).execute();
}

export async function deleteStaleAttempts(db: Db, before: string): Promise<void> {
  await db
    .deleteFrom('login_attempts')
    .where('first_failure_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
    .execute();
}
