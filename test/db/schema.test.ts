// The Kysely `Database` type (src/db/schema.ts) must describe the database the migrations
// build, on every backend: the same tables, the same columns, and a column is nullable in
// the database exactly when its type admits null. TypeScript types do not exist at run
// time, so the expected description is read from schema.ts with the TypeScript compiler
// API: the `Database` interface's members name the tables, each table interface's
// properties the columns.
//
// Left out of the comparison:
// - Kysely's own migration tables (kysely_migration, kysely_migration_lock), which
//   getTables() skips by default;
// - on SQLite, the FTS5 search index `article_search` and its shadow tables
//   (article_search_data, _idx, _content, _docsize, _config), which no query builds
//   through Kysely (features/search/search.repository.ts uses raw SQL);
// - on SQLite, the nullability of primary-key columns: SQLite reports `notnull = 0` for
//   them (an INTEGER PRIMARY KEY is the rowid; another primary key column only refuses
//   NULL where NOT NULL is written), while PostgreSQL makes every one NOT NULL.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { backends, withSchemaLock } from '../helpers/backends.js';

type Shape = Record<string, Record<string, { nullable: boolean }>>;

const schemaFile = path.resolve('src/db/schema.ts');

/** Tables, columns and nullability as src/db/schema.ts declares them. */
function declaredShape(): Shape {
  const source = ts.createSourceFile(
    schemaFile,
    readFileSync(schemaFile, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeAliasDeclaration>();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
    if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement);
  }
  const nameOf = (name: ts.PropertyName): string => {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
    throw new Error(`Unexpected property name ${name.getText(source)} in schema.ts`);
  };
  // Whether the type a select returns admits null. Generated<T> and ColumnType<S, I, U>
  // select T and S; a local alias (Id, Flag, Role …) is followed to its definition.
  const admitsNull = (type: ts.TypeNode): boolean => {
    if (ts.isUnionTypeNode(type)) return type.types.some(admitsNull);
    if (ts.isParenthesizedTypeNode(type)) return admitsNull(type.type);
    if (ts.isLiteralTypeNode(type)) return type.literal.kind === ts.SyntaxKind.NullKeyword;
    if (ts.isTypeReferenceNode(type)) {
      const name = type.typeName.getText(source);
      const [selected] = type.typeArguments ?? [];
      if (['Generated', 'GeneratedAlways', 'ColumnType'].includes(name) && selected)
        return admitsNull(selected);
      const alias = aliases.get(name);
      return alias ? admitsNull(alias.type) : false;
    }
    return false;
  };
  const database = interfaces.get('Database');
  if (!database) throw new Error('schema.ts declares no Database interface');
  const shape: Shape = {};
  for (const member of database.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type))
      throw new Error(`Unexpected Database member ${member.getText(source)}`);
    const tableType = member.type.typeName.getText(source);
    const table = interfaces.get(tableType);
    if (!table) throw new Error(`schema.ts declares no interface ${tableType}`);
    const columns: Shape[string] = {};
    for (const column of table.members) {
      if (!ts.isPropertySignature(column) || !column.type)
        throw new Error(`Unexpected member ${column.getText(source)} of ${tableType}`);
      columns[nameOf(column.name)] = { nullable: admitsNull(column.type) };
    }
    shape[nameOf(member.name)] = columns;
  }
  return shape;
}

const isSearchIndex = (table: string) =>
  table === 'article_search' || table.startsWith('article_search_');

/** Tables, columns and nullability of the migrated database, as Kysely introspects them. */
async function migratedShape(database: DatabaseHandle): Promise<Shape> {
  const tables = await database.db.introspection.getTables();
  const shape: Shape = {};
  for (const table of tables) {
    if (database.schema && table.schema !== database.schema) continue;
    if (database.backend === 'sqlite' && isSearchIndex(table.name)) continue;
    let primaryKey = new Set<string>();
    if (database.backend === 'sqlite') {
      const rows = await sql<{ name: string }>`
        select name from pragma_table_info(${table.name}) where pk > 0`.execute(database.db);
      primaryKey = new Set(rows.rows.map((r) => r.name));
    }
    shape[table.name] = Object.fromEntries(
      table.columns.map((c) => [
        c.name,
        // See the header: SQLite's primary keys do not say NOT NULL; the type decides there.
        { nullable: primaryKey.has(c.name) ? false : c.isNullable },
      ]),
    );
  }
  return shape;
}

describe('the Database type read from schema.ts', () => {
  it('names every table and column with its nullability', () => {
    const shape = declaredShape();
    expect(Object.keys(shape).length).toBeGreaterThan(20);
    expect(shape.users?.email).toEqual({ nullable: false });
    expect(shape.users?.password_hash).toEqual({ nullable: true });
    expect(shape.users?.id).toEqual({ nullable: false }); // Id = Generated<number>
    expect(shape.articles?.comments_open).toEqual({ nullable: false }); // Flag = ColumnType<number, …>
    expect(shape.comments?.label).toEqual({ nullable: true }); // CommentLabel | null
  });
});

for (const backend of backends) {
  describe(`schema.ts against the migrated database on ${backend.name}`, {
    timeout: 120_000,
  }, () => {
    let database: DatabaseHandle | undefined;
    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('has the same tables, columns and nullability', async () => {
      database = await backend.open();
      const handle = database;
      // On a shared PostgreSQL server other test workers create and drop schemas; reading
      // the catalog takes turns with them (test/helpers/backends.ts).
      const url = process.env.TEST_DATABASE_URL;
      const migrated =
        backend.name === 'postgres' && url
          ? await withSchemaLock(url, () => migratedShape(handle))
          : await migratedShape(handle);
      const declared = declaredShape();
      expect(Object.keys(migrated).sort()).toEqual(Object.keys(declared).sort());
      for (const [table, columns] of Object.entries(declared)) {
        expect(migrated[table], table).toEqual(columns);
      }
    });
  });
}
