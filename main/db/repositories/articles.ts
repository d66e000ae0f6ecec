import type { Database } from 'better-sqlite3';
import type { Article, ArticleSummary, SourceKind } from '../../../shared/domain/entities';
import { TAGS_OF, likeContains, parseJsonArray, splitTags } from './rows';
import type { ArticleList } from '../../../shared/api/schemas';

export interface ArticleRow {
  id: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  authors: string[];
  siteName: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  clippedAt: string;
  lang: string | null;
  excerpt: string | null;
  leadImageUrl: string | null;
  html: string;
  text: string;
  wordCount: number;
  contentHash: string;
  snapshotPath: string | null;
  sourceKind: SourceKind;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const SUMMARY_COLUMNS = `a.id, a.url, a.canonical_url, a.title, a.authors, a.site_name, a.published_at, a.modified_at,
  a.clipped_at, a.lang, a.excerpt, a.lead_image_url, a.word_count, a.content_hash, a.snapshot_path, a.source_kind,
  a.version, a.created_at, a.updated_at, a.deleted_at,
  (SELECT count(*) FROM quotes q WHERE q.article_id = a.id AND q.deleted_at IS NULL) AS quote_count,
  ${TAGS_OF('a.id')} AS tag_names`;

type Raw = Record<string, unknown>;

function toSummary(r: Raw): ArticleSummary {
  return {
    id: r.id as string,
    url: (r.url as string | null) ?? null,
    canonicalUrl: (r.canonical_url as string | null) ?? null,
    title: r.title as string,
    authors: parseJsonArray(r.authors),
    siteName: (r.site_name as string | null) ?? null,
    publishedAt: (r.published_at as string | null) ?? null,
    modifiedAt: (r.modified_at as string | null) ?? null,
    clippedAt: r.clipped_at as string,
    lang: (r.lang as string | null) ?? null,
    excerpt: (r.excerpt as string | null) ?? null,
    leadImageUrl: (r.lead_image_url as string | null) ?? null,
    wordCount: r.word_count as number,
    contentHash: r.content_hash as string,
    snapshotPath: (r.snapshot_path as string | null) ?? null,
    sourceKind: r.source_kind as SourceKind,
    version: r.version as number,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    deletedAt: (r.deleted_at as string | null) ?? null,
    quoteCount: (r.quote_count as number) ?? 0,
    tags: splitTags(r.tag_names),
  };
}

export function insertArticle(db: Database, row: ArticleRow): void {
  db.prepare(
    `INSERT INTO articles (id, url, canonical_url, title, authors, site_name, published_at, modified_at, clipped_at,
       lang, excerpt, lead_image_url, html, text, word_count, content_hash, snapshot_path, source_kind, version,
       created_at, updated_at)
     VALUES (@id, @url, @canonicalUrl, @title, @authors, @siteName, @publishedAt, @modifiedAt, @clippedAt,
       @lang, @excerpt, @leadImageUrl, @html, @text, @wordCount, @contentHash, @snapshotPath, @sourceKind, @version,
       @createdAt, @updatedAt)`,
  ).run({ ...row, authors: JSON.stringify(row.authors) });
}

export function getArticle(db: Database, id: string, options: { includeTrashed?: boolean } = {}): Article | undefined {
  const r = db
    .prepare(`SELECT ${SUMMARY_COLUMNS}, a.html, a.text FROM articles a WHERE a.id = ? ${options.includeTrashed ? '' : 'AND a.deleted_at IS NULL'}`)
    .get(id) as Raw | undefined;
  return r ? { ...toSummary(r), html: r.html as string, text: r.text as string } : undefined;
}

/** A live article without its HTML and text, which are most of its bytes (exports of thousands hold only these). */
export function getArticleSummary(db: Database, id: string): ArticleSummary | undefined {
  return articleSummaryReader(db)(id);
}

/**
 * getArticleSummary for many articles: one prepared statement for them all (preparing it took
 * about half of each lookup; an export reads a whole library's).
 */
export function articleSummaryReader(db: Database): (id: string) => ArticleSummary | undefined {
  const statement = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id = ? AND a.deleted_at IS NULL`);
  return (id) => {
    const r = statement.get(id) as Raw | undefined;
    return r ? toSummary(r) : undefined;
  };
}

/**
 * A live article with this text or at this address, preferring a text match. Each key is its own
 * indexed lookup: one query OR-ing them made SQLite scan the whole table (500 ms at 100k articles).
 */
export function findArticleByUrlOrHash(db: Database, keys: { canonicalUrl: string | null; url: string | null; contentHash: string }): ArticleSummary | undefined {
  const find = (where: string, value: string) =>
    db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.deleted_at IS NULL AND ${where} ORDER BY a.created_at LIMIT 1`).get(value) as Raw | undefined;
  const byHash = find('a.content_hash = ?', keys.contentHash);
  if (byHash) return toSummary(byHash);
  for (const address of [keys.canonicalUrl, keys.url]) {
    if (!address) continue;
    const found = find('a.canonical_url = ?', address) ?? find('a.url = ?', address);
    if (found) return toSummary(found);
  }
  return undefined;
}

export const ARTICLE_SORT: Record<NonNullable<ArticleList['sort']>, string> = {
  clippedAt: 'a.clipped_at',
  publishedAt: 'coalesce(a.published_at, a.clipped_at)',
  title: 'a.title COLLATE NOCASE',
  siteName: 'a.site_name COLLATE NOCASE',
  wordCount: 'a.word_count',
};

export function listArticles(db: Database, p: ArticleList): { items: ArticleSummary[]; total: number } {
  const where = ['a.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (p.contains) {
    where.push(`a.title LIKE @contains ESCAPE '\\'`);
    params.contains = likeContains(p.contains);
  }
  if (p.siteName) {
    where.push('a.site_name = @siteName COLLATE NOCASE');
    params.siteName = p.siteName;
  }
  if (p.tag) {
    where.push(`EXISTS (SELECT 1 FROM taggings tg JOIN tags t ON t.id = tg.tag_id WHERE tg.item_id = a.id AND t.name = @tag COLLATE NOCASE)`);
    params.tag = p.tag;
  }
  if (p.collectionId) {
    where.push('EXISTS (SELECT 1 FROM collection_items ci WHERE ci.item_id = a.id AND ci.collection_id = @collectionId)');
    params.collectionId = p.collectionId;
  }
  const whereSql = where.join(' AND ');
  const order = `${ARTICLE_SORT[p.sort ?? 'clippedAt']} ${p.order === 'asc' ? 'ASC' : 'DESC'}, a.id ${p.order === 'asc' ? 'ASC' : 'DESC'}`;
  const total = (db.prepare(`SELECT count(*) AS n FROM articles a WHERE ${whereSql}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: p.limit, offset: p.offset }) as Raw[];
  return { items: rows.map(toSummary), total };
}

export function updateArticleFields(db: Database, id: string, fields: Partial<Pick<ArticleRow, 'title' | 'authors' | 'siteName' | 'publishedAt' | 'url' | 'lang'>>, now: string): void {
  const sets: string[] = [];
  const params: Record<string, unknown> = { id, now };
  const columns: Record<string, string> = { title: 'title', authors: 'authors', siteName: 'site_name', publishedAt: 'published_at', url: 'url', lang: 'lang' };
  for (const [key, column] of Object.entries(columns)) {
    const value = (fields as Record<string, unknown>)[key];
    if (value === undefined) continue;
    sets.push(`${column} = @${key}`);
    params[key] = key === 'authors' ? JSON.stringify(value) : value;
  }
  if (sets.length === 0) return;
  db.prepare(`UPDATE articles SET ${sets.join(', ')}, updated_at = @now WHERE id = @id`).run(params);
}
