import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Note, Page } from '../../shared/domain/entities';
import type { NoteCreate, NoteList, NoteUpdate } from '../../shared/api/schemas';
import { TAGS_OF, likeContains, splitTags } from '../db/repositories/rows';
import type { ServiceContext } from './context';
import { requireLiveItem } from './items';
import { fillMissingSearchBodies, noteSearchBody, refreshNotesNaming } from './notes/search-text';

type Raw = { id: string; title: string; body: string; attached_id: string | null; created_at: string; updated_at: string; deleted_at: string | null; tag_names: string | null };
// Named columns: `search_body` (a second copy of the text, for search only) is never read here.
const SELECT = `SELECT n.id, n.title, n.body, n.attached_id, n.created_at, n.updated_at, n.deleted_at, ${TAGS_OF('n.id')} AS tag_names FROM notes n`;
const toNote = (r: Raw): Note => ({
  id: r.id, title: r.title, body: r.body, attachedId: r.attached_id, createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at, tags: splitTags(r.tag_names),
});

export class NoteService {
  /** `afterWrite` runs inside each save's transaction (the notes work keeps its embed index there). */
  constructor(
    private readonly ctx: ServiceContext,
    private readonly afterWrite: (noteId: string) => void = () => {},
  ) {}

  async create(input: z.output<typeof NoteCreate>): Promise<Note> {
    if (input.attachedId) requireLiveItem(this.ctx, input.attachedId, ['article', 'quote', 'speaker', 'topic']);
    const id = this.ctx.newId();
    const now = this.ctx.now();
    this.ctx.write(() => {
      this.ctx.db
        .prepare('INSERT INTO notes (id, title, body, search_body, attached_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.title ?? '', input.body ?? '', noteSearchBody(this.ctx.db, input.body ?? ''), input.attachedId ?? null, now, now);
      this.afterWrite(id);
    });
    return this.require(id);
  }

  async get(id: string): Promise<Note> {
    return this.require(id);
  }

  require(id: string): Note {
    const r = this.ctx.db.prepare(`${SELECT} WHERE n.id = ? AND n.deleted_at IS NULL`).get(id) as Raw | undefined;
    if (!r) throw new AppError('not-found', `No note with id ${id}.`, { id });
    return toNote(r);
  }

  /**
   * Save a note. With `expectedUpdatedAt`, a note changed elsewhere since the editor loaded it is a
   * `conflict` carrying the stored version, so two windows never silently drop each other's text.
   */
  async update(input: z.output<typeof NoteUpdate>): Promise<Note> {
    if (input.attachedId) requireLiveItem(this.ctx, input.attachedId, ['article', 'quote', 'speaker', 'topic']);
    this.ctx.write(() => {
      const current = this.require(input.id);
      if (input.expectedUpdatedAt && input.expectedUpdatedAt !== current.updatedAt) {
        throw new AppError('conflict', 'This note was changed elsewhere since you opened it; merge your text with the stored version.', { current });
      }
      // updated_at must move forward even within one millisecond, or a second save could not be told apart.
      let now = this.ctx.now();
      if (now <= current.updatedAt) now = new Date(Date.parse(current.updatedAt) + 1).toISOString();
      // The search text is derived again on every save, body changed or not: the names it shows may have changed.
      const searchBody = noteSearchBody(this.ctx.db, input.body ?? current.body);
      this.ctx.db
        .prepare(
          `UPDATE notes SET title = coalesce(@title, title), body = coalesce(@body, body), search_body = @searchBody,
             attached_id = CASE WHEN @setAttached THEN @attachedId ELSE attached_id END, updated_at = @now WHERE id = @id`,
        )
        .run({ id: input.id, title: input.title ?? null, body: input.body ?? null, searchBody, setAttached: input.attachedId !== undefined ? 1 : 0, attachedId: input.attachedId ?? null, now });
      this.afterWrite(input.id);
      // Other notes citing this one by its title.
      if (input.title !== undefined && input.title !== current.title) refreshNotesNaming(this.ctx.db, [input.id]);
    });
    return this.require(input.id);
  }

  async list(p: z.output<typeof NoteList>): Promise<Page<Note>> {
    // Notes an import wrote since: searchable by readable text from here on (migration 0110).
    fillMissingSearchBodies(this.ctx.db);
    const where = ['n.deleted_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (p.contains) {
      where.push(`(n.title LIKE @contains ESCAPE '\\' OR n.body LIKE @contains ESCAPE '\\')`);
      params.contains = likeContains(p.contains);
    }
    if (p.attachedId) {
      where.push('n.attached_id = @attachedId');
      params.attachedId = p.attachedId;
    }
    if (p.tag) {
      where.push('EXISTS (SELECT 1 FROM taggings tg JOIN tags t ON t.id = tg.tag_id WHERE tg.item_id = n.id AND t.name = @tag COLLATE NOCASE)');
      params.tag = p.tag;
    }
    if (p.collectionId) {
      where.push('EXISTS (SELECT 1 FROM collection_items ci WHERE ci.item_id = n.id AND ci.collection_id = @collectionId)');
      params.collectionId = p.collectionId;
    }
    const dir = p.order === 'asc' ? 'ASC' : 'DESC';
    const sort = p.sort === 'title' ? 'n.title COLLATE NOCASE' : p.sort === 'createdAt' ? 'n.created_at' : 'n.updated_at';
    const whereSql = where.join(' AND ');
    const total = (this.ctx.db.prepare(`SELECT count(*) AS n FROM notes n WHERE ${whereSql}`).get(params) as { n: number }).n;
    const rows = this.ctx.db.prepare(`${SELECT} WHERE ${whereSql} ORDER BY ${sort} ${dir}, n.id LIMIT @limit OFFSET @offset`).all({ ...params, limit: p.limit, offset: p.offset }) as Raw[];
    return { items: rows.map(toNote), total, offset: p.offset, limit: p.limit };
  }
}
