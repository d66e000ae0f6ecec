import type { StanceValue } from '../../../shared/domain/entities';
import type { EmbedMatrixRow, EmbedSource, EmbedStance, ResolvedEmbed } from '../../../shared/notes/resolved';
import type { StanceMatrixRow } from '../../../shared/domain/analysis';
import { findItem } from '../../db/repositories/items';
import type { Services } from '../services';

type ArticleRow = {
  article_id: string; title: string; site_name: string | null; authors: string; url: string | null; published_at: string | null; clipped_at: string;
};
const ARTICLE_COLUMNS = `a.id AS article_id, a.title, a.site_name, a.authors, coalesce(a.canonical_url, a.url) AS url, a.published_at, a.clipped_at`;

const toSource = (r: ArticleRow): EmbedSource => ({
  articleId: r.article_id,
  title: r.title,
  siteName: r.site_name,
  authors: parseAuthors(r.authors),
  url: r.url,
  publishedAt: r.published_at,
  clippedAt: r.clipped_at,
});

function parseAuthors(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}

const compactRow = (r: StanceMatrixRow): EmbedMatrixRow => ({ label: r.label, kind: r.kind, role: r.role, current: r.current, isDerived: r.isDerived, counts: r.counts });

/**
 * Current data for each id, looked up now (never cached in the note): editing a quote's speaker
 * changes every note that embeds it. Trashed or purged items resolve to `missing`.
 */
export async function resolveEmbeds(services: Services, ids: readonly string[]): Promise<Record<string, ResolvedEmbed>> {
  const db = services.ctx.db;
  const out: Record<string, ResolvedEmbed> = {};
  const quoteStmt = db.prepare(
    `SELECT q.id, q.text, q.kind, q.anchor_status, q.said_at, s.id AS speaker_id, s.name AS speaker_name,
            coalesce(nullif(q.speaker_role, ''), s.role) AS speaker_role, ${ARTICLE_COLUMNS}
       FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id AND s.deleted_at IS NULL
      WHERE q.id = ?`,
  );
  const articleStmt = db.prepare(
    `SELECT ${ARTICLE_COLUMNS}, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id AND q.deleted_at IS NULL) AS quote_count FROM articles a WHERE a.id = ?`,
  );
  for (const id of new Set(ids)) {
    const item = findItem(db, id);
    if (!item || item.deletedAt) {
      out[id] = { status: 'missing', id, type: item?.type ?? null, title: item?.title ?? null, isTrashed: Boolean(item?.deletedAt), deletedAt: item?.deletedAt ?? null };
      continue;
    }
    switch (item.type) {
      case 'quote': {
        const r = quoteStmt.get(id) as ArticleRow & {
          id: string; text: string; kind: 'direct'; anchor_status: 'exact'; said_at: string | null; speaker_id: string | null; speaker_name: string | null; speaker_role: string | null;
        };
        const stances: EmbedStance[] = (await services.stances.list({ subjectId: id, includeHistory: false })).map((s) => ({ topicId: s.topicId, topicTitle: s.topicTitle, value: s.value }));
        out[id] = {
          status: 'ok', type: 'quote', id, text: r.text, kind: r.kind, anchorStatus: r.anchor_status,
          speakerId: r.speaker_id, speakerName: r.speaker_name, speakerRole: r.speaker_role, saidAt: r.said_at, stances, source: toSource(r),
        };
        break;
      }
      case 'article': {
        const r = articleStmt.get(id) as ArticleRow & { quote_count: number };
        out[id] = { status: 'ok', type: 'article', id, source: toSource(r), quoteCount: r.quote_count };
        break;
      }
      case 'speaker': {
        const s = await services.speakers.get(id);
        out[id] = { status: 'ok', type: 'speaker', id, name: s.name, kind: s.kind, role: s.role, affiliation: s.affiliation, quoteCount: s.quoteCount };
        break;
      }
      case 'topic': {
        const m = await services.analysis.matrix(id);
        const t = await services.topics.get(id);
        out[id] = {
          status: 'ok', type: 'topic', id, title: t.title, description: t.description, totals: m.totals as Record<StanceValue, number>,
          speakers: m.speakers.map(compactRow), outlets: m.outlets.map(compactRow),
        };
        break;
      }
      case 'note': {
        const n = await services.notes.get(id);
        out[id] = { status: 'ok', type: 'note', id, title: n.title || n.body.slice(0, 80), updatedAt: n.updatedAt };
        break;
      }
      default:
        // A tag, link, collection or stance id in a token: nothing to render, say so plainly.
        out[id] = { status: 'missing', id, type: item.type, title: item.title, isTrashed: false, deletedAt: null };
    }
  }
  return out;
}
