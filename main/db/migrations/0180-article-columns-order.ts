import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';

/**
 * Rows copied per step of the rewrite. Each step's old rows are deleted before the next step, so
 * their pages are reused by the new rows and the file grows by about one step, not one table.
 */
const ROWS_PER_STEP = 500;

/**
 * The articles table again, with its small columns first and its two long ones last: text, then
 * HTML. SQLite stores a row's columns in order and a long row continues on a chain of overflow
 * pages; a column is reached by walking that chain from its start. In 0010's order (`html`, `text`,
 * then the dates) every read of `deleted_at` (the search view, the list, the trash) and of `text`
 * (each snippet) first walked the pages of the article's HTML, read from disk when cold: two or
 * three pages in the benchmark, far more for a real page's markup.
 *
 * Measured on the 100k-article benchmark library, in a new process: twelve 60-row pages of the list
 * by date and title made 29,113 reads from the file before, 18,595 after; the 240 benchmark
 * searches 1% fewer (their snippets are a small part of what they read). The upgrade takes about
 * 30 s there, the copy made before any upgrade included.
 *
 * The table is rewritten in place, rowids kept: the search indexes, their facts and the pair
 * indexes key articles by rowid and stay valid. Its indexes and triggers are taken from the schema
 * as they stand (0010–0170 defined them) and created again afterwards; the other tables' foreign
 * keys and triggers, and the views, name `articles` and find the new table under it
 * (`legacy_alter_table` keeps the rename from rewriting them to the old table's name). A shipped
 * migration is never edited: later changes go into a new migration.
 */
export const migration0180: Migration = {
  version: 180,
  name: 'article-columns-order',
  rewritesReferencedTable: true,
  up(db) {
    const attached = db
      .prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'articles' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid")
      .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
    // Dropped first: no trigger may fire on the copy, and freed index pages are reused by it.
    for (const { type, name } of attached) db.exec(`DROP ${type.toUpperCase()} "${name}"`);
    withLegacyRename(db, () => db.exec('ALTER TABLE articles RENAME TO articles_before_0180'));
    db.exec(`
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        url TEXT,
        canonical_url TEXT,
        title TEXT NOT NULL,
        authors TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors)),
        site_name TEXT,
        published_at TEXT,
        modified_at TEXT,
        clipped_at TEXT NOT NULL,
        lang TEXT,
        excerpt TEXT,
        lead_image_url TEXT,
        word_count INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL,
        snapshot_path TEXT,
        source_kind TEXT NOT NULL DEFAULT 'paste' CHECK (source_kind IN ('url','file','paste','browser','import')),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        trash_batch TEXT,
        text TEXT NOT NULL DEFAULT '',
        html TEXT NOT NULL DEFAULT ''
      );
    `);
    copyInSteps(db);
    db.exec('DROP TABLE articles_before_0180');
    for (const { sql } of attached) db.exec(sql);
    // The list's two sorts 0050 left without an index ("Site A–Z", "Longest"): each page sorted
    // every live article, 1–4 s at 100k.
    db.exec(`
      CREATE INDEX articles_live_site ON articles(deleted_at, site_name COLLATE NOCASE, id);
      CREATE INDEX articles_live_words ON articles(deleted_at, word_count, id);
    `);
  },
};

const COLUMNS =
  'id, url, canonical_url, title, authors, site_name, published_at, modified_at, clipped_at, lang, excerpt, lead_image_url, ' +
  'word_count, content_hash, snapshot_path, source_kind, version, created_at, updated_at, deleted_at, trash_batch, text, html';

/** Copy the rows in rowid order, deleting each step's old rows once they are copied. */
function copyInSteps(db: Database): void {
  const copy = db.prepare(
    `INSERT INTO articles (rowid, ${COLUMNS}) SELECT rowid, ${COLUMNS} FROM articles_before_0180 WHERE rowid > ? ORDER BY rowid LIMIT ${ROWS_PER_STEP}`,
  );
  const lastCopied = db.prepare('SELECT max(rowid) FROM articles').pluck();
  const dropCopied = db.prepare('DELETE FROM articles_before_0180 WHERE rowid <= ?');
  let after = -Infinity;
  for (;;) {
    if (copy.run(after).changes === 0) return;
    after = lastCopied.get() as number;
    dropCopied.run(after);
  }
}

/**
 * Run a rename that leaves the other tables' foreign keys, trigger bodies and views naming the
 * table as they did (SQLite ≥ 3.26 would rewrite them to follow the renamed table). Foreign keys
 * are rewritten all the same while enforced: migrate() turns enforcement off for this step.
 */
function withLegacyRename(db: Database, rename: () => void): void {
  db.pragma('legacy_alter_table = ON');
  try {
    rename();
  } finally {
    db.pragma('legacy_alter_table = OFF');
  }
}
