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

/** 1-based line of a character offset. Scans the text: for one lookup; readers that ask per record use lineIndex. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * `lineAt` for many lookups in one text: the newline offsets are found once, then each lookup is a
 * binary search. Asking lineAt for every row or entry scanned the file from its start each time, so
 * a 5 MB Readwise export took two minutes to read and the 100 MB limit would have taken hours.
 */
export function lineIndex(text: string): (offset: number) => number {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return (offset) => {
    // How many newlines stand before `offset`.
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (newlines[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
}

/** Stand-in article HTML: one `<p>` per paragraph, so domToText() gives back exactly `paragraphs.join('\n\n')`. */
export const articleHtml = (paragraphs: string[]) => paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
/** Where each paragraph starts in `paragraphs.join('\n\n')`, worked out once per article, not once per quote. */
function paragraphStarts(paragraphs: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const p of paragraphs) {
    starts.push(at);
    at += p.length + 2;
  }
  return starts;
}
const issueOf = (where: Where, message: string): ImportIssue => ({ ...where, message });

/** Apply a plan inside the caller's transaction. */
export function applyPlan(s: Services, plan: ImportPlan, tally: Tally, errors: ImportIssue[]): void {
  const { ctx } = s;
  const db = ctx.db;
  // One at a time: a file with some 100k bad records would overflow the stack spread into push().
  for (const issue of plan.issues) errors.push(issue);
  for (const [kind, n] of Object.entries(plan.skipped)) tally.skipped(kind, n);

  // Each lookup is written so SQLite answers it from an index. An OR across url and canonical_url, or a
  // title compared in another collation than its (NOCASE) index, walked every live article for every
  // planned one: a large import was quadratic. The exact title comparison still decides.
  const byUrl = db.prepare(
    `SELECT id FROM articles WHERE url = @url AND deleted_at IS NULL UNION SELECT id FROM articles WHERE canonical_url = @url AND deleted_at IS NULL
     ORDER BY id LIMIT 1`,
  );
  const byHash = db.prepare('SELECT id FROM articles WHERE deleted_at IS NULL AND content_hash = ? ORDER BY id LIMIT 1');
  const byTitle = db.prepare(
    "SELECT id FROM articles WHERE deleted_at IS NULL AND title = @title COLLATE NOCASE AND title = @title AND source_kind = 'import' ORDER BY id LIMIT 1",
  );
  const liveQuoteTexts = db.prepare('SELECT text FROM quotes WHERE article_id = ? AND deleted_at IS NULL').pluck();

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
      (planned.matchByTitle ? byTitle.get({ title: planned.title }) : undefined)) as { id: string } | undefined;

    if (!existing) {
      const id = ctx.newId();
      s.articles.insertInTransaction(id, {
        content: { html: articleHtml(planned.paragraphs), text, title: planned.title, wordCount: countWords(text) },
        title: planned.title, url: planned.url, authors: planned.authors, siteName: planned.siteName, publishedAt: planned.publishedAt,
        lang: planned.lang, excerpt: planned.excerpt, sourceKind: 'import', tags: [...planned.tags, ...(planned.toClip ? [TO_CLIP_TAG] : [])],
      });
      tally.created('articles');
      const seen = new Set<string>();
      const starts = paragraphStarts(planned.paragraphs);
      for (const q of planned.quotes) {
        const key = `${q.paragraph}:${q.offset}:${q.text}`;
        if (seen.has(key)) {
          tally.skipped('quotes');
          continue;
        }
        seen.add(key);
        const start = starts[q.paragraph]! + q.offset;
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
    const row = db.prepare('SELECT text, html, source_kind, published_at FROM articles WHERE id = ?').get(id) as { text: string; html: string; source_kind: string; published_at: string | null };
    const quoted = new Set(liveQuoteTexts.all(id) as string[]);
    const placed: { start: number; end: number; q: PlannedQuote }[] = [];
    /** `words`: the text at start–end, so a later highlight with the same words is a duplicate. */
    const place = (start: number, end: number, q: PlannedQuote, words: string) => {
      placed.push({ start, end, q });
      quoted.add(words);
    };
    if (row.source_kind !== 'import') {
      // A clipped page: the highlight is found in its text (white space, quote marks and case aside) or skipped.
      for (const q of planned.quotes) {
        if (quoted.has(q.text)) {
          tally.skipped('quotes');
          continue;
        }
        const found = locateQuote(row.text, { exact: q.text }, { allowFuzzy: false });
        if (found) place(found.start, found.end, q, row.text.slice(found.start, found.end));
        else {
          errors.push(issueOf(q.where, `the highlight is not in the text of the article "${planned.title}" already in the library; skipped`));
          tally.skipped('quotes');
        }
      }
      for (const p of placed) insertQuote(id, row.text, p.start, p.end, row.published_at, p.q);
      addNotes(id, planned.notes);
      continue;
    }
    // An imported stand-in, made of highlights as the tools exported them: a highlight is in it word
    // for word, or its passage is added (offsets of earlier quotes stay valid). The text grows in
    // memory and is written once; looking each highlight up in the whole growing text (white space
    // and case folded) and rewriting it every time made merging a large export into a book quadratic.
    let grown = row.text;
    const added = new Map<string, number>();
    for (const q of planned.quotes) {
      if (quoted.has(q.text)) {
        tally.skipped('quotes');
        continue;
      }
      const paragraph = planned.paragraphs[q.paragraph]!;
      const at = row.text.indexOf(q.text);
      if (at !== -1) {
        place(at, at + q.text.length, q, q.text);
        continue;
      }
      let start = added.get(paragraph);
      if (start === undefined) {
        grown = grown.length ? `${grown}\n\n${paragraph}` : paragraph;
        start = grown.length - paragraph.length;
        added.set(paragraph, start);
      }
      place(start + q.offset, start + q.offset + q.text.length, q, q.text);
    }
    if (added.size > 0) {
      db.prepare('UPDATE articles SET text = ?, html = ?, word_count = ?, content_hash = ?, updated_at = ? WHERE id = ?').run(
        grown, `${row.html}\n${articleHtml([...added.keys()])}`, countWords(grown), contentHashOf(grown), ctx.now(), id,
      );
    }
    for (const p of placed) insertQuote(id, grown, p.start, p.end, row.published_at, p.q);
    addNotes(id, planned.notes);
  }
}
