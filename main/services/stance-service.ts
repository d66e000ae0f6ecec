import type { z } from 'zod';
import type { Stance, StanceSubjectType, StanceValue } from '../../shared/domain/entities';
import type { StanceList, StanceSet } from '../../shared/api/schemas';
import type { ServiceContext } from './context';
import { requireLiveItem } from './items';
import type { TopicService } from './topic-service';

type Raw = {
  id: string; topic_id: string; topic_title: string; subject_type: StanceSubjectType; subject_id: string; value: StanceValue;
  note: string; held_at: string; created_at: string; is_current: number;
};

/**
 * Which stance of a subject toward a topic is current: the one the user set last (created_at, then
 * the id, a UUIDv7, for two set within one millisecond). Never the date it is about: a quote's
 * said-at may be edited after its stance was set, and the user's latest choice must not come out as
 * "earlier" (issue 4). search_current_stances (migration 0120) and `sourcebook check` use this order.
 */
export const NEWER_STANCE_SQL = (newer: string, st: string) =>
  `(${newer}.created_at > ${st}.created_at OR (${newer}.created_at = ${st}.created_at AND ${newer}.id > ${st}.id))`;

/**
 * When a stance was held, read at query time so it follows later edits: a quote's stance is dated
 * by the quote's said-at (else its article's date), an article's by the article's date, and a
 * speaker's by `set_at` (the date given when it was set, else when it was set). `set_at` is also
 * the fallback for an undated quote or article.
 */
export const STANCE_DATE_SQL = (st: string) => `CASE ${st}.subject_type
    WHEN 'quote' THEN coalesce((SELECT coalesce(dq.said_at, da.published_at) FROM quotes dq JOIN articles da ON da.id = dq.article_id WHERE dq.id = ${st}.subject_id), ${st}.set_at)
    WHEN 'article' THEN coalesce((SELECT da.published_at FROM articles da WHERE da.id = ${st}.subject_id), ${st}.set_at)
    ELSE ${st}.set_at END`;

const SELECT = `SELECT st.id, st.topic_id, t.title AS topic_title, st.subject_type, st.subject_id, st.value, st.note,
  ${STANCE_DATE_SQL('st')} AS held_at, st.created_at,
  NOT EXISTS (SELECT 1 FROM stances newer WHERE newer.subject_id = st.subject_id AND newer.topic_id = st.topic_id
    AND newer.deleted_at IS NULL AND ${NEWER_STANCE_SQL('newer', 'st')}) AS is_current
  FROM stances st JOIN topics t ON t.id = st.topic_id`;

const toStance = (r: Raw): Stance => ({
  id: r.id, topicId: r.topic_id, topicTitle: r.topic_title, subjectType: r.subject_type, subjectId: r.subject_id, value: r.value,
  note: r.note, setAt: r.held_at, createdAt: r.created_at, isCurrent: r.is_current === 1,
});

export class StanceService {
  constructor(private readonly ctx: ServiceContext, private readonly topics: TopicService) {}

  /**
   * Record a stance of a quote, article or speaker toward a topic. It becomes the current one; an
   * earlier stance of the same subject is kept as history, not overwritten.
   */
  async set(input: StanceSet): Promise<Stance> {
    requireLiveItem(this.ctx, input.subjectId, [input.subjectType]);
    if (input.topicId) this.topics.require(input.topicId);
    const id = this.ctx.newId();
    this.ctx.write(() => {
      const topicId = input.topicId ?? this.topics.resolveOrCreateInTransaction(input.topic!);
      const now = this.ctx.now();
      // No copy of the quote's said-at: its date is read when shown (STANCE_DATE_SQL), so it follows edits.
      this.ctx.db
        .prepare('INSERT INTO stances (id, topic_id, subject_type, subject_id, value, note, set_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, topicId, input.subjectType, input.subjectId, input.value, input.note ?? '', input.setAt ?? now, now);
    });
    return this.require(id);
  }

  require(id: string): Stance {
    return toStance(this.ctx.db.prepare(`${SELECT} WHERE st.id = ?`).get(id) as Raw);
  }

  /** Stances in the order they were set, so a subject's current stance comes after its history. */
  async list(input: z.output<typeof StanceList>): Promise<Stance[]> {
    const where = ['st.deleted_at IS NULL', 't.deleted_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (input.topicId) {
      where.push('st.topic_id = @topicId');
      params.topicId = input.topicId;
    }
    if (input.subjectId) {
      where.push('st.subject_id = @subjectId');
      params.subjectId = input.subjectId;
    }
    // Stances of trashed subjects are hidden with them.
    where.push('EXISTS (SELECT 1 FROM items i WHERE i.id = st.subject_id)');
    where.push(`NOT EXISTS (SELECT 1 FROM quotes q WHERE q.id = st.subject_id AND q.deleted_at IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = st.subject_id AND a.deleted_at IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM speakers s WHERE s.id = st.subject_id AND s.deleted_at IS NOT NULL)`);
    const rows = (this.ctx.db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY st.created_at, st.id`).all(params) as Raw[]).map(toStance);
    const listed = input.includeHistory ? rows : rows.filter((s) => s.isCurrent);
    return listed.slice(input.offset ?? 0, input.limit === undefined ? undefined : (input.offset ?? 0) + input.limit);
  }
}
