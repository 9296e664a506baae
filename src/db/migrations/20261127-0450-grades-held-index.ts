// Held-back grades are listed for editors and counted per article in the back office;
// this index finds them without reading every vote.
import type { MigrationDb } from '../migration-helpers.js';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('grades_state_article')
    .on('grades')
    .columns(['state', 'article_id', 'created_at'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('grades_state_article').execute();
}
