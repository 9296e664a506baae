// Full-text search over articles (title, lead, Markdown body).
//
// SQLite: an FTS5 table kept in step with `articles` by triggers. The porter stemmer is
// English-only, so the tokenizer is plain unicode61 (diacritics folded: "reünie" finds
// "reunie"); the search code adds prefix matching per term as a light stand-in for Dutch
// stemming. The index holds every article; the query keeps only published ones, so a
// status change needs no reindex.
//
// PostgreSQL (and PGlite): an expression GIN index over a weighted tsvector with the
// `dutch` configuration (title A, lead B, body C). No stored column, so `select *` on
// articles stays lean. The configuration is fixed here; queries must use the identical
// expression (features/search/search.repository.ts) for the index to apply.
import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from '../migration-helpers.js';

export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      create index articles_search on articles using gin ((
        setweight(to_tsvector('dutch'::regconfig, title), 'A') ||
        setweight(to_tsvector('dutch'::regconfig, lead), 'B') ||
        setweight(to_tsvector('dutch'::regconfig, body_source), 'C')
      ))`.execute(db);
    return;
  }
  await sql`
    create virtual table article_search using fts5(
      title, lead, body,
      tokenize = "unicode61 remove_diacritics 2"
    )`.execute(db);
  await sql`
    insert into article_search (rowid, title, lead, body)
    select id, title, lead, body_source from articles`.execute(db);
  await sql`
    create trigger article_search_insert after insert on articles begin
      insert into article_search (rowid, title, lead, body)
      values (new.id, new.title, new.lead, new.body_source);
    end`.execute(db);
  // Only text changes reindex: comment counts and versions change far more often.
  await sql`
    create trigger article_search_update after update of title, lead, body_source on articles
    begin
      delete from article_search where rowid = old.id;
      insert into article_search (rowid, title, lead, body)
      values (new.id, new.title, new.lead, new.body_source);
    end`.execute(db);
  await sql`
    create trigger article_search_delete after delete on articles begin
      delete from article_search where rowid = old.id;
    end`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index if exists articles_search`.execute(db);
    return;
  }
  await sql`drop trigger if exists article_search_delete`.execute(db);
  await sql`drop trigger if exists article_search_update`.execute(db);
  await sql`drop trigger if exists article_search_insert`.execute(db);
  await sql`drop table if exists article_search`.execute(db);
}
