import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { AnchorStatus, Page, Quote, QuoteKind } from '../../shared/domain/entities';
import type { QuoteCreate, QuoteList, QuoteUpdate } from '../../shared/api/schemas';
import { TAGS_OF, likeContains, splitTags } from '../db/repositories/rows';
import type { ArticleService } from './article-service';
import { closestPassage, contextAround, locateQuote } from './anchoring';
import type { ServiceContext } from './context';
import type { SpeakerService } from './speaker-service';
import type { TagService } from './tag-service';

type Raw = {
  id: string; article_id: string; article_title: string; text: string; prefix: string; suffix: string; start_offset: number; end_offset: number;
  anchor_status: AnchorStatus; kind: QuoteKind; speaker_id: string | null; speaker_name: string | null; speaker_role: string | null;
  said_at: string | null; note: string; origin: Quote['origin']; created_at: string; updated_at: string; deleted_at: string | null; tag_names: string | null;
};
const SELECT = `SELECT q.*, a.title AS article_title, s.name AS speaker_name, ${TAGS_OF('q.id')} AS tag_names
  FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id AND s.deleted_at IS NULL`;
const toQuote = (r: Raw): Quote => ({
  id: r.id, articleId: r.article_id, articleTitle: r.article_title, text: r.text, prefix: r.prefix, suffix: r.suffix,
  start: r.start_offset, end: r.end_offset, anchorStatus: r.anchor_status, kind: r.kind, speakerId: r.speaker_name ? r.speaker_id : null,
  speakerName: r.speaker_name, speakerRole: r.speaker_role, saidAt: r.said_at, note: r.note, origin: r.origin,
  createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at, tags: splitTags(r.tag_names),
});

export class QuoteService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly articles: ArticleService,
    private readonly speakers: SpeakerService,
    private readonly tags: TagService,
  ) {}

  /**
   * Mark a quote in an article. The text must be in the article (exactly, or differing only in
   * white space and quote-mark style); the stored text is the article's own wording. Text that is
   * not there is `not-found` with the closest passage.
   */
  async create(input: QuoteCreate): Promise<Quote> {
    const id = this.ctx.write(() => this.createInTransaction(input));
    return this.require(id);
  }

  createInTransaction(input: QuoteCreate): string {
    const article = this.articles.require(input.articleId);
    const located = locateQuote(article.text, { exact: input.text, prefix: input.prefix, suffix: input.suffix, start: input.start }, { allowFuzzy: false });
    if (!located) {
      const closest = closestPassage(article.text, input.text);
      throw new AppError(
        'not-found',
        closest
          ? `That text is not in the article "${article.title}". The closest passage is: "${closest.text.slice(0, 300)}"`
          : `That text is not in the article "${article.title}".`,
        { field: 'text', articleId: article.id, closest },
      );
    }
    if (input.speakerId) this.speakers.require(input.speakerId);
    const speakerId = input.speakerId ?? (input.speaker ? this.speakers.findOrCreateInTransaction(input.speaker, input.speakerRole) : null);
    const id = this.ctx.newId();
    const now = this.ctx.now();
    const { prefix, suffix } = contextAround(article.text, located.start, located.end);
    this.ctx.db
      .prepare(
        `INSERT INTO quotes (id, article_id, text, prefix, suffix, start_offset, end_offset, anchor_status, kind, speaker_id, speaker_role,
           said_at, note, origin, created_at, updated_at)
         VALUES (@id, @articleId, @text, @prefix, @suffix, @start, @end, 'exact', @kind, @speakerId, @speakerRole, @saidAt, @note, @origin, @now, @now)`,
      )
      .run({
        id, articleId: article.id, text: article.text.slice(located.start, located.end), prefix, suffix, start: located.start, end: located.end,
        kind: input.kind, speakerId, speakerRole: input.speakerRole ?? null,
        saidAt: input.saidAt === undefined ? (article.publishedAt ?? null) : input.saidAt,
        note: input.note ?? '', origin: input.origin, now,
      });
    for (const tag of input.tags ?? []) this.tags.addInTransaction(id, tag);
    return id;
  }

  async get(id: string): Promise<Quote> {
    return this.require(id);
  }

  /**
   * The live quotes of each article asked for (in no set order), one prepared statement for them
   * all: an export reads a whole library's, and preparing took about half of each `require`.
   */
  liveQuotesReader(): (articleId: string) => Quote[] {
    const statement = this.ctx.db.prepare(`${SELECT} WHERE q.article_id = ? AND q.deleted_at IS NULL`);
    return (articleId) => (statement.all(articleId) as Raw[]).map(toQuote);
  }

  require(id: string): Quote {
    const r = this.ctx.db.prepare(`${SELECT} WHERE q.id = ? AND q.deleted_at IS NULL`).get(id) as Raw | undefined;
    if (!r) throw new AppError('not-found', `No quote with id ${id}.`, { id });
    return toQuote(r);
  }

  async update(input: z.output<typeof QuoteUpdate>): Promise<Quote> {
    this.require(input.id);
    this.ctx.write(() => {
      let speakerId: string | null | undefined = input.speakerId;
      if (input.speakerId) this.speakers.require(input.speakerId);
      if (input.speaker !== undefined && input.speakerId === undefined) {
        speakerId = input.speaker === null ? null : this.speakers.findOrCreateInTransaction(input.speaker, input.speakerRole ?? null);
      }
      this.ctx.db
        .prepare(
          `UPDATE quotes SET kind = coalesce(@kind, kind),
             speaker_id = CASE WHEN @setSpeaker THEN @speakerId ELSE speaker_id END,
             speaker_role = CASE WHEN @setRole THEN @speakerRole ELSE speaker_role END,
             said_at = CASE WHEN @setSaidAt THEN @saidAt ELSE said_at END,
             note = coalesce(@note, note), updated_at = @now WHERE id = @id`,
        )
        .run({
          id: input.id, kind: input.kind ?? null,
          setSpeaker: speakerId !== undefined ? 1 : 0, speakerId: speakerId ?? null,
          setRole: input.speakerRole !== undefined ? 1 : 0, speakerRole: input.speakerRole ?? null,
          setSaidAt: input.saidAt !== undefined ? 1 : 0, saidAt: input.saidAt ?? null,
          note: input.note ?? null, now: this.ctx.now(),
        });
    });
    return this.require(input.id);
  }

  async list(p: QuoteList): Promise<Page<Quote>> {
    const where = ['q.deleted_at IS NULL', 'a.deleted_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (p.articleId) {
      where.push('q.article_id = @articleId');
      params.articleId = p.articleId;
    }
    if (p.speakerId) {
      where.push('q.speaker_id = @speakerId');
      params.speakerId = p.speakerId;
    }
    if (p.kind) {
      where.push('q.kind = @kind');
      params.kind = p.kind;
    }
    if (p.orphansOnly) where.push("q.anchor_status = 'orphan'");
    if (p.contains) {
      where.push(`q.text LIKE @contains ESCAPE '\\'`);
      params.contains = likeContains(p.contains);
    }
    if (p.tag) {
      where.push('EXISTS (SELECT 1 FROM taggings tg JOIN tags t ON t.id = tg.tag_id WHERE tg.item_id = q.id AND t.name = @tag COLLATE NOCASE)');
      params.tag = p.tag;
    }
    if (p.collectionId) {
      where.push('EXISTS (SELECT 1 FROM collection_items ci WHERE ci.item_id = q.id AND ci.collection_id = @collectionId)');
      params.collectionId = p.collectionId;
    }
    const dir = p.order === 'desc' ? 'DESC' : 'ASC';
    const sort =
      p.sort === 'saidAt' ? `coalesce(q.said_at, q.created_at) ${dir}` : p.sort === 'createdAt' ? `q.created_at ${dir}` : `q.article_id, q.start_offset ${dir}`;
    const whereSql = where.join(' AND ');
    const total = (this.ctx.db.prepare(`SELECT count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id WHERE ${whereSql}`).get(params) as { n: number }).n;
    const rows = this.ctx.db.prepare(`${SELECT} WHERE ${whereSql} ORDER BY ${sort}, q.id LIMIT @limit OFFSET @offset`).all({ ...params, limit: p.limit, offset: p.offset }) as Raw[];
    return { items: rows.map(toQuote), total, offset: p.offset, limit: p.limit };
  }

  /**
   * After an article's text changed (re-clip, re-extract), find each of its quotes again. A quote
   * that cannot be found becomes an orphan: kept, listed, never dropped. Runs in the caller's
   * transaction. Returns how many quotes ended in each state.
   */
  reanchorInTransaction(articleId: string, newText: string): Record<AnchorStatus, number> {
    const counts: Record<AnchorStatus, number> = { exact: 0, moved: 0, fuzzy: 0, orphan: 0 };
    const quotes = this.ctx.db.prepare('SELECT id, text, prefix, suffix, start_offset FROM quotes WHERE article_id = ?').all(articleId) as {
      id: string; text: string; prefix: string; suffix: string; start_offset: number;
    }[];
    const update = this.ctx.db.prepare('UPDATE quotes SET start_offset = @start, end_offset = @end, prefix = @prefix, suffix = @suffix, anchor_status = @status, updated_at = @now WHERE id = @id');
    const orphan = this.ctx.db.prepare("UPDATE quotes SET anchor_status = 'orphan', updated_at = ? WHERE id = ?");
    for (const q of quotes) {
      const found = locateQuote(newText, { exact: q.text, prefix: q.prefix, suffix: q.suffix, start: q.start_offset });
      if (!found) {
        orphan.run(this.ctx.now(), q.id);
        counts.orphan++;
        continue;
      }
      const { prefix, suffix } = contextAround(newText, found.start, found.end);
      update.run({ id: q.id, start: found.start, end: found.end, prefix, suffix, status: found.status, now: this.ctx.now() });
      counts[found.status]++;
    }
    return counts;
  }
}
