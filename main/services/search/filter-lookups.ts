import { quoteFts } from '../../../shared/search/compile-match';
import { likeContains } from '../../db/repositories/rows';
import { ARTICLE_HOST_SQL } from '../../db/migrations/0070-search-filter-indexes';
import { hostKey } from './filter-sql';
import type { StatementCache } from './statement-cache';

/** Lookups that turn a filter's value into what its SQL needs. */

/**
 * The speakers a `speaker:` value means: those whose name or alias is the value (any case); failing
 * that, those whose name or alias contains it (the trigram index finds "merk" in "Angela Merkel";
 * under 3 characters, which trigrams cannot match, a LIKE over the speaker table, which is small).
 */
export function speakerIdsFor(statements: StatementCache, value: string): string[] {
  const name = value.trim().replace(/\s+/g, ' ');
  if (!name) return [];
  const exact = statements
    .get(
      `SELECT s.id FROM speakers s WHERE s.deleted_at IS NULL AND (s.name = @name COLLATE NOCASE
         OR s.id IN (SELECT speaker_id FROM speaker_aliases WHERE alias = @name COLLATE NOCASE))`,
    )
    .pluck()
    .all({ name }) as string[];
  if (exact.length) return exact;
  if ([...name].length >= 3) {
    return statements
      .get('SELECT s.id FROM speakers_tri JOIN speakers s ON s.rowid = speakers_tri.rowid WHERE speakers_tri MATCH @match LIMIT 500')
      .pluck()
      .all({ match: quoteFts(name) }) as string[];
  }
  return statements
    .get(
      `SELECT s.id FROM speakers s WHERE s.deleted_at IS NULL AND (s.name LIKE @like ESCAPE '\\'
         OR s.id IN (SELECT speaker_id FROM speaker_aliases WHERE alias LIKE @like ESCAPE '\\')) LIMIT 500`,
    )
    .pluck()
    .all({ like: likeContains(name) }) as string[];
}

/** Is there an article whose site name is `value` (any case) or whose host is `value`? Two index seeks. */
export function hasExactSite(statements: StatementCache, value: string): boolean {
  return (
    statements
      .get(`SELECT 1 FROM articles WHERE site_name = @name COLLATE NOCASE UNION ALL SELECT 1 FROM articles WHERE ${ARTICLE_HOST_SQL('url')} = @host LIMIT 1`)
      .get({ name: value, host: hostKey(value) }) !== undefined
  );
}
