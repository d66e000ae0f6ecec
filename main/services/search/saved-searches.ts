import { AppError } from '../../../shared/errors';
import { parseQuery } from '../../../shared/search/parse-query';
import type { SavedSearch } from '../../../shared/search/search-result';
import type { ServiceContext } from '../context';

type Raw = { id: string; name: string; query: string; created_at: string; updated_at: string };
const toSaved = (r: Raw): SavedSearch => ({ id: r.id, name: r.name, query: r.query, createdAt: r.created_at, updatedAt: r.updated_at });

/** Saved searches live in their own table (migration 0020): one row each, names unique in any case. */
export class SavedSearches {
  constructor(private readonly ctx: ServiceContext) {}

  list(): SavedSearch[] {
    return (this.ctx.db.prepare('SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE').all() as Raw[]).map(toSaved);
  }

  /** Save a query under a name; the same name again replaces its query. A query that does not parse is refused. */
  save(name: string, query: string): SavedSearch {
    parseQuery(query);
    const clean = name.trim().replace(/\s+/g, ' ');
    const now = this.ctx.now();
    const id = this.ctx.write(() => {
      const existing = this.ctx.db.prepare('SELECT id FROM saved_searches WHERE name = ? COLLATE NOCASE').get(clean) as { id: string } | undefined;
      if (existing) {
        this.ctx.db.prepare('UPDATE saved_searches SET name = ?, query = ?, updated_at = ? WHERE id = ?').run(clean, query, now, existing.id);
        return existing.id;
      }
      const newId = this.ctx.newId();
      this.ctx.db.prepare('INSERT INTO saved_searches (id, name, query, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(newId, clean, query, now, now);
      return newId;
    });
    return toSaved(this.ctx.db.prepare('SELECT * FROM saved_searches WHERE id = ?').get(id) as Raw);
  }

  delete(id: string): { id: string } {
    const result = this.ctx.write(() => this.ctx.db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id));
    if (result.changes === 0) throw new AppError('not-found', `No saved search with id ${id}.`, { id });
    return { id };
  }
}
