import type { Database, Statement } from 'better-sqlite3';
import { EMBED_TYPES, parseEmbeds, type EmbedType } from '../../../shared/notes/embed-syntax';
import type { Migration } from './migration';

/**
 * Notes are searched by readable text, not by their embed tokens. Indexing the raw body made
 * `speaker type:note` match every note that references a speaker (`[[speaker:01a2…]]`), let bits of
 * UUIDs match, and put token syntax in snippets.
 *
 * `notes.search_body` holds the body with each token replaced by what a reader sees: the writer's
 * label, else the item's name at the time the note was saved (a quote's text, an article's, topic's
 * or note's title, a speaker's name; nothing for an item deleted for good). It is derived in
 * JavaScript (the token grammar is shared/notes/embed-syntax.ts; SQLite has no regular expressions)
 * by the notes service, in the same statement that writes the body, so the FTS triggers see one
 * consistent row. (Since written: a rename, or an item deleted for good, re-derives the text of
 * the notes that name the item, through the services: refreshNotesNaming in
 * main/services/notes/search-text.ts.)
 *
 * Writers that know nothing of the column (an import inserting notes with raw SQL) leave it NULL;
 * such rows are indexed with the token syntax's words cut out by SQL (ids stay), and the notes
 * service fills the column when it next finds them (`fillMissingSearchBodies`).
 *
 * The views and triggers of 0020 are replaced so the index reads the column; `sourcebook check`
 * (index-check.ts) rebuilds from the same views, so it compares like with like.
 * A shipped migration is never edited: a different derivation needs a new migration that rebuilds.
 */

/** Long text mostly in a script without spaces (CJK, Thai), as 0020 decides it for the trigram index. */
const MOSTLY_WIDE = (sql: string) => `length(CAST(${sql} AS BLOB)) >= 2 * length(${sql})`;

/**
 * The body with the words of the token syntax removed: the fallback while `search_body` is NULL.
 * The types are spelled out, not read from embed-syntax.ts: this SQL lives on in the views and
 * triggers created here, and services must keep computing the same text.
 */
const TOKEN_TYPES_0110 = ['quote', 'article', 'speaker', 'topic', 'note'];
const TOKEN_WORDS_REMOVED = (bodySql: string) => `replace(${TOKEN_TYPES_0110.reduce((sql, type) => `replace(${sql}, '[[${type}:', ' ')`, bodySql)}, ']]', ' ')`;

/** What the notes' search indexes hold as a note's body, on a row alias (`notes`, `old`, `x`). */
export const NOTE_SEARCH_TEXT_SQL = (row: string) => `coalesce(${row}.search_body, ${TOKEN_WORDS_REMOVED(`${row}.body`)})`;

const NAME_SQL: Record<EmbedType, string> = {
  quote: 'SELECT text FROM quotes WHERE id = ?',
  article: 'SELECT title FROM articles WHERE id = ?',
  speaker: 'SELECT name FROM speakers WHERE id = ?',
  topic: 'SELECT title FROM topics WHERE id = ?',
  note: 'SELECT title FROM notes WHERE id = ?',
};

const statementsByDb = new WeakMap<Database, Record<EmbedType, Statement>>();
const statementsFor = (db: Database) => {
  let s = statementsByDb.get(db);
  if (!s) {
    s = Object.fromEntries(EMBED_TYPES.map((t) => [t, db.prepare(NAME_SQL[t]).pluck()])) as Record<EmbedType, Statement>;
    statementsByDb.set(db, s);
  }
  return s;
};

/**
 * A note's body as the search indexes hold it: each token replaced by its label or the item's
 * current name (trashed items keep theirs, so restoring one needs no re-index). Text without tokens
 * is returned as it is.
 */
export function noteSearchBody(db: Database, body: string): string {
  const tokens = parseEmbeds(body);
  if (tokens.length === 0) return body;
  const statements = statementsFor(db);
  const names = new Map<string, string>();
  const nameOf = (type: EmbedType, id: string): string => {
    const key = `${type}:${id}`;
    let name = names.get(key);
    if (name === undefined) {
      const found = (statements[type].get(id) as string | undefined)?.replace(/\s+/g, ' ').trim() ?? '';
      name = found && type === 'quote' ? `“${found}”` : found;
      names.set(key, name);
    }
    return name;
  };
  let out = '';
  let pos = 0;
  for (const token of tokens) {
    const text = token.label ?? nameOf(token.type, token.id);
    // A space where nothing is left, so the words on either side do not run together.
    out += body.slice(pos, token.from) + (text || ' ');
    pos = token.to;
  }
  return out + body.slice(pos);
}

const NOTES_COLUMNS = ['title', 'body'];
const NOTES_TRI_COLUMNS = ['title', 'cjk_body'];
const triText = (row: string) => `CASE WHEN ${MOSTLY_WIDE(NOTE_SEARCH_TEXT_SQL(row))} THEN ${NOTE_SEARCH_TEXT_SQL(row)} ELSE '' END`;
const addRow = (fts: string, view: string, columns: string[], rid: string) =>
  `INSERT INTO ${fts}(rowid, ${columns.join(', ')}) SELECT rid, ${columns.join(', ')} FROM ${view} WHERE rid = ${rid};`;
const removeRow = (fts: string, columns: string[], values: string[], when: string) =>
  `INSERT INTO ${fts}(${fts}, rowid, ${columns.join(', ')}) SELECT 'delete', old.rowid, ${values.join(', ')} WHERE ${when};`;

export const migration0110: Migration = {
  version: 110,
  name: 'note-search-text',
  up(db) {
    db.exec(`
      DROP TRIGGER search_notes_ai;
      DROP TRIGGER search_notes_ad;
      DROP TRIGGER search_notes_au;
      DROP VIEW search_src_notes;
      DROP VIEW search_src_notes_tri;
      ALTER TABLE notes ADD COLUMN search_body TEXT;
      -- Finds the notes written without the column (an import) in one index probe.
      CREATE INDEX notes_search_body_missing ON notes(id) WHERE search_body IS NULL;
      CREATE VIEW search_src_notes AS
        SELECT rowid AS rid, title, ${NOTE_SEARCH_TEXT_SQL('notes')} AS body FROM notes WHERE deleted_at IS NULL;
      CREATE VIEW search_src_notes_tri AS
        SELECT rowid AS rid, title, ${triText('notes')} AS cjk_body FROM notes WHERE deleted_at IS NULL;
    `);
    // Every note, trashed ones too (restoring one re-adds it to the index from this column).
    // One body in memory at a time (notes may be 1 MB); better-sqlite3 cannot write while iterating.
    const read = db.prepare('SELECT body FROM notes WHERE rowid = ?').pluck();
    const set = db.prepare('UPDATE notes SET search_body = ? WHERE rowid = ?');
    for (const rowid of db.prepare('SELECT rowid FROM notes').pluck().all() as number[]) {
      set.run(noteSearchBody(db, read.get(rowid) as string), rowid);
    }
    db.exec(`
      INSERT INTO notes_fts(notes_fts) VALUES ('rebuild');
      INSERT INTO notes_tri(notes_tri) VALUES ('rebuild');
      CREATE TRIGGER search_notes_ai AFTER INSERT ON notes BEGIN
        ${addRow('notes_fts', 'search_src_notes', NOTES_COLUMNS, 'new.rowid')}
        ${addRow('notes_tri', 'search_src_notes_tri', NOTES_TRI_COLUMNS, 'new.rowid')}
      END;
      CREATE TRIGGER search_notes_ad AFTER DELETE ON notes WHEN old.deleted_at IS NULL BEGIN
        ${removeRow('notes_fts', NOTES_COLUMNS, ['old.title', NOTE_SEARCH_TEXT_SQL('old')], '1')}
        ${removeRow('notes_tri', NOTES_TRI_COLUMNS, ['old.title', triText('old')], '1')}
      END;
      CREATE TRIGGER search_notes_au AFTER UPDATE ON notes
        WHEN old.title IS NOT new.title OR old.body IS NOT new.body OR old.search_body IS NOT new.search_body OR old.deleted_at IS NOT new.deleted_at
      BEGIN
        ${removeRow('notes_fts', NOTES_COLUMNS, ['old.title', NOTE_SEARCH_TEXT_SQL('old')], 'old.deleted_at IS NULL')}
        ${removeRow('notes_tri', NOTES_TRI_COLUMNS, ['old.title', triText('old')], 'old.deleted_at IS NULL')}
        ${addRow('notes_fts', 'search_src_notes', NOTES_COLUMNS, 'new.rowid')}
        ${addRow('notes_tri', 'search_src_notes_tri', NOTES_TRI_COLUMNS, 'new.rowid')}
      END;
    `);
  },
};
