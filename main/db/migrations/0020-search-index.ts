import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';

/**
 * Full-text search: FTS5 indexes over articles, quotes, notes, topics and speakers, trigram indexes
 * for substring search (speaker names, titles, CJK text), and saved searches.
 *
 * Why external content over views (not contentless, not self-content):
 * - external content keeps one copy of the text (article bodies dominate the file) and still gives
 *   `snippet()`, which contentless tables cannot;
 * - the content is a VIEW that leaves trashed rows out, so "soft-deleted rows never match" holds in
 *   the index itself, `integrity-check` and `rebuild` agree with it, and queries need no join to
 *   filter the trash;
 * - `INSERT INTO x(x) VALUES('rebuild')` can always regenerate an index from its view (a future
 *   "compact" or repair only has to call it).
 * The price is that a 'delete' must pass exactly the values that were indexed. Every value is
 * either a column of the row itself (old.* in the trigger) or comes from `search_speaker_names`,
 * a small table written ONLY by these triggers, always between removing and re-adding the rows
 * that show it, so the stored value is by construction the indexed one. That matters for quotes,
 * whose speaker column (name + aliases) lives in other tables and changes with renames, alias edits,
 * merges and speaker deletion (when foreign-key actions fire in an order we do not control).
 *
 * rowids: FTS rows use the item table's implicit rowid. SQLite keeps those through VACUUM for tables
 * with an index (every item table has its TEXT primary key index); if that ever changed, 'rebuild'
 * on each table restores the index.
 *
 * A shipped migration is never edited: later changes go into a new migration.
 */

/** Short text with a CJK character (CJK radicals..Unified Ideographs incl. kana, Hangul, compatibility ideographs). */
const CJK_GLOB = "'*[⺀-鿿가-힯豈-﫿]*'";
/**
 * Long text written mostly in a script without spaces between words (CJK, Thai: 3 bytes a
 * character in UTF-8). A GLOB over a whole article costs as much as indexing it, this byte/char
 * ratio a few microseconds; an English article quoting one Chinese phrase is not covered (its quotes,
 * checked with CJK_GLOB, are).
 */
const MOSTLY_WIDE = (col: string) => `length(CAST(${col} AS BLOB)) >= 2 * length(${col})`;
const TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'";
const TRIGRAM = "tokenize = 'trigram remove_diacritics 1'";

/** The quote's speaker column as indexed: name and aliases of its speaker, '' without one. */
const SPEAKER_TEXT_OF = (speakerIdSql: string) =>
  `coalesce((SELECT sn.name || ' ' || sn.aliases FROM search_speaker_names sn WHERE sn.speaker_id = ${speakerIdSql}), '')`;
const ALIASES_OF = (speakerIdSql: string) =>
  `(SELECT coalesce(group_concat(alias, ' ' ORDER BY alias), '') FROM speaker_aliases WHERE speaker_id = ${speakerIdSql})`;

interface Index {
  fts: string;
  view: string;
  columns: string[];
}

const idx = (fts: string, view: string, columns: string[]): Index => ({ fts, view, columns });
const ARTICLES = idx('articles_fts', 'search_src_articles', ['title', 'authors', 'site_name', 'text']);
const ARTICLES_TRI = idx('articles_tri', 'search_src_articles_tri', ['title', 'cjk_text']);
const QUOTES = idx('quotes_fts', 'search_src_quotes', ['text', 'speaker', 'note']);
const QUOTES_TRI = idx('quotes_tri', 'search_src_quotes_tri', ['text']);
const NOTES = idx('notes_fts', 'search_src_notes', ['title', 'body']);
const NOTES_TRI = idx('notes_tri', 'search_src_notes_tri', ['title', 'cjk_body']);
const TOPICS = idx('topics_fts', 'search_src_topics', ['title', 'description']);
const SPEAKERS = idx('speakers_fts', 'search_src_speakers', ['name', 'aliases', 'role', 'affiliation']);
const SPEAKERS_TRI = idx('speakers_tri', 'search_src_speakers_tri', ['name', 'aliases']);

/** Add the live rows of `view` chosen by `where` to the index. */
const addRows = (i: Index, where: string) =>
  `INSERT INTO ${i.fts}(rowid, ${i.columns.join(', ')}) SELECT rid, ${i.columns.join(', ')} FROM ${i.view} WHERE ${where};`;
/** Remove rows exactly as the view shows them now (for changes made elsewhere: aliases, speaker names). */
const removeRowsAsShown = (i: Index, where: string) =>
  `INSERT INTO ${i.fts}(${i.fts}, rowid, ${i.columns.join(', ')}) SELECT 'delete', rid, ${i.columns.join(', ')} FROM ${i.view} WHERE ${where};`;
/** Remove one row given the values it was indexed with (old.* of the changed row). */
const removeRow = (i: Index, rowid: string, values: string[], when: string) =>
  `INSERT INTO ${i.fts}(${i.fts}, rowid, ${i.columns.join(', ')}) SELECT 'delete', ${rowid}, ${values.join(', ')} WHERE ${when};`;

function createViews(db: Database): void {
  db.exec(`
    CREATE VIEW search_src_articles AS
      SELECT rowid AS rid, title, authors, site_name, text FROM articles WHERE deleted_at IS NULL;
    CREATE VIEW search_src_articles_tri AS
      SELECT rowid AS rid, title, CASE WHEN ${MOSTLY_WIDE('text')} THEN text ELSE '' END AS cjk_text FROM articles WHERE deleted_at IS NULL;
    CREATE VIEW search_src_quotes AS
      SELECT q.rowid AS rid, q.text AS text, coalesce(sn.name || ' ' || sn.aliases, '') AS speaker, q.note AS note, q.speaker_id AS speaker_id
      FROM quotes q LEFT JOIN search_speaker_names sn ON sn.speaker_id = q.speaker_id WHERE q.deleted_at IS NULL;
    CREATE VIEW search_src_quotes_tri AS
      SELECT rowid AS rid, text FROM quotes WHERE deleted_at IS NULL AND text GLOB ${CJK_GLOB};
    CREATE VIEW search_src_notes AS
      SELECT rowid AS rid, title, body FROM notes WHERE deleted_at IS NULL;
    CREATE VIEW search_src_notes_tri AS
      SELECT rowid AS rid, title, CASE WHEN ${MOSTLY_WIDE('body')} THEN body ELSE '' END AS cjk_body FROM notes WHERE deleted_at IS NULL;
    CREATE VIEW search_src_topics AS
      SELECT rowid AS rid, title, description FROM topics WHERE deleted_at IS NULL;
    CREATE VIEW search_src_speakers AS
      SELECT s.rowid AS rid, s.name AS name, coalesce(sn.aliases, '') AS aliases, s.role AS role, s.affiliation AS affiliation
      FROM speakers s LEFT JOIN search_speaker_names sn ON sn.speaker_id = s.id WHERE s.deleted_at IS NULL;
    CREATE VIEW search_src_speakers_tri AS
      SELECT s.rowid AS rid, s.name AS name, coalesce(sn.aliases, '') AS aliases
      FROM speakers s LEFT JOIN search_speaker_names sn ON sn.speaker_id = s.id WHERE s.deleted_at IS NULL;
  `);
}

function createIndexes(db: Database): void {
  const ftsTable = (i: Index, options: string) =>
    `CREATE VIRTUAL TABLE ${i.fts} USING fts5(${i.columns.join(', ')}, content = '${i.view}', content_rowid = 'rid', ${options});`;
  db.exec(
    [
      ftsTable(ARTICLES, TOKENIZE), ftsTable(QUOTES, TOKENIZE), ftsTable(NOTES, TOKENIZE), ftsTable(TOPICS, TOKENIZE), ftsTable(SPEAKERS, TOKENIZE),
      ftsTable(ARTICLES_TRI, TRIGRAM), ftsTable(QUOTES_TRI, TRIGRAM), ftsTable(NOTES_TRI, TRIGRAM), ftsTable(SPEAKERS_TRI, TRIGRAM),
    ].join('\n'),
  );
}

/** Articles, notes and topics: every indexed value is a column of the row itself. */
function createPlainTriggers(db: Database): void {
  const plain: { table: string; columns: string[]; indexes: { index: Index; oldValues: string[] }[] }[] = [
    {
      table: 'articles',
      columns: ['title', 'authors', 'site_name', 'text'],
      indexes: [
        { index: ARTICLES, oldValues: ['old.title', 'old.authors', 'old.site_name', 'old.text'] },
        { index: ARTICLES_TRI, oldValues: ['old.title', `CASE WHEN ${MOSTLY_WIDE('old.text')} THEN old.text ELSE '' END`] },
      ],
    },
    {
      table: 'notes',
      columns: ['title', 'body'],
      indexes: [
        { index: NOTES, oldValues: ['old.title', 'old.body'] },
        { index: NOTES_TRI, oldValues: ['old.title', `CASE WHEN ${MOSTLY_WIDE('old.body')} THEN old.body ELSE '' END`] },
      ],
    },
    { table: 'topics', columns: ['title', 'description'], indexes: [{ index: TOPICS, oldValues: ['old.title', 'old.description'] }] },
  ];
  for (const { table, columns, indexes } of plain) {
    const changed = [...columns, 'deleted_at'].map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
    db.exec(`
      CREATE TRIGGER search_${table}_ai AFTER INSERT ON ${table} BEGIN
        ${indexes.map(({ index }) => addRows(index, 'rid = new.rowid')).join('\n')}
      END;
      CREATE TRIGGER search_${table}_ad AFTER DELETE ON ${table} WHEN old.deleted_at IS NULL BEGIN
        ${indexes.map(({ index, oldValues }) => removeRow(index, 'old.rowid', oldValues, '1')).join('\n')}
      END;
      CREATE TRIGGER search_${table}_au AFTER UPDATE ON ${table} WHEN ${changed} BEGIN
        ${indexes.map(({ index, oldValues }) => removeRow(index, 'old.rowid', oldValues, 'old.deleted_at IS NULL')).join('\n')}
        ${indexes.map(({ index }) => addRows(index, 'rid = new.rowid')).join('\n')}
      END;
    `);
  }
}

/** Quotes: text and note are the row's own; the speaker column is read from search_speaker_names. */
function createQuoteTriggers(db: Database): void {
  const quoteOld = ['old.text', SPEAKER_TEXT_OF('old.speaker_id'), 'old.note'];
  const cjkWhen = `old.deleted_at IS NULL AND old.text GLOB ${CJK_GLOB}`;
  db.exec(`
    CREATE TRIGGER search_quotes_ai AFTER INSERT ON quotes BEGIN
      ${addRows(QUOTES, 'rid = new.rowid')}
      ${addRows(QUOTES_TRI, 'rid = new.rowid')}
    END;
    CREATE TRIGGER search_quotes_ad AFTER DELETE ON quotes WHEN old.deleted_at IS NULL BEGIN
      ${removeRow(QUOTES, 'old.rowid', quoteOld, '1')}
      ${removeRow(QUOTES_TRI, 'old.rowid', ['old.text'], cjkWhen)}
    END;
    CREATE TRIGGER search_quotes_au AFTER UPDATE ON quotes
      WHEN old.text IS NOT new.text OR old.note IS NOT new.note OR old.speaker_id IS NOT new.speaker_id OR old.deleted_at IS NOT new.deleted_at
    BEGIN
      ${removeRow(QUOTES, 'old.rowid', quoteOld, 'old.deleted_at IS NULL')}
      ${removeRow(QUOTES_TRI, 'old.rowid', ['old.text'], cjkWhen)}
      ${addRows(QUOTES, 'rid = new.rowid')}
      ${addRows(QUOTES_TRI, 'rid = new.rowid')}
    END;
  `);
}

/**
 * Speakers and aliases. "Refresh" = remove the rows showing a speaker's text as indexed, change
 * search_speaker_names, add them back as now shown. Deletion removes the speaker's own rows in a
 * BEFORE trigger, because its aliases are deleted by a foreign-key cascade before AFTER triggers run.
 */
function createSpeakerTriggers(db: Database): void {
  const speakerRowid = (idSql: string) => `rid = (SELECT rowid FROM speakers WHERE id = ${idSql})`;
  const refresh = (idSql: string) => `
    ${removeRowsAsShown(QUOTES, `speaker_id = ${idSql}`)}
    ${removeRowsAsShown(SPEAKERS, speakerRowid(idSql))}
    ${removeRowsAsShown(SPEAKERS_TRI, speakerRowid(idSql))}
    UPDATE search_speaker_names SET aliases = ${ALIASES_OF(idSql)} WHERE speaker_id = ${idSql};
    ${addRows(QUOTES, `speaker_id = ${idSql}`)}
    ${addRows(SPEAKERS, speakerRowid(idSql))}
    ${addRows(SPEAKERS_TRI, speakerRowid(idSql))}`;
  const storedAliases = `coalesce((SELECT aliases FROM search_speaker_names WHERE speaker_id = old.id), '')`;
  const speakerOld = ['old.name', storedAliases, 'old.role', 'old.affiliation'];
  db.exec(`
    CREATE TRIGGER search_speakers_ai AFTER INSERT ON speakers BEGIN
      INSERT OR REPLACE INTO search_speaker_names (speaker_id, name, aliases) VALUES (new.id, new.name, ${ALIASES_OF('new.id')});
      ${addRows(SPEAKERS, 'rid = new.rowid')}
      ${addRows(SPEAKERS_TRI, 'rid = new.rowid')}
    END;
    CREATE TRIGGER search_speakers_au AFTER UPDATE ON speakers
      WHEN old.name IS NOT new.name OR old.role IS NOT new.role OR old.affiliation IS NOT new.affiliation OR old.deleted_at IS NOT new.deleted_at
    BEGIN
      ${removeRow(SPEAKERS, 'old.rowid', speakerOld, 'old.deleted_at IS NULL')}
      ${removeRow(SPEAKERS_TRI, 'old.rowid', ['old.name', storedAliases], 'old.deleted_at IS NULL')}
      ${removeRowsAsShown(QUOTES, 'speaker_id = old.id AND old.name IS NOT new.name')}
      UPDATE search_speaker_names SET name = new.name WHERE speaker_id = old.id;
      ${addRows(QUOTES, 'speaker_id = new.id AND old.name IS NOT new.name')}
      ${addRows(SPEAKERS, 'rid = new.rowid')}
      ${addRows(SPEAKERS_TRI, 'rid = new.rowid')}
    END;
    CREATE TRIGGER search_speakers_bd BEFORE DELETE ON speakers WHEN old.deleted_at IS NULL BEGIN
      ${removeRowsAsShown(SPEAKERS, 'rid = old.rowid')}
      ${removeRowsAsShown(SPEAKERS_TRI, 'rid = old.rowid')}
    END;
    -- Foreign-key actions have already nulled the speaker's quotes; any left (foreign keys off) lose the name.
    CREATE TRIGGER search_speakers_ad AFTER DELETE ON speakers BEGIN
      ${removeRowsAsShown(QUOTES, 'speaker_id = old.id')}
      DELETE FROM search_speaker_names WHERE speaker_id = old.id;
      ${addRows(QUOTES, 'speaker_id = old.id')}
    END;
    CREATE TRIGGER search_speaker_aliases_ai AFTER INSERT ON speaker_aliases BEGIN ${refresh('new.speaker_id')}
    END;
    CREATE TRIGGER search_speaker_aliases_ad AFTER DELETE ON speaker_aliases BEGIN ${refresh('old.speaker_id')}
    END;
    CREATE TRIGGER search_speaker_aliases_au AFTER UPDATE ON speaker_aliases BEGIN ${refresh('old.speaker_id')}
      ${refresh('new.speaker_id')}
    END;
  `);
}

/**
 * The current stance of each subject toward each topic (the newest live one), kept by triggers so
 * `stance:` and `topic:` filters and facets are index lookups instead of a newest-row search over
 * the whole stance history per query. Same order as StanceService: set_at, created_at, id.
 */
function createCurrentStances(db: Database): void {
  const recompute = (subject: string, topic: string) => `
    DELETE FROM search_current_stances WHERE subject_id = ${subject} AND topic_id = ${topic};
    INSERT INTO search_current_stances (subject_id, topic_id, subject_type, value)
      SELECT subject_id, topic_id, subject_type, value FROM stances
      WHERE subject_id = ${subject} AND topic_id = ${topic} AND deleted_at IS NULL
      ORDER BY set_at DESC, created_at DESC, id DESC LIMIT 1;`;
  db.exec(`
    CREATE TABLE search_current_stances (
      subject_id TEXT NOT NULL,
      topic_id TEXT NOT NULL,
      subject_type TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (subject_id, topic_id)
    ) WITHOUT ROWID;
    CREATE INDEX search_current_stances_value ON search_current_stances(subject_type, value, subject_id);
    CREATE INDEX search_current_stances_topic ON search_current_stances(topic_id);
    INSERT INTO search_current_stances (subject_id, topic_id, subject_type, value)
      SELECT subject_id, topic_id, subject_type, value FROM (
        SELECT *, row_number() OVER (PARTITION BY subject_id, topic_id ORDER BY set_at DESC, created_at DESC, id DESC) AS n
        FROM stances WHERE deleted_at IS NULL)
      WHERE n = 1;
    CREATE TRIGGER search_stances_ai AFTER INSERT ON stances BEGIN ${recompute('new.subject_id', 'new.topic_id')}
    END;
    CREATE TRIGGER search_stances_ad AFTER DELETE ON stances BEGIN ${recompute('old.subject_id', 'old.topic_id')}
    END;
    CREATE TRIGGER search_stances_au AFTER UPDATE ON stances BEGIN ${recompute('old.subject_id', 'old.topic_id')}
      ${recompute('new.subject_id', 'new.topic_id')}
    END;
  `);
}

export const migration0020: Migration = {
  version: 20,
  name: 'search-index',
  up(db) {
    db.exec(`
      -- A speaker's name and aliases exactly as the search indexes hold them (see the note above).
      CREATE TABLE search_speaker_names (
        speaker_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE saved_searches (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        query TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX saved_searches_name ON saved_searches(name COLLATE NOCASE);
    `);
    db.exec(`INSERT INTO search_speaker_names (speaker_id, name, aliases) SELECT id, name, ${ALIASES_OF('speakers.id')} FROM speakers`);
    createViews(db);
    createIndexes(db);
    // Backfill from the views (which already leave the trash out), then keep in step with triggers.
    for (const i of [ARTICLES, ARTICLES_TRI, QUOTES, QUOTES_TRI, NOTES, NOTES_TRI, TOPICS, SPEAKERS, SPEAKERS_TRI]) {
      db.exec(`INSERT INTO ${i.fts}(${i.fts}) VALUES ('rebuild')`);
    }
    createPlainTriggers(db);
    createQuoteTriggers(db);
    createSpeakerTriggers(db);
    createCurrentStances(db);
  },
};
