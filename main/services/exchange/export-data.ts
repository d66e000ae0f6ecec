import { AppError } from '../../../shared/errors';
import type { ArticleSummary, Quote, Speaker, Stance, Topic } from '../../../shared/domain/entities';
import { STANCE_VALUES } from '../../../shared/domain/entities';
import type { StanceEvidence, StanceMatrix, StanceMatrixRow } from '../../../shared/domain/analysis';
import type { ExportResult, ExportRun, ExportScope } from '../../../shared/api/methods-exchange';
import { findItem } from '../../db/repositories/items';
import { articleSummaryReader } from '../../db/repositories/articles';
import { derivePosition } from '../stance-analysis';
import type { Services } from '../services';

/**
 * What the readable exports (Markdown, HTML, CSV, citations, annotations) show: the live items in
 * scope, loaded through the services so they read exactly as the app shows them. Every list has a
 * fixed order, so the same library always exports the same bytes.
 */
export interface ExportData {
  scope: ExportScope;
  exportedAt: string;
  /**
   * Ordered by publication (else clip) date, then id. Without their text and HTML: held for a whole
   * library's export, those took gigabytes (3.8 GB for the HTML report of 100k articles).
   */
  articles: ArticleSummary[];
  /** An article's text, read when asked for (the Markdown export prints it, one article at a time). */
  articleText(articleId: string): string;
  /** Per article id, its quotes in text order. */
  quotesByArticle: Map<string, Quote[]>;
  /** Ordered by name, then id. */
  speakers: Speaker[];
  /** Ordered by title, then id. */
  topics: Topic[];
  /** Current stances by subject id (quote, article or speaker), ordered by topic title. */
  stancesBySubject: Map<string, Stance[]>;
  /** One stance matrix per topic (restricted to the articles in scope for a collection or selection). */
  matrices: StanceMatrix[];
  /** Collection names per article id. */
  collectionsOf: Map<string, string[]>;
  /** What the scope holds (the export's result reports it, whatever the format prints). */
  counts: ExportResult['counts'];
}

/**
 * `articlesOnly`: for formats that print the articles alone (CSL-JSON, BibTeX, RIS): the quotes are
 * counted, not loaded, and the stance matrices and collections are left out (quotesByArticle,
 * matrices and collectionsOf stay empty). For a 100k-article library, loading them took most of
 * such an export's minute and 1.5 GB.
 */
export interface ExportDataOptions {
  articlesOnly?: boolean;
  /**
   * Called as the reading goes (most of it), with how far and how far in all: each article's
   * quotes read, or, with `articlesOnly`, each quote's speaker. Throwing stops the export.
   */
  onRead?: (done: number, total: number) => void;
}

export const allQuotes = (data: ExportData): Quote[] => data.articles.flatMap((a) => data.quotesByArticle.get(a.id) ?? []);

export async function resolveScope(s: Services, input: Pick<ExportRun, 'collection' | 'topic' | 'articleIds'>): Promise<ExportScope> {
  const db = s.ctx.db;
  if (input.collection !== undefined) {
    const byId = findItem(db, input.collection);
    const row =
      byId?.type === 'collection' && !byId.deletedAt
        ? { id: byId.id, name: byId.title }
        : (db.prepare('SELECT id, name FROM collections WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL').get(input.collection.trim()) as { id: string; name: string } | undefined);
    if (!row) throw new AppError('not-found', `No collection named "${input.collection}". List collections with \`sourcebook list --type collection\`.`, { field: 'collection' });
    return { kind: 'collection', id: row.id, label: row.name };
  }
  if (input.topic !== undefined) {
    const byId = findItem(db, input.topic);
    const topic = byId?.type === 'topic' && !byId.deletedAt ? s.topics.require(byId.id) : s.topics.findByTitle(input.topic);
    if (!topic) throw new AppError('not-found', `No topic titled "${input.topic}". List topics with \`sourcebook list --type topic\`.`, { field: 'topic' });
    return { kind: 'topic', id: topic.id, label: topic.title };
  }
  if (input.articleIds !== undefined) {
    for (const id of input.articleIds) {
      const item = findItem(db, id);
      if (!item || item.type !== 'article' || item.deletedAt) throw new AppError('not-found', `No article with id ${id}.`, { field: 'articleIds', id });
    }
    return { kind: 'articles', id: null, label: input.articleIds.length === 1 ? '1 article' : `${input.articleIds.length} articles` };
  }
  return { kind: 'library', id: null, label: 'Library' };
}

const ids = (rows: unknown[]): string[] => (rows as { id: string }[]).map((r) => r.id);

/** The ids of the live articles and quotes in scope. */
export function scopedIds(s: Services, scope: ExportScope, articleIds: string[] | undefined): { articles: Set<string>; quotes: Set<string> } {
  const db = s.ctx.db;
  const liveQuotesOf = (articles: Iterable<string>): string[] => {
    const stmt = db.prepare('SELECT id FROM quotes WHERE article_id = ? AND deleted_at IS NULL');
    return [...articles].flatMap((id) => ids(stmt.all(id)));
  };
  switch (scope.kind) {
    case 'library': {
      const articles = new Set(ids(db.prepare('SELECT id FROM articles WHERE deleted_at IS NULL').all()));
      return { articles, quotes: new Set(liveQuotesOf(articles)) };
    }
    case 'articles': {
      const articles = new Set(articleIds ?? []);
      return { articles, quotes: new Set(liveQuotesOf(articles)) };
    }
    case 'collection': {
      const memberArticles = ids(db.prepare(`SELECT a.id FROM collection_items ci JOIN articles a ON a.id = ci.item_id WHERE ci.collection_id = ? AND a.deleted_at IS NULL`).all(scope.id));
      const memberQuotes = db
        .prepare(`SELECT q.id, q.article_id FROM collection_items ci JOIN quotes q ON q.id = ci.item_id JOIN articles a ON a.id = q.article_id
                  WHERE ci.collection_id = ? AND q.deleted_at IS NULL AND a.deleted_at IS NULL`)
        .all(scope.id) as { id: string; article_id: string }[];
      const articles = new Set([...memberArticles, ...memberQuotes.map((q) => q.article_id)]);
      return { articles, quotes: new Set([...liveQuotesOf(memberArticles), ...memberQuotes.map((q) => q.id)]) };
    }
    case 'topic': {
      const stances = db
        .prepare(`SELECT st.subject_type, st.subject_id, q.article_id FROM stances st LEFT JOIN quotes q ON st.subject_type = 'quote' AND q.id = st.subject_id
                  WHERE st.topic_id = ? AND st.deleted_at IS NULL`)
        .all(scope.id) as { subject_type: string; subject_id: string; article_id: string | null }[];
      const live = (table: string, id: string) => Boolean(db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id));
      const articles = new Set<string>();
      const quotes = new Set<string>();
      for (const st of stances) {
        if (st.subject_type === 'quote' && st.article_id && live('quotes', st.subject_id) && live('articles', st.article_id)) {
          quotes.add(st.subject_id);
          articles.add(st.article_id);
        } else if (st.subject_type === 'article' && live('articles', st.subject_id)) {
          articles.add(st.subject_id);
        }
      }
      return { articles, quotes };
    }
  }
}

/** Add to a key's list (in place: copying the list per item made a long list quadratic). */
export function pushTo<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

const byTitleThenId = <T extends { id: string }>(key: (x: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b)) || a.id.localeCompare(b.id);

export async function loadExportData(s: Services, scope: ExportScope, articleIds: string[] | undefined, options: ExportDataOptions = {}): Promise<ExportData> {
  const scoped = scopedIds(s, scope, articleIds);
  const summaryOf = articleSummaryReader(s.ctx.db);
  const articles = [...scoped.articles]
    // (require: the not-found error of an article gone meanwhile.)
    .map((id) => summaryOf(id) ?? s.articles.require(id))
    .sort((a, b) => (a.publishedAt ?? a.clippedAt).localeCompare(b.publishedAt ?? b.clippedAt) || a.id.localeCompare(b.id));
  const quotesByArticle = new Map<string, Quote[]>();
  const speakerIds = new Set<string>();
  let quoteCount = scoped.quotes.size;
  if (options.articlesOnly) {
    const speakerOf = s.ctx.db.prepare('SELECT speaker_id FROM quotes WHERE id = ?').pluck();
    let read = 0;
    for (const id of scoped.quotes) {
      options.onRead?.(++read, scoped.quotes.size);
      const speakerId = speakerOf.get(id) as string | null | undefined;
      if (speakerId) speakerIds.add(speakerId);
    }
  } else {
    // By article (every scoped quote's article is in scope): a statement per article, not per quote.
    const quotesOf = s.quotes.liveQuotesReader();
    quoteCount = 0;
    for (const [i, a] of articles.entries()) {
      options.onRead?.(i + 1, articles.length);
      for (const q of quotesOf(a.id)) {
        if (!scoped.quotes.has(q.id)) continue;
        quoteCount++;
        pushTo(quotesByArticle, q.articleId, q);
        if (q.speakerId) speakerIds.add(q.speakerId);
      }
    }
  }
  for (const list of quotesByArticle.values()) list.sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));

  const allStances = await s.stances.list({ includeHistory: false });
  const inScope = (st: Stance): boolean => {
    if (scope.kind === 'topic' && st.topicId !== scope.id) return false;
    if (st.subjectType === 'quote') return scoped.quotes.has(st.subjectId);
    if (st.subjectType === 'article') return scoped.articles.has(st.subjectId);
    // A speaker's own stance belongs to a topic export, or to any export that quotes them.
    return scope.kind === 'topic' || scope.kind === 'library' || speakerIds.has(st.subjectId);
  };
  const stances = allStances.filter(inScope);
  for (const st of stances) if (st.subjectType === 'speaker') speakerIds.add(st.subjectId);
  const stancesBySubject = new Map<string, Stance[]>();
  for (const st of stances) pushTo(stancesBySubject, st.subjectId, st);
  for (const list of stancesBySubject.values()) list.sort((a, b) => a.topicTitle.localeCompare(b.topicTitle) || a.id.localeCompare(b.id));

  const speakers = [...speakerIds].flatMap((id) => {
    try {
      return [s.speakers.require(id)];
    } catch {
      return [];
    }
  });
  speakers.sort(byTitleThenId((x: Speaker) => x.name));

  const topicIds = new Set(stances.map((st) => st.topicId));
  if (scope.kind === 'topic' && scope.id) topicIds.add(scope.id);
  const topics = [...topicIds].map((id) => s.topics.require(id)).sort(byTitleThenId((x: Topic) => x.title));
  const restrict = scope.kind === 'collection' || scope.kind === 'articles';
  const matrices: StanceMatrix[] = [];
  const collectionsOf = new Map<string, string[]>();
  if (!options.articlesOnly) {
    for (const topic of topics) {
      const matrix = await s.analysis.matrix(topic.id);
      matrices.push(restrict ? restrictMatrix(matrix, scoped.articles, speakerIds) : matrix);
    }
    for (const a of articles) collectionsOf.set(a.id, s.collections.collectionsOf(a.id).map((c) => c.name));
  }

  const selectText = s.ctx.db.prepare('SELECT text FROM articles WHERE id = ?').pluck();
  const articleText = (articleId: string) => (selectText.get(articleId) as string | undefined) ?? '';
  const counts = { articles: articles.length, quotes: quoteCount, speakers: speakers.length, topics: topics.length };
  return { scope, exportedAt: s.ctx.now(), articles, articleText, quotesByArticle, speakers, topics, stancesBySubject, matrices, collectionsOf, counts };
}

/** The matrix counted over the evidence from the articles in scope (and the scope's speakers' own stances). */
export function restrictMatrix(matrix: StanceMatrix, articleIds: Set<string>, speakerIds: Set<string>): StanceMatrix {
  const keep = (e: StanceEvidence, row: StanceMatrixRow) =>
    e.articleId ? articleIds.has(e.articleId) : row.speakerId !== null && speakerIds.has(row.speakerId);
  const restrictRow = (row: StanceMatrixRow): StanceMatrixRow | null => {
    const evidence = Object.fromEntries(STANCE_VALUES.map((v) => [v, row.evidence[v].filter((e) => keep(e, row))])) as StanceMatrixRow['evidence'];
    const counts = Object.fromEntries(STANCE_VALUES.map((v) => [v, evidence[v].length])) as StanceMatrixRow['counts'];
    const all = STANCE_VALUES.flatMap((v) => evidence[v]);
    if (all.length === 0) return null;
    return { ...row, evidence, counts, current: row.isDerived ? derivePosition(all) : row.current };
  };
  const speakers = matrix.speakers.map(restrictRow).filter((r): r is StanceMatrixRow => r !== null);
  const outlets = matrix.outlets.map(restrictRow).filter((r): r is StanceMatrixRow => r !== null);
  const timeline = matrix.timeline.filter((e) => (e.articleId ? articleIds.has(e.articleId) : true));
  const current = new Map<string, StanceEvidence>();
  for (const row of [...speakers, ...outlets]) for (const v of STANCE_VALUES) for (const e of row.evidence[v]) current.set(e.stanceId, e);
  const totals = Object.fromEntries(STANCE_VALUES.map((v) => [v, [...current.values()].filter((e) => e.value === v).length])) as StanceMatrix['totals'];
  return { ...matrix, speakers, outlets, timeline, totals };
}
