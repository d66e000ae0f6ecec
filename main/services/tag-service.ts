import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { Tag } from '../../shared/domain/entities';
import type { ServiceContext } from './context';
import { requireLiveItem } from './items';
import { likeContains } from '../db/repositories/rows';
import { isLiveItemSql } from '../db/repositories/items';

const normalizeTag = (name: string) => name.trim().replace(/\s+/g, ' ');

function tagsOfItem(db: Database, itemId: string): string[] {
  return (db.prepare('SELECT t.name FROM taggings tg JOIN tags t ON t.id = tg.tag_id WHERE tg.item_id = ? ORDER BY t.name COLLATE NOCASE').all(itemId) as { name: string }[]).map((r) => r.name);
}

export class TagService {
  constructor(private readonly ctx: ServiceContext) {}

  async add(itemId: string, tag: string): Promise<{ itemId: string; tags: string[] }> {
    requireLiveItem(this.ctx, itemId);
    this.ctx.write(() => this.addInTransaction(itemId, tag));
    return { itemId, tags: tagsOfItem(this.ctx.db, itemId) };
  }

  /** Tag an item inside the caller's transaction, creating the tag on first use. */
  addInTransaction(itemId: string, tag: string): void {
    const name = normalizeTag(tag);
    if (!name) throw new AppError('validation', 'tag: must not be empty', { field: 'tag' });
    const db = this.ctx.db;
    let row = db.prepare('SELECT id FROM tags WHERE name = ? COLLATE NOCASE').get(name) as { id: string } | undefined;
    if (!row) {
      row = { id: this.ctx.newId() };
      db.prepare('INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)').run(row.id, name, this.ctx.now());
    }
    db.prepare('INSERT OR IGNORE INTO taggings (tag_id, item_id, created_at) VALUES (?, ?, ?)').run(row.id, itemId, this.ctx.now());
  }

  async remove(itemId: string, tag: string): Promise<{ itemId: string; tags: string[] }> {
    requireLiveItem(this.ctx, itemId);
    const name = normalizeTag(tag);
    const result = this.ctx.write(() =>
      this.ctx.db
        .prepare('DELETE FROM taggings WHERE item_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ? COLLATE NOCASE)')
        .run(itemId, name),
    );
    if (result.changes === 0) throw new AppError('not-found', `${itemId} has no tag "${name}".`, { itemId, tag: name });
    return { itemId, tags: tagsOfItem(this.ctx.db, itemId) };
  }

  async list(contains?: string): Promise<Tag[]> {
    const rows = this.ctx.db
      .prepare(
        `SELECT t.id, t.name, t.color, t.created_at,
           (SELECT count(*) FROM taggings tg WHERE tg.tag_id = t.id AND ${isLiveItemSql('tg.item_id')}) AS count
         FROM tags t ${contains ? "WHERE t.name LIKE @contains ESCAPE '\\'" : ''}
         ORDER BY t.name COLLATE NOCASE`,
      )
      .all(contains ? { contains: likeContains(contains) } : {}) as { id: string; name: string; color: string | null; created_at: string; count: number }[];
    return rows.map((r) => ({ id: r.id, name: r.name, color: r.color, createdAt: r.created_at, count: r.count }));
  }

  async rename(id: string, name: string): Promise<Tag> {
    const clean = normalizeTag(name);
    const db = this.ctx.db;
    if (!db.prepare('SELECT 1 FROM tags WHERE id = ?').get(id)) throw new AppError('not-found', `No tag with id ${id}.`, { id });
    const clash = db.prepare('SELECT id FROM tags WHERE name = ? COLLATE NOCASE AND id <> ?').get(clean, id);
    if (clash) throw new AppError('conflict', `A tag named "${clean}" already exists.`, { name: clean });
    this.ctx.write(() => db.prepare('UPDATE tags SET name = ? WHERE id = ?').run(clean, id));
    return (await this.list()).find((t) => t.id === id)!;
  }

  /**
   * Delete a tag for good, taking it off every item (a tag is a label, not an item: no trash).
   * Says how many items it was on, so the caller can tell the user what changed.
   */
  async delete(idOrName: string): Promise<{ id: string; name: string; untagged: number }> {
    const db = this.ctx.db;
    const tag = (db.prepare('SELECT id, name FROM tags WHERE id = ?').get(idOrName) ??
      db.prepare('SELECT id, name FROM tags WHERE name = ? COLLATE NOCASE').get(normalizeTag(idOrName))) as { id: string; name: string } | undefined;
    if (!tag) throw new AppError('not-found', `No tag "${idOrName}".`, { tag: idOrName });
    const untagged = this.ctx.write(() => {
      const removed = db.prepare('DELETE FROM taggings WHERE tag_id = ?').run(tag.id).changes;
      db.prepare('DELETE FROM tags WHERE id = ?').run(tag.id);
      return removed;
    });
    return { id: tag.id, name: tag.name, untagged };
  }

  tagsOf(itemId: string): string[] {
    return tagsOfItem(this.ctx.db, itemId);
  }
}
