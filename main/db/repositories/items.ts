import type { Database } from 'better-sqlite3';
import type { ItemType } from '../../../shared/domain/entities';

/** Tables that hold each item type, and the column that names the item in lists and links. */
export const ITEM_TABLES: Record<ItemType, { table: string; titleSql: string }> = {
  article: { table: 'articles', titleSql: 'title' },
  quote: { table: 'quotes', titleSql: "substr(text, 1, 200)" },
  speaker: { table: 'speakers', titleSql: 'name' },
  topic: { table: 'topics', titleSql: 'title' },
  note: { table: 'notes', titleSql: "coalesce(nullif(title, ''), substr(body, 1, 80))" },
  collection: { table: 'collections', titleSql: 'name' },
  tag: { table: 'tags', titleSql: 'name' },
  link: { table: 'links', titleSql: "type || ' link'" },
  stance: { table: 'stances', titleSql: "value || ' stance'" },
};

/** Types whose rows can go to the trash (they have deleted_at). */
export const TRASHABLE: readonly ItemType[] = ['article', 'quote', 'speaker', 'topic', 'note', 'collection', 'link', 'stance'];

/**
 * SQL true when the item whose id is in `idColumn` exists and is not in the trash, for counts of
 * what hangs off an id (tag and collection members), which must agree with the lists that hide
 * trashed items. Each probe is a primary-key lookup.
 */
export const isLiveItemSql = (idColumn: string): string =>
  [`EXISTS (SELECT 1 FROM items i WHERE i.id = ${idColumn})`]
    .concat(TRASHABLE.map((type) => `NOT EXISTS (SELECT 1 FROM ${ITEM_TABLES[type].table} x WHERE x.id = ${idColumn} AND x.deleted_at IS NOT NULL)`))
    .join(' AND ');

export interface ItemRef {
  id: string;
  type: ItemType;
  title: string;
  deletedAt: string | null;
  trashBatch: string | null;
}

export function findItem(db: Database, id: string): ItemRef | undefined {
  const row = db.prepare('SELECT type FROM items WHERE id = ?').get(id) as { type: ItemType } | undefined;
  if (!row) return undefined;
  const { table, titleSql } = ITEM_TABLES[row.type];
  const hasTrash = TRASHABLE.includes(row.type);
  const r = db
    .prepare(`SELECT ${titleSql} AS title, ${hasTrash ? 'deleted_at, trash_batch' : 'NULL AS deleted_at, NULL AS trash_batch'} FROM ${table} WHERE id = ?`)
    .get(id) as { title: string; deleted_at: string | null; trash_batch: string | null } | undefined;
  if (!r) return undefined;
  return { id, type: row.type, title: r.title ?? '', deletedAt: r.deleted_at, trashBatch: r.trash_batch };
}
