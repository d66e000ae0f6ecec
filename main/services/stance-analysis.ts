import type { StanceEvidence, StanceMatrix, StanceMatrixRow, SpeakerTopicStance } from '../../shared/domain/analysis';
import { STANCE_VALUES, type AnchorStatus, type StanceValue } from '../../shared/domain/entities';
import type { ServiceContext } from './context';
import type { SpeakerService } from './speaker-service';
import { NEWER_STANCE_SQL, STANCE_DATE_SQL } from './stance-service';
import type { TopicService } from './topic-service';

type Raw = {
  stance_id: string; value: StanceValue; subject_type: 'quote' | 'article' | 'speaker'; subject_id: string; note: string; date: string; created_at: string;
  topic_id: string; topic_title: string; quote_text: string | null; anchor_status: AnchorStatus | null; article_id: string | null; article_title: string | null; site_name: string | null;
  speaker_id: string | null; speaker_name: string | null; speaker_role: string | null; is_current: number;
};

/**
 * Every live stance with what it is evidence of: quote stances carry their quote's speaker and
 * article; article stances their outlet; speaker stances the speaker. Dated by when the words were
 * said (the quote's said-at as it is now, the article's date), so positions line up on a timeline;
 * `is_current` marks the stance the user set last for its subject (StanceService's order).
 */
const EVIDENCE_SQL = `
  SELECT st.id AS stance_id, st.value, st.subject_type, st.subject_id, st.note, ${STANCE_DATE_SQL('st')} AS date, st.created_at,
    NOT EXISTS (SELECT 1 FROM stances newer WHERE newer.subject_id = st.subject_id AND newer.topic_id = st.topic_id
      AND newer.deleted_at IS NULL AND ${NEWER_STANCE_SQL('newer', 'st')}) AS is_current,
    t.id AS topic_id, t.title AS topic_title,
    q.text AS quote_text, q.anchor_status, coalesce(q.article_id, a_direct.id) AS article_id, coalesce(a_quote.title, a_direct.title) AS article_title,
    coalesce(a_quote.site_name, a_direct.site_name) AS site_name,
    coalesce(q.speaker_id, sp_direct.id) AS speaker_id, coalesce(sp_quote.name, sp_direct.name) AS speaker_name,
    coalesce(q.speaker_role, sp_quote.role, sp_direct.role) AS speaker_role
  FROM stances st
  JOIN topics t ON t.id = st.topic_id AND t.deleted_at IS NULL
  LEFT JOIN quotes q ON st.subject_type = 'quote' AND q.id = st.subject_id
  LEFT JOIN articles a_quote ON a_quote.id = q.article_id
  LEFT JOIN speakers sp_quote ON sp_quote.id = q.speaker_id AND sp_quote.deleted_at IS NULL
  LEFT JOIN articles a_direct ON st.subject_type = 'article' AND a_direct.id = st.subject_id
  LEFT JOIN speakers sp_direct ON st.subject_type = 'speaker' AND sp_direct.id = st.subject_id
  WHERE st.deleted_at IS NULL
    AND (st.subject_type <> 'quote' OR (q.deleted_at IS NULL AND a_quote.deleted_at IS NULL))
    AND (st.subject_type <> 'article' OR a_direct.deleted_at IS NULL)
    AND (st.subject_type <> 'speaker' OR sp_direct.deleted_at IS NULL)`;

const toEvidence = (r: Raw): StanceEvidence => ({
  stanceId: r.stance_id, value: r.value, subjectType: r.subject_type, subjectId: r.subject_id, quoteText: r.quote_text, anchorStatus: r.anchor_status,
  articleId: r.article_id, articleTitle: r.article_title, siteName: r.site_name, date: r.date, note: r.note, isCurrent: r.is_current === 1,
});

const emptyCounts = (): Record<StanceValue, number> => ({ supports: 0, opposes: 0, neutral: 0, mixed: 0 });
const emptyEvidence = (): Record<StanceValue, StanceEvidence[]> => ({ supports: [], opposes: [], neutral: [], mixed: [] });
const byDate = (a: { date: string; stanceId: string }, b: { date: string; stanceId: string }) => a.date.localeCompare(b.date) || a.stanceId.localeCompare(b.stanceId);

/**
 * A position derived from evidence when none was set directly: the newest item's value, because a
 * change over time is a change of position (the history keeps what came before).
 */
export function derivePosition(evidence: StanceEvidence[]): StanceValue {
  const sorted = [...evidence].sort(byDate);
  return sorted[sorted.length - 1]?.value ?? 'neutral';
}

/** Only the stance set last for each subject toward the topic counts as current evidence. */
const currentOnly = (rows: Raw[]): Raw[] => rows.filter((r) => r.is_current === 1);

/** By date; on one date, in the order they were set (a re-set stance of one quote shares its date). */
const byDateThenSet = (a: Raw, b: Raw) => a.date.localeCompare(b.date) || a.created_at.localeCompare(b.created_at) || a.stance_id.localeCompare(b.stance_id);

export class StanceAnalysisService {
  constructor(private readonly ctx: ServiceContext, private readonly topics: TopicService, private readonly speakers: SpeakerService) {}

  /** The topic page: speakers and outlets × stance, each cell with its evidence, plus a timeline. */
  async matrix(topicId: string): Promise<StanceMatrix> {
    const topic = this.topics.require(topicId);
    const all = this.ctx.db.prepare(`${EVIDENCE_SQL} AND st.topic_id = ?`).all(topicId) as Raw[];
    const rows = currentOnly(all);
    const speakers = new Map<string, { row: StanceMatrixRow; direct: Raw | null }>();
    const outlets = new Map<string, StanceMatrixRow>();
    const totals = emptyCounts();

    for (const r of rows) {
      totals[r.value]++;
      const evidence = toEvidence(r);
      if (r.speaker_id && r.speaker_name) {
        const entry = speakers.get(r.speaker_id) ?? {
          row: { speakerId: r.speaker_id, label: r.speaker_name, kind: 'speaker' as const, role: r.speaker_role, current: r.value, isDerived: true, counts: emptyCounts(), evidence: emptyEvidence() },
          direct: null,
        };
        if (r.subject_type === 'speaker') entry.direct = r;
        entry.row.counts[r.value]++;
        entry.row.evidence[r.value].push(evidence);
        speakers.set(r.speaker_id, entry);
      }
      if (r.site_name && r.subject_type !== 'speaker') {
        const row = outlets.get(r.site_name) ?? { speakerId: null, label: r.site_name, kind: 'outlet' as const, role: null, current: r.value, isDerived: true, counts: emptyCounts(), evidence: emptyEvidence() };
        row.counts[r.value]++;
        row.evidence[r.value].push(evidence);
        outlets.set(r.site_name, row);
      }
    }
    const finish = (row: StanceMatrixRow, direct: Raw | null): StanceMatrixRow => {
      for (const v of STANCE_VALUES) row.evidence[v].sort(byDate);
      const evidence = STANCE_VALUES.flatMap((v) => row.evidence[v]);
      return direct ? { ...row, current: direct.value, isDerived: false } : { ...row, current: derivePosition(evidence), isDerived: true };
    };
    const timeline = [...all]
      .sort(byDateThenSet)
      .map((r) => ({ ...toEvidence(r), label: r.speaker_name ?? r.site_name ?? r.article_title ?? '' }));
    return {
      topicId,
      topicTitle: topic.title,
      speakers: [...speakers.values()].map((e) => finish(e.row, e.direct)).sort((a, b) => a.label.localeCompare(b.label)),
      outlets: [...outlets.values()].map((row) => finish(row, null)).sort((a, b) => a.label.localeCompare(b.label)),
      totals,
      timeline,
    };
  }

  /** A speaker page: their position on each topic (set directly, or derived from their quotes) and its history. */
  async speakerStances(speakerId: string): Promise<SpeakerTopicStance[]> {
    this.speakers.require(speakerId);
    const all = this.ctx.db
      .prepare(`${EVIDENCE_SQL} AND ((st.subject_type = 'speaker' AND st.subject_id = @id) OR (st.subject_type = 'quote' AND q.speaker_id = @id))`)
      .all({ id: speakerId }) as Raw[];
    const byTopic = new Map<string, Raw[]>();
    for (const r of all) byTopic.set(r.topic_id, [...(byTopic.get(r.topic_id) ?? []), r]);
    return [...byTopic.values()]
      .map((rows) => {
        const history = [...rows].sort(byDateThenSet).map(toEvidence);
        const current = currentOnly(rows);
        // One speaker has at most one current stance of their own toward a topic.
        const direct = current.find((r) => r.subject_type === 'speaker');
        return {
          topicId: rows[0]!.topic_id,
          topicTitle: rows[0]!.topic_title,
          current: direct ? direct.value : derivePosition(current.map(toEvidence)),
          isDerived: !direct,
          history,
        };
      })
      .sort((a, b) => a.topicTitle.localeCompare(b.topicTitle));
  }
}
