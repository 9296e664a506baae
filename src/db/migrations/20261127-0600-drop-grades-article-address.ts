// No query looks votes up by article and address: per-address limits are counted in the
// rate-limit table, and held votes have their own index. The index only cost every grade
// one more B-tree write.
import type { MigrationDb } from '../migration-helpers.js';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('grades_article_address').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('grades_article_address')
    .on('grades')
    .columns(['article_id', 'address_hash', 'created_at'])
    .execute();
}
