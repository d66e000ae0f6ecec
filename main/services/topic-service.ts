import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Page, Topic } from '../../shared/domain/entities';
import type { TopicCreate, TopicList, TopicUpdate } from '../../shared/api/schemas';
import { findItem } from '../db/repositories/items';
import { likeContains } from '../db/repositories/rows';
import type { ServiceContext } from './context';
import { refreshNotesNaming } from './notes/search-text';

type Raw = { id: string; title: string; description: string; created_at: string; updated_at: string; deleted_at: string | null; stance_count: number };
const COLUMNS = `t.id, t.title, t.description, t.created_at, t.updated_at, t.deleted_at,
  (SELECT count(*) FROM stances st WHERE st.topic_id = t.id AND st.deleted_at IS NULL) AS stance_count`;
const toTopic = (r: Raw): Topic => ({
  id: r.id, title: r.title, description: r.description, createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at, stanceCount: r.stance_count,
});
const clean = (title: string) => title.trim().replace(/\s+/g, ' ');
/** What our ids look like (UUIDv7; any UUID shape, to be safe): never a title someone meant to create. */
const LOOKS_LIKE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class TopicService {
  constructor(private readonly ctx: ServiceContext) {}

  async create(input: z.output<typeof TopicCreate>): Promise<Topic> {
    // Checked inside the write lock, so two writers creating the same topic get one `conflict`.
    const id = this.ctx.write(() => {
      if (this.findByTitle(input.title)) throw new AppError('conflict', `A topic titled "${clean(input.title)}" already exists.`, { title: input.title });
      return this.insert(input.title, input.description ?? '');
    });
    return this.require(id);
  }

  private insert(title: string, description: string): string {
    const id = this.ctx.newId();
    const now = this.ctx.now();
    this.ctx.db.prepare('INSERT INTO topics (id, title, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, clean(title), description, now, now);
    return id;
  }

  findByTitle(title: string): Topic | undefined {
    const r = this.ctx.db.prepare(`SELECT ${COLUMNS} FROM topics t WHERE t.title = ? COLLATE NOCASE AND t.deleted_at IS NULL`).get(clean(title)) as Raw | undefined;
    return r ? toTopic(r) : undefined;
  }

  /**
   * The topic a user named (inside the caller's transaction): an existing topic's id, else a title
   * (any case; topics have no aliases), else a new topic with that title — scripts rely on
   * `stance set --topic TEXT` creating it. A string shaped like one of our ids that names no live
   * topic is `not-found`: it was meant as an id (a typo, a trashed topic, another item's id), and a
   * topic titled with a UUID would only hide the mistake.
   */
  resolveOrCreateInTransaction(ref: string): string {
    const text = clean(ref);
    const byId = this.ctx.db.prepare('SELECT id FROM topics WHERE id = ? AND deleted_at IS NULL').pluck().get(text) as string | undefined;
    if (byId) return byId;
    const byTitle = this.findByTitle(text);
    if (byTitle) return byTitle.id;
    if (LOOKS_LIKE_ID.test(text)) {
      const item = findItem(this.ctx.db, text);
      const why =
        item?.type === 'topic' ? `The topic ${text} is in the trash; restore it first (\`sourcebook restore ${text}\`).`
        : item ? `${text} is a ${item.type}, not a topic.`
        : `No topic with id ${text}.`;
      throw new AppError('not-found', `${why} List topics with \`sourcebook topic list\`, or give a title to create one.`, { id: text, field: 'topic' });
    }
    return this.insert(text, '');
  }

  async get(id: string): Promise<Topic> {
    return this.require(id);
  }

  require(id: string): Topic {
    const r = this.ctx.db.prepare(`SELECT ${COLUMNS} FROM topics t WHERE t.id = ? AND t.deleted_at IS NULL`).get(id) as Raw | undefined;
    if (!r) throw new AppError('not-found', `No topic with id ${id}. List topics with \`sourcebook list --type topic\`.`, { id });
    return toTopic(r);
  }

  async update(input: z.output<typeof TopicUpdate>): Promise<Topic> {
    this.require(input.id);
    if (input.title) {
      const clash = this.findByTitle(input.title);
      if (clash && clash.id !== input.id) throw new AppError('conflict', `A topic titled "${clean(input.title)}" already exists.`, { title: input.title });
    }
    this.ctx.write(() => {
      this.ctx.db
        .prepare('UPDATE topics SET title = coalesce(@title, title), description = coalesce(@description, description), updated_at = @now WHERE id = @id')
        .run({ id: input.id, title: input.title ? clean(input.title) : null, description: input.description ?? null, now: this.ctx.now() });
      if (input.title) refreshNotesNaming(this.ctx.db, [input.id]);
    });
    return this.require(input.id);
  }

  async list(p: TopicList): Promise<Page<Topic>> {
    const where = ['t.deleted_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (p.contains) {
      where.push(`t.title LIKE @contains ESCAPE '\\'`);
      params.contains = likeContains(p.contains);
    }
    const sort = p.sort === 'createdAt' ? 't.created_at' : 't.title COLLATE NOCASE';
    const dir = p.order === 'desc' ? 'DESC' : 'ASC';
    const whereSql = where.join(' AND ');
    const total = (this.ctx.db.prepare(`SELECT count(*) AS n FROM topics t WHERE ${whereSql}`).get(params) as { n: number }).n;
    const rows = this.ctx.db
      .prepare(`SELECT ${COLUMNS} FROM topics t WHERE ${whereSql} ORDER BY ${sort} ${dir}, t.id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: p.limit, offset: p.offset }) as Raw[];
    return { items: rows.map(toTopic), total, offset: p.offset, limit: p.limit };
  }
}
