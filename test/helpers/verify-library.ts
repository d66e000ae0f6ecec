import { createServices } from '../../main/composition';

/**
 * What must hold after any crash: everything `sourcebook check` checks (`library.check`: SQLite's
 * and every FTS index's integrity, quote anchors, no article without its text or its suggested
 * quotes), and every item reported as committed is there.
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
    return problems;
  } finally {
    app.close();
  }
}
