import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { ItemType, Page, TrashEntry } from '../../shared/domain/entities';
import type { TrashList } from '../../shared/api/schemas';
import { ITEM_TABLES, TRASHABLE, findItem } from '../db/repositories/items';
import type { ServiceContext } from './context';
import { removeArticleFiles } from './article-files';
import { isItemId } from './library-paths';
import { refreshNotesNaming } from './notes/search-text';

/**
 * Soft delete with restore. Items trashed together share a batch: an article takes its quotes and
 * the stances and links that hang off them; restoring any member of a batch restores the batch.
 */
export class TrashService {
  constructor(private readonly ctx: ServiceContext) {}

  async trash(id: string): Promise<{ id: string; batchId: string; count: number }> {
    const item = findItem(this.ctx.db, id);
    if (!item) throw new AppError('not-found', `No item with id ${id}.`, { id });
    if (!TRASHABLE.includes(item.type)) {
      throw new AppError('validation', `A ${item.type} cannot go to the trash; use \`tag remove\` to take a tag off an item.`, { id, type: item.type });
    }
    if (item.deletedAt) throw new AppError('conflict', `The ${item.type} ${id} is already in the trash.`, { id });
    const batchId = this.ctx.newId();
    const now = this.ctx.now();
    const db = this.ctx.db;
    const count = this.ctx.write(() => {
      let changed = 0;
      const mark = (table: string, where: string, ...args: unknown[]) =>
        (changed += db.prepare(`UPDATE ${table} SET deleted_at = ?, trash_batch = ? WHERE deleted_at IS NULL AND ${where}`).run(now, batchId, ...args).changes);
      mark(ITEM_TABLES[item.type].table, 'id = ?', id);
      if (item.type === 'article') mark('quotes', 'article_id = ?', id);
      return changed;
    });
    return { id, batchId, count };
  }

  async restore(id: string): Promise<{ id: string; count: number }> {
    const item = findItem(this.ctx.db, id);
    if (!item) throw new AppError('not-found', `No item with id ${id}.`, { id });
    if (!item.deletedAt || !item.trashBatch) throw new AppError('conflict', `The ${item.type} ${id} is not in the trash.`, { id });
    const count = this.ctx.write(() => {
      let restored = this.restoreBatch(item.trashBatch!);
      // A quote cannot live without its article: bring the article (and its batch) back too.
      if (item.type === 'quote') {
        const parent = this.ctx.db.prepare('SELECT a.trash_batch FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id = ? AND a.deleted_at IS NOT NULL').get(id) as { trash_batch: string } | undefined;
        if (parent) restored += this.restoreBatch(parent.trash_batch);
      }
      return restored;
    });
    return { id, count };
  }

  private restoreBatch(batchId: string): number {
    let restored = 0;
    for (const type of TRASHABLE) {
      restored += this.ctx.db.prepare(`UPDATE ${ITEM_TABLES[type].table} SET deleted_at = NULL, trash_batch = NULL WHERE trash_batch = ?`).run(batchId).changes;
    }
    return restored;
  }

  /** Delete a trashed item's whole batch for good. */
  async purge(id: string): Promise<{ count: number }> {
    const item = findItem(this.ctx.db, id);
    if (!item) throw new AppError('not-found', `No item with id ${id}.`, { id });
    if (!item.deletedAt || !item.trashBatch) throw new AppError('conflict', `Only items in the trash can be deleted for good; trash ${id} first.`, { id });
    const articleIds = (this.ctx.db.prepare('SELECT id FROM articles WHERE trash_batch = ?').all(item.trashBatch) as { id: string }[]).map((r) => r.id);
    const count = this.ctx.write(() => {
      let removed = 0;
      const purgedIds: string[] = [];
      // Children before parents, so foreign keys never see a dangling row.
      for (const type of ['stance', 'link', 'quote', 'note', 'article', 'speaker', 'topic', 'collection'] as ItemType[]) {
        const { table } = ITEM_TABLES[type];
        purgedIds.push(...(this.ctx.db.prepare(`SELECT id FROM ${table} WHERE trash_batch = ?`).pluck().all(item.trashBatch) as string[]));
        removed += this.ctx.db.prepare(`DELETE FROM ${table} WHERE trash_batch = ?`).run(item.trashBatch).changes;
      }
      // Notes that named these items no longer show their names (nor are found by them).
      refreshNotesNaming(this.ctx.db, purgedIds);
      return removed;
    });
    // Files go after the rows: a crash in between leaves unreferenced files, never missing ones.
    // The app stores files only under ids it made; an id of another shape (a file imported before
    // ids were checked) has none of ours, and a path built from it could name any folder on disk.
    for (const articleId of articleIds) if (isItemId(articleId)) removeArticleFiles(this.ctx.libraryDir, articleId);
    return { count };
  }

  async list(p: z.output<typeof TrashList>): Promise<Page<TrashEntry>> {
    const types = p.type ? [p.type] : TRASHABLE;
    const union = types
      .filter((t) => TRASHABLE.includes(t))
      .map((t) => `SELECT id, '${t}' AS type, ${ITEM_TABLES[t].titleSql} AS title, deleted_at, trash_batch FROM ${ITEM_TABLES[t].table} WHERE deleted_at IS NOT NULL`)
      .join(' UNION ALL ');
    if (!union) return { items: [], total: 0, offset: p.offset, limit: p.limit };
    // One row per batch: its first-trashed "lead" item (the article, not each of its quotes).
    const leads = `WITH t AS (${union}),
      lead AS (SELECT *, row_number() OVER (PARTITION BY trash_batch ORDER BY CASE type WHEN 'article' THEN 0 WHEN 'speaker' THEN 1 WHEN 'topic' THEN 2 ELSE 3 END) AS rn,
                      count(*) OVER (PARTITION BY trash_batch) AS batch_size FROM t)
      SELECT id, type, title, deleted_at, trash_batch, batch_size FROM lead WHERE rn = 1`;
    const total = (this.ctx.db.prepare(`SELECT count(*) AS n FROM (${leads})`).get() as { n: number }).n;
    const rows = this.ctx.db.prepare(`${leads} ORDER BY deleted_at DESC LIMIT ? OFFSET ?`).all(p.limit, p.offset) as {
      id: string; type: ItemType; title: string; deleted_at: string; trash_batch: string; batch_size: number;
    }[];
    return {
      items: rows.map((r) => ({ id: r.id, type: r.type, title: r.title, deletedAt: r.deleted_at, batchId: r.trash_batch, batchSize: r.batch_size - 1 })),
      total,
      offset: p.offset,
      limit: p.limit,
    };
  }
}
