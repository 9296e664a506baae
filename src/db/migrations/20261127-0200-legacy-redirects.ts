// Moving a site in: old URLs (WordPress permalinks, ?p=123) answer 301 to their new place,
// an import remembers which source ids it already brought in (so running it twice creates
// nothing twice), and back-office import runs keep their progress and summary.
import { sql } from 'kysely';
import { type MigrationDb, oneOf, withId } from '../migration-helpers.js';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('legacy_redirects')
    // Lower-cased path (without trailing slash) or "?p=123" / "?page_id=7".
    .addColumn('legacy_path', 'text', (c) => c.primaryKey())
    .addColumn('target_path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('legacy_redirects_target', sql`target_path like '/%'`)
    .execute();

  await db.schema
    .createTable('import_map')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_map_pk', ['source', 'kind', 'source_id'])
    .execute();

  await withId(db, db.schema.createTable('import_runs'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'import_runs_state',
      oneOf('state', ['queued', 'running', 'done', 'failed']),
    )
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('import_runs').ifExists().execute();
  await db.schema.dropTable('import_map').ifExists().execute();
  await db.schema.dropTable('legacy_redirects').ifExists().execute();
}
