import type { Migration } from './migration';

/** The item types search filters by tag, with their tables. */
const TAGGED_TABLES = { article: 'articles', quote: 'quotes', note: 'notes', speaker: 'speakers', topic: 'topics' } as const;

/** An item's rowid in its own table, from its id and its type in the registry (`items`). */
export const TAGGED_ROWID = (type: string, id: string) =>
  `CASE ${type} ${Object.entries(TAGGED_TABLES).map(([t, table]) => `WHEN '${t}' THEN (SELECT rowid FROM ${table} WHERE id = ${id})`).join(' ')} END`;

/** The rows of search_tagged for one tagging (none for an item that is not a search type, or gone). */
const taggedRows = (tag: string, item: string) =>
  `SELECT ${tag}, i.type, ${TAGGED_ROWID('i.type', item)} AS rid FROM items i WHERE i.id = ${item} AND rid IS NOT NULL`;

/**
 * `search_tagged`: each tagging by the item's type and rowid, so a `tag:` filter reads its items'
 * rowids from one index range (run-type.ts reads them into a bitmap) or checks a word match by
 * rowid. Through `taggings` it took an id lookup per tagged item: 4 ms for a tag on 6,000 articles
 * in the 100k benchmark library, against a few tenths from here.
 *
 * Kept by triggers: on taggings (insert, delete, and an update re-pointing a tagging), and on
 * each item table, whose rows' deletion (the purge that also deletes their taggings, after the row
 * is gone) removes their rows here by rowid. Live and trashed items alike, as the search facts of
 * 0090 (the word indexes leave the trash out). `sourcebook check` compares it with its
 * recomputation (index-check.ts). A shipped migration is never edited.
 */
export const migration0140: Migration = {
  version: 140,
  name: 'search-tagged',
  up(db) {
    db.exec(`
      CREATE TABLE search_tagged (
        tag_id TEXT NOT NULL,
        item_type TEXT NOT NULL,
        item_rowid INTEGER NOT NULL,
        PRIMARY KEY (tag_id, item_type, item_rowid)
      ) WITHOUT ROWID;
      CREATE INDEX search_tagged_item ON search_tagged(item_type, item_rowid);
      INSERT OR IGNORE INTO search_tagged (tag_id, item_type, item_rowid)
        SELECT tg.tag_id, i.type, ${TAGGED_ROWID('i.type', 'tg.item_id')} AS rid FROM taggings tg JOIN items i ON i.id = tg.item_id WHERE rid IS NOT NULL;

      CREATE TRIGGER search_tagged_ai AFTER INSERT ON taggings BEGIN
        INSERT OR IGNORE INTO search_tagged (tag_id, item_type, item_rowid) ${taggedRows('new.tag_id', 'new.item_id')};
      END;
      CREATE TRIGGER search_tagged_ad AFTER DELETE ON taggings BEGIN
        DELETE FROM search_tagged WHERE tag_id = old.tag_id AND (item_type, item_rowid) IN (SELECT type, rid FROM (${taggedRows('old.tag_id', 'old.item_id')}));
      END;
      CREATE TRIGGER search_tagged_au AFTER UPDATE ON taggings BEGIN
        DELETE FROM search_tagged WHERE tag_id = old.tag_id AND (item_type, item_rowid) IN (SELECT type, rid FROM (${taggedRows('old.tag_id', 'old.item_id')}));
        INSERT OR IGNORE INTO search_tagged (tag_id, item_type, item_rowid) ${taggedRows('new.tag_id', 'new.item_id')};
      END;
      ${Object.entries(TAGGED_TABLES).map(([type, table]) => `
      CREATE TRIGGER search_tagged_${table}_ad AFTER DELETE ON ${table} BEGIN
        DELETE FROM search_tagged WHERE item_type = '${type}' AND item_rowid = old.rowid;
      END;`).join('')}
    `);
  },
};
