import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Collection, Page } from '../../shared/domain/entities';
import type { CollectionCreate, CollectionList, CollectionUpdate } from '../../shared/api/schemas';
import { likeContains } from '../db/repositories/rows';
import { isLiveItemSql } from '../db/repositories/items';
import type { ServiceContext } from './context';
import { requireLiveItem } from './items';

type Raw = { id: string; name: string; description: string; created_at: string; updated_at: string; deleted_at: string | null; item_count: number };
const COLUMNS = `c.id, c.name, c.description, c.created_at, c.updated_at, c.deleted_at,
  (SELECT count(*) FROM collection_items ci WHERE ci.collection_id = c.id AND ${isLiveItemSql('ci.item_id')}) AS item_count`;
const toCollection = (r: Raw): Collection => ({
  id: r.id, name: r.name, description: r.description, createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at, itemCount: r.item_count,
});

export class CollectionService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(input: z.output<typeof CollectionCreate>): Promise<Collection> {
    const id = this.ctx.write(() => this.createInTransaction(input.name, input.description ?? ''));
    return this.require(id);
  }

  private createInTransaction(name: string, description: string): string {
    const clash = this.ctx.db.prepare('SELECT id FROM collections WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL').get(name);
    if (clash) throw new AppError('conflict', `A collection named "${name}" already exists.`, { name });
    const id = this.ctx.newId();
    const now = this.ctx.now();
    this.ctx.db.prepare('INSERT INTO collections (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, name, description, now, now);
    return id;
  }

  /** Add items to the collection with this name (created when missing), inside the caller's transaction. */
  addByNameInTransaction(name: string, itemIds: string[]): string {
    const existing = this.ctx.db.prepare('SELECT id FROM collections WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL').get(name.trim()) as { id: string } | undefined;
    const id = existing?.id ?? this.createInTransaction(name.trim(), '');
    this.insertItems(id, itemIds);
    return id;
  }

  private insertItems(collectionId: string, itemIds: string[]): void {
    const insert = this.ctx.db.prepare('INSERT OR IGNORE INTO collection_items (collection_id, item_id, added_at) VALUES (?, ?, ?)');
    const now = this.ctx.now();
    for (const itemId of itemIds) insert.run(collectionId, itemId, now);
  }

  async get(id: string): Promise<Collection> {
    return this.require(id);
  }

  require(id: string): Collection {
    const r = this.ctx.db.prepare(`SELECT ${COLUMNS} FROM collections c WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as Raw | undefined;
    if (!r) throw new AppError('not-found', `No collection with id ${id}.`, { id });
    return toCollection(r);
  }

  async update(input: z.output<typeof CollectionUpdate>): Promise<Collection> {
    const current = this.require(input.id);
    if (input.name && input.name.toLowerCase() !== current.name.toLowerCase()) {
      const clash = this.ctx.db.prepare('SELECT 1 FROM collections WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL AND id <> ?').get(input.name, input.id);
      if (clash) throw new AppError('conflict', `A collection named "${input.name}" already exists.`, { name: input.name });
    }
    this.ctx.write(() =>
      this.ctx.db
        .prepare('UPDATE collections SET name = coalesce(@name, name), description = coalesce(@description, description), updated_at = @now WHERE id = @id')
        .run({ id: input.id, name: input.name ?? null, description: input.description ?? null, now: this.ctx.now() }),
    );
    return this.require(input.id);
  }

  async list(p: z.output<typeof CollectionList>): Promise<Page<Collection>> {
    const where = ['c.deleted_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (p.contains) {
      where.push(`c.name LIKE @contains ESCAPE '\\'`);
      params.contains = likeContains(p.contains);
    }
    const sort = p.sort === 'createdAt' ? 'c.created_at' : 'c.name COLLATE NOCASE';
    const dir = p.order === 'desc' ? 'DESC' : 'ASC';
    const total = (this.ctx.db.prepare(`SELECT count(*) AS n FROM collections c WHERE ${where.join(' AND ')}`).get(params) as { n: number }).n;
    const rows = this.ctx.db
      .prepare(`SELECT ${COLUMNS} FROM collections c WHERE ${where.join(' AND ')} ORDER BY ${sort} ${dir} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: p.limit, offset: p.offset }) as Raw[];
    return { items: rows.map(toCollection), total, offset: p.offset, limit: p.limit };
  }

  async addItems(collectionId: string, itemIds: string[]): Promise<Collection> {
    this.require(collectionId);
    for (const itemId of itemIds) requireLiveItem(this.ctx, itemId);
    this.ctx.write(() => this.insertItems(collectionId, itemIds));
    return this.require(collectionId);
  }

  async removeItems(collectionId: string, itemIds: string[]): Promise<Collection> {
    this.require(collectionId);
    const remove = this.ctx.db.prepare('DELETE FROM collection_items WHERE collection_id = ? AND item_id = ?');
    this.ctx.write(() => itemIds.forEach((itemId) => remove.run(collectionId, itemId)));
    return this.require(collectionId);
  }

  collectionsOf(itemId: string): { id: string; name: string }[] {
    return this.ctx.db
      .prepare('SELECT c.id, c.name FROM collection_items ci JOIN collections c ON c.id = ci.collection_id WHERE ci.item_id = ? AND c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE')
      .all(itemId) as { id: string; name: string }[];
  }
}
