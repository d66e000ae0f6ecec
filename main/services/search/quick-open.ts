import type { QuickOpenEntry } from '../../../shared/search/search-result';
import type { StatementCache } from './statement-cache';

/**
 * The quick-open list: every title and name the palette can jump to, kept small (id, type, title,
 * one line of extra) because the renderer builds a lunr index from it. Articles are the bulk: the
 * most recent `maxArticles` of them; everything else is included whole.
 */
const ENTRIES_SQL = `
  SELECT s.id, 'speaker' AS type, s.name AS title,
    trim(coalesce(s.role, '') || CASE WHEN sn.aliases <> '' THEN ' · ' || sn.aliases ELSE '' END, ' ·') AS extra
    FROM speakers s LEFT JOIN search_speaker_names sn ON sn.speaker_id = s.id WHERE s.deleted_at IS NULL
  UNION ALL SELECT id, 'topic', title, '' FROM topics WHERE deleted_at IS NULL
  UNION ALL SELECT id, 'tag', name, '' FROM tags
  UNION ALL SELECT id, 'collection', name, '' FROM collections WHERE deleted_at IS NULL
  UNION ALL SELECT id, 'note', coalesce(nullif(title, ''), substr(body, 1, 80)), '' FROM notes WHERE deleted_at IS NULL`;
const ARTICLES_SQL = `SELECT id, 'article' AS type, title, coalesce(site_name, '') AS extra FROM articles
  WHERE deleted_at IS NULL ORDER BY clipped_at DESC LIMIT @max`;

/** Articles come last, newest first. */
export function quickOpenIndex(statements: StatementCache, maxArticles: number): QuickOpenEntry[] {
  const others = statements.get(ENTRIES_SQL).all() as QuickOpenEntry[];
  const articles = statements.get(ARTICLES_SQL).all({ max: maxArticles }) as QuickOpenEntry[];
  return [...others, ...articles];
}
