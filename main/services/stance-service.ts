import type { z } from 'zod';
import type { Stance, StanceSubjectType, StanceValue } from '../../shared/domain/entities';
import type { StanceList, StanceSet } from '../../shared/api/schemas';
import type { ServiceContext } from './context';
import { requireLiveItem } from './items';
import type { TopicService } from './topic-service';

type Raw = {
  id: string; topic_id: string; topic_title: string; subject_type: StanceSubjectType; subject_id: string; value: StanceValue;
  note: string; set_at: string; created_at: string; is_current: number;
};

/** A stance is current when no newer stance exists for the same subject and topic. */
const SELECT = `SELECT st.id, st.topic_id, t.title AS topic_title, st.subject_type, st.subject_id, st.value, st.note, st.set_at, st.created_at,
  NOT EXISTS (SELECT 1 FROM stances newer WHERE newer.subject_id = st.subject_id AND newer.topic_id = st.topic_id
    AND newer.deleted_at IS NULL AND (newer.set_at > st.set_at OR (newer.set_at = st.set_at AND newer.created_at > st.created_at)
    OR (newer.set_at = st.set_at AND newer.created_at = st.created_at AND newer.id > st.id))) AS is_current
  FROM stances st JOIN topics t ON t.id = st.topic_id`;

const toStance = (r: Raw): Stance => ({
  id: r.id, topicId: r.topic_id, topicTitle: r.topic_title, subjectType: r.subject_type, subjectId: r.subject_id, value: r.value,
  note: r.note, setAt: r.set_at, createdAt: r.created_at, isCurrent: r.is_current === 1,
});

export class StanceService {
  constructor(private readonly ctx: ServiceContext, private readonly topics: TopicService) {}

  /**
   * Record a stance of a quote, article or speaker toward a topic. An earlier stance of the same
   * subject is kept as history, not overwritten. A quote's stance is dated by when it was said.
   */
  async set(input: StanceSet): Promise<Stance> {
    const subject = requireLiveItem(this.ctx, input.subjectId, [input.subjectType]);
    if (input.topicId) this.topics.require(input.topicId);
    const id = this.ctx.newId();
    this.ctx.write(() => {
      const topicId = input.topicId ?? this.topics.findOrCreateInTransaction(input.topic!);
      const now = this.ctx.now();
      const saidAt =
        subject.type === 'quote'
          ? (this.ctx.db.prepare('SELECT said_at FROM quotes WHERE id = ?').get(subject.id) as { said_at: string | null }).said_at
          : null;
      this.ctx.db
        .prepare('INSERT INTO stances (id, topic_id, subject_type, subject_id, value, note, set_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, topicId, input.subjectType, input.subjectId, input.value, input.note ?? '', input.setAt ?? saidAt ?? now, now);
    });
    return this.require(id);
  }

  require(id: string): Stance {
    return toStance(this.ctx.db.prepare(`${SELECT} WHERE st.id = ?`).get(id) as Raw);
  }

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
    const rows = (this.ctx.db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY st.set_at, st.created_at`).all(params) as Raw[]).map(toStance);
    return input.includeHistory ? rows : rows.filter((s) => s.isCurrent);
  }
}
