import { createServices } from '../../main/composition';

/**
 * What must hold after any crash: SQLite's and every FTS index's integrity checks pass (via the
 * same `library.check` users run), every article has its text, and every article whose text holds
 * quotations has its stored suggestions (they are written in the article's own transaction).
 */
export async function verifyLibrary(dir: string, committedIds: string[]): Promise<string[]> {
  const app = createServices(dir);
  try {
    const problems: string[] = [];
    const check = await app.dispatch('library.check', {});
    if (!check.ok) problems.push(`check failed to run: ${check.error.message}`);
    else if (!check.value.ok) problems.push(...check.value.problems);
    for (const id of committedIds) {
      if (!app.db.prepare('SELECT 1 FROM articles WHERE id = ?').get(id)) problems.push(`reported as committed but missing: ${id}`);
    }
    const articles = app.db.prepare('SELECT id, text, html FROM articles').all() as { id: string; text: string; html: string }[];
    for (const a of articles) {
      if (a.text.trim() === '' || a.html.trim() === '') problems.push(`article ${a.id} has no text`);
      const expected = app.services.suggestions.compute(a.text, []).quotes.length;
      const stored = (app.db.prepare('SELECT count(*) AS n FROM quote_suggestions WHERE article_id = ?').get(a.id) as { n: number }).n;
      if (expected > 0 && stored === 0) problems.push(`article ${a.id} lost its ${expected} suggested quotes`);
    }
    return problems;
  } finally {
    app.close();
  }
}
