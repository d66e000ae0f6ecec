import { AppError } from '../../../shared/errors';
import type { ImportIssue } from '../../../shared/api/methods-exchange';
import { countWords } from '../../../shared/text/dom-text';
import { escapeHtml } from '../clip/text-to-html';
import { contextAround, locateQuote } from '../anchoring';
import { contentHashOf } from '../content';
import type { Services } from '../services';
import type { Tally } from './tally';

/**
 * What the foreign formats (CSL-JSON, BibTeX, RIS, Readwise, Hypothesis) import as: articles
 * built from what the file knows, with quotes placed at known offsets of the text built for them.
 *
 * An article's text is a list of paragraphs (white space folded to single spaces), stored as
 * `<p>` elements, so the text the reader derives from the HTML is exactly the text the quote
 * offsets point into. Articles whose page was not captured are tagged `to-clip`: clipping their URL
 * later adds the real page as a new version and re-anchors their quotes on it.
 */
export const TO_CLIP_TAG = 'to-clip';

export interface PlannedQuote {
  /** Where it came from, for messages. */
  where: Where;
  text: string;
  /** The paragraph of the article that holds it, and where in that paragraph it starts. */
  paragraph: number;
  offset: number;
  note: string;
  tags: string[];
  createdAt: string | null;
}

export interface Where {
  line?: number;
  field?: string;
}

export interface PlannedArticle {
  where: Where;
  title: string;
  url: string | null;
  authors: string[];
  siteName: string | null;
  publishedAt: string | null;
  lang: string | null;
  excerpt: string | null;
  paragraphs: string[];
  tags: string[];
  toClip: boolean;
  quotes: PlannedQuote[];
  notes: { where: Where; title: string; body: string }[];
  /** Also match an earlier import by title (sources without a URL, such as Readwise books). */
  matchByTitle: boolean;
}

export interface ImportPlan {
  articles: PlannedArticle[];
  /** Records left out while reading, and why. */
  issues: ImportIssue[];
  skipped: Partial<Record<'articles' | 'quotes' | 'notes', number>>;
}

/** White space as the article text has it: runs folded to one space, trimmed. */
export const foldSpace = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The file cannot be read as the format: nothing is imported. */
export function invalidImport(issue: ImportIssue, format: string): AppError {
  const where = issue.line !== undefined ? `line ${issue.line}: ` : issue.field ? `${issue.field}: ` : '';
  return new AppError('import/invalid', `Cannot import this ${format} file: ${where}${issue.message}`, { errors: [issue], format });
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Stand-in article HTML: one `<p>` per paragraph, so domToText() gives back exactly `paragraphs.join('\n\n')`. */
export const articleHtml = (paragraphs: string[]) => paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
const startOf = (paragraphs: string[], index: number) => paragraphs.slice(0, index).reduce((n, p) => n + p.length + 2, 0);
const issueOf = (where: Where, message: string): ImportIssue => ({ ...where, message });

/** Apply a plan inside the caller's transaction. */
export function applyPlan(s: Services, plan: ImportPlan, tally: Tally, errors: ImportIssue[]): void {
  const { ctx } = s;
  const db = ctx.db;
  errors.push(...plan.issues);
  for (const [kind, n] of Object.entries(plan.skipped)) tally.skipped(kind, n);

  const byUrl = db.prepare('SELECT id FROM articles WHERE deleted_at IS NULL AND (url = @url OR canonical_url = @url) ORDER BY id LIMIT 1');
  const byHash = db.prepare('SELECT id FROM articles WHERE deleted_at IS NULL AND content_hash = ? ORDER BY id LIMIT 1');
  const byTitle = db.prepare("SELECT id FROM articles WHERE deleted_at IS NULL AND source_kind = 'import' AND title = ? ORDER BY id LIMIT 1");
  const sameQuote = db.prepare('SELECT 1 FROM quotes WHERE article_id = ? AND text = ? AND deleted_at IS NULL');

  const insertQuote = (articleId: string, text: string, start: number, end: number, saidAt: string | null, q: PlannedQuote) => {
    const id = ctx.newId();
    const now = ctx.now();
    const { prefix, suffix } = contextAround(text, start, end);
    db.prepare(
      `INSERT INTO quotes (id, article_id, text, prefix, suffix, start_offset, end_offset, anchor_status, kind, speaker_id, speaker_role, said_at, note, origin, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'exact', 'highlight', NULL, NULL, ?, ?, 'import', ?, ?)`,
    ).run(id, articleId, text.slice(start, end), prefix, suffix, start, end, saidAt, q.note, q.createdAt ?? now, now);
    for (const tag of q.tags) s.tags.addInTransaction(id, tag);
    tally.created('quotes');
  };
  const addNotes = (articleId: string, notes: PlannedArticle['notes']) => {
    for (const n of notes) {
      if (db.prepare('SELECT 1 FROM notes WHERE attached_id = ? AND body = ? AND deleted_at IS NULL').get(articleId, n.body)) {
        tally.skipped('notes');
        continue;
      }
      const now = ctx.now();
      db.prepare('INSERT INTO notes (id, title, body, attached_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(ctx.newId(), n.title, n.body, articleId, now, now);
      tally.created('notes');
    }
  };

  for (const planned of plan.articles) {
    const text = planned.paragraphs.join('\n\n');
    const existing = ((planned.url ? byUrl.get({ url: planned.url }) : undefined) ??
      byHash.get(contentHashOf(text)) ??
      (planned.matchByTitle ? byTitle.get(planned.title) : undefined)) as { id: string } | undefined;

    if (!existing) {
      const id = ctx.newId();
      s.articles.insertInTransaction(id, {
        content: { html: articleHtml(planned.paragraphs), text, title: planned.title, wordCount: countWords(text) },
        title: planned.title, url: planned.url, authors: planned.authors, siteName: planned.siteName, publishedAt: planned.publishedAt,
        lang: planned.lang, excerpt: planned.excerpt, sourceKind: 'import', tags: [...planned.tags, ...(planned.toClip ? [TO_CLIP_TAG] : [])],
      });
      tally.created('articles');
      const seen = new Set<string>();
      for (const q of planned.quotes) {
        const key = `${q.paragraph}:${q.offset}:${q.text}`;
        if (seen.has(key)) {
          tally.skipped('quotes');
          continue;
        }
        seen.add(key);
        const start = startOf(planned.paragraphs, q.paragraph) + q.offset;
        insertQuote(id, text, start, start + q.text.length, planned.publishedAt, q);
      }
      addNotes(id, planned.notes);
      continue;
    }

    // The library has this source already: add what it lacks.
    tally.merged('articles');
    const id = existing.id;
    db.prepare(
      `UPDATE articles SET authors = CASE WHEN authors = '[]' THEN @authors ELSE authors END, site_name = coalesce(site_name, @siteName),
         published_at = coalesce(published_at, @publishedAt), lang = coalesce(lang, @lang), url = coalesce(url, @url) WHERE id = @id`,
    ).run({ id, authors: JSON.stringify(planned.authors), siteName: planned.siteName, publishedAt: planned.publishedAt, lang: planned.lang, url: planned.url });
    for (const tag of planned.tags) s.tags.addInTransaction(id, tag);
    for (const q of planned.quotes) {
      if (sameQuote.get(id, q.text)) {
        tally.skipped('quotes');
        continue;
      }
      const row = db.prepare('SELECT text, html, source_kind, published_at FROM articles WHERE id = ?').get(id) as { text: string; html: string; source_kind: string; published_at: string | null };
      const found = locateQuote(row.text, { exact: q.text }, { allowFuzzy: false });
      if (found) {
        insertQuote(id, row.text, found.start, found.end, row.published_at, q);
        continue;
      }
      if (row.source_kind !== 'import') {
        errors.push(issueOf(q.where, `the highlight is not in the text of the article "${planned.title}" already in the library; skipped`));
        tally.skipped('quotes');
        continue;
      }
      // An imported stand-in text grows by the new passage; offsets of earlier quotes stay valid.
      const paragraph = planned.paragraphs[q.paragraph]!;
      const newText = row.text.length ? `${row.text}\n\n${paragraph}` : paragraph;
      const start = newText.length - paragraph.length + q.offset;
      db.prepare('UPDATE articles SET text = ?, html = ?, word_count = ?, content_hash = ?, updated_at = ? WHERE id = ?').run(
        newText, `${row.html}\n${articleHtml([paragraph])}`, countWords(newText), contentHashOf(newText), ctx.now(), id,
      );
      insertQuote(id, newText, start, start + q.text.length, row.published_at, q);
    }
    addNotes(id, planned.notes);
  }
}
