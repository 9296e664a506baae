import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

function migratorFor(db: Kysely<Database>, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // With several schemas in one PostgreSQL database (tests), name ours explicitly.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Brings the schema to the newest version; returns the names of the migrations applied. */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<string[]> {
  return unwrap(await migratorFor(db, schema).migrateToLatest());
}

/** Undoes the newest migration. */
export async function migrateDown(db: Kysely<Database>, schema?: string): Promise<string[]> {
  return unwrap(await migratorFor(db, schema).migrateDown());
}
