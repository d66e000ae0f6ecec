import { lazyModule } from '../../lazy-module';

const loadPapa = lazyModule<typeof import('papaparse')>('papaparse');
import type { ImportIssue } from '../../../shared/api/methods-exchange';
import { normalizeDate } from './dates-names';
import { foldSpace, invalidImport, lineIndex, type ImportPlan, type PlannedArticle, type PlannedQuote } from './import-plan';

/**
 * Highlights from reading tools: Readwise's CSV export and Hypothesis's JSON export.
 *
 * Neither carries the page's full text, so each source becomes an article whose text is built
 * from its highlights, and every highlight is a quote (kind `highlight`) exactly where it sits in
 * that text. Readwise: one article per book/document (its URL column when the export has one, else
 * its title and author), paragraphs = the highlights in reading order. Hypothesis: one article per
 * annotated page, one paragraph per annotation holding the exact words with the prefix and suffix
 * context Hypothesis recorded, so the quote keeps its context for re-anchoring. Both are tagged
 * `to-clip` when they have a web URL: clipping it later replaces the stand-in text with the page
 * and re-anchors the quotes by their text and context.
 */

// ---------------------------------------------------------------- Readwise CSV

const READWISE_REQUIRED = ['highlight', 'book title'];

export function looksLikeReadwise(text: string): boolean {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]?.toLowerCase() ?? '';
  return READWISE_REQUIRED.every((c) => header.includes(c));
}

const splitList = (raw: string | undefined) => (raw ?? '').split(',').map((t) => t.trim()).filter((t) => t && t.length <= 500);

export function parseReadwise(text: string): ImportPlan {
  const rows: { data: string[]; line: number }[] = [];
  const lineAt = lineIndex(text);
  let previousCursor = 0;
  let failure: ImportIssue | null = null;
  loadPapa().parse<string[]>(text, {
    delimiter: ',',
    skipEmptyLines: true,
    step: (result, parser) => {
      let start = previousCursor;
      while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
      const line = lineAt(start);
      previousCursor = result.meta.cursor;
      const error = result.errors[0];
      if (error) {
        failure = { line: error.index !== undefined ? lineAt(error.index) : line, message: error.code === 'MissingQuotes' ? 'a quoted field is not closed (is the file cut short?)' : error.message };
        parser.abort();
        return;
      }
      rows.push({ data: result.data, line });
    },
  });
  if (failure) throw invalidImport(failure, 'Readwise CSV');
  const header = rows.shift();
  if (!header) throw invalidImport({ line: 1, message: 'the file is empty' }, 'Readwise CSV');
  const columns = header.data.map((c) => c.trim().toLowerCase());
  for (const required of READWISE_REQUIRED) {
    if (!columns.includes(required)) {
      throw invalidImport({ line: header.line, message: `the header has no "${required.replace(/\b\w/g, (c) => c.toUpperCase())}" column; is this a Readwise highlights export?` }, 'Readwise CSV');
    }
  }
  const col = (row: string[], name: string) => {
    const i = columns.indexOf(name);
    return i >= 0 ? (row[i] ?? '') : '';
  };

  const issues: ImportIssue[] = [];
  let skippedQuotes = 0;
  const groups = new Map<string, { article: PlannedArticle; items: { location: number | null; quote: PlannedQuote; text: string; order: number }[] }>();
  rows.forEach((row, order) => {
    if (row.data.length !== columns.length) {
      throw invalidImport({ line: row.line, message: `expected ${columns.length} fields, found ${row.data.length}` }, 'Readwise CSV');
    }
    const highlight = foldSpace(col(row.data, 'highlight'));
    if (!highlight) {
      issues.push({ line: row.line, message: 'the row has no highlight text; skipped' });
      skippedQuotes++;
      return;
    }
    const title = foldSpace(col(row.data, 'book title')) || 'Untitled';
    const author = foldSpace(col(row.data, 'book author'));
    const rawUrl = foldSpace(col(row.data, 'url') || col(row.data, 'source url') || col(row.data, 'readwise url'));
    const url = /^https?:\/\//i.test(rawUrl) && URL.canParse(rawUrl) ? rawUrl : null;
    const key = url ?? `${title}\u0000${author}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        article: {
          where: { line: row.line }, title: title.slice(0, 2000), url, authors: author ? author.split(/\s*(?:;|\band\b)\s*/).filter(Boolean) : [],
          siteName: null, publishedAt: null, lang: null, excerpt: null, paragraphs: [], tags: splitList(col(row.data, 'document tags')),
          toClip: url !== null, quotes: [], notes: [], matchByTitle: url === null,
        },
        items: [],
      };
      groups.set(key, group);
    }
    const location = Number.parseFloat(col(row.data, 'location'));
    const highlightedAt = normalizeDate(col(row.data, 'highlighted at'));
    group.items.push({
      location: Number.isFinite(location) ? location : null,
      order,
      text: highlight,
      quote: {
        where: { line: row.line }, text: highlight, paragraph: -1, offset: 0, note: col(row.data, 'note').trim(), tags: splitList(col(row.data, 'tags')),
        createdAt: highlightedAt && highlightedAt.includes('T') ? new Date(Date.parse(/Z|[+-]\d\d:?\d\d$/.test(highlightedAt) ? highlightedAt : `${highlightedAt}Z`)).toISOString() : null,
      },
    });
  });

  const articles: PlannedArticle[] = [];
  for (const { article, items } of groups.values()) {
    // Reading order: by location when every highlight has one, else as exported.
    const byLocation = items.every((x) => x.location !== null);
    items.sort((a, b) => (byLocation ? a.location! - b.location! : 0) || a.order - b.order);
    const index = new Map<string, number>();
    for (const item of items) {
      let p = index.get(item.text);
      if (p === undefined) {
        p = article.paragraphs.length;
        article.paragraphs.push(item.text);
        index.set(item.text, p);
      }
      article.quotes.push({ ...item.quote, paragraph: p, offset: 0 });
    }
    articles.push(article);
  }
  return { articles, issues, skipped: skippedQuotes ? { quotes: skippedQuotes } : {} };
}

// ---------------------------------------------------------------- Hypothesis JSON

interface Selector {
  type?: unknown;
  exact?: unknown;
  prefix?: unknown;
  suffix?: unknown;
  start?: unknown;
}

/** The annotation rows of a Hypothesis export: an array, the API's `{ rows }`, or the client's `{ annotations }`. */
export function hypothesisRows(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    const v = value as { rows?: unknown; annotations?: unknown };
    if (Array.isArray(v.rows)) return v.rows;
    if (Array.isArray(v.annotations)) return v.annotations;
  }
  return null;
}

export function looksLikeHypothesis(value: unknown): boolean {
  const rows = hypothesisRows(value);
  const first = rows?.[0];
  return Boolean(first && typeof first === 'object' && 'uri' in first && ('target' in first || 'text' in first));
}

const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');

export function parseHypothesis(value: unknown): ImportPlan {
  const rows = hypothesisRows(value);
  const rootField = Array.isArray(value) ? '' : (value as { rows?: unknown }).rows ? 'rows' : 'annotations';
  if (!rows) throw invalidImport({ field: '(root)', message: 'expected an array of annotations (or an object with "rows" or "annotations")' }, 'Hypothesis');
  const issues: ImportIssue[] = [];
  const skipped = { quotes: 0, notes: 0 };
  const pages = new Map<string, { article: PlannedArticle; items: { start: number | null; order: number; quote: PlannedQuote; paragraph: string }[] }>();
  rows.forEach((row, i) => {
    const field = rootField ? `${rootField}[${i}]` : `[${i}]`;
    if (!row || typeof row !== 'object') throw invalidImport({ field, message: 'each annotation must be an object' }, 'Hypothesis');
    const r = row as Record<string, unknown>;
    if (typeof r.uri !== 'string' || !r.uri.trim()) throw invalidImport({ field: `${field}.uri`, message: 'every annotation needs the "uri" of its page' }, 'Hypothesis');
    if (Array.isArray(r.references) && r.references.length > 0) {
      issues.push({ field, message: 'a reply to another annotation; replies are not imported' });
      skipped.notes++;
      return;
    }
    const uri = r.uri.trim();
    const url = /^https?:\/\//i.test(uri) && URL.canParse(uri) ? uri : null;
    const doc = (r.document ?? {}) as { title?: unknown };
    const title = foldSpace(Array.isArray(doc.title) ? textOf(doc.title[0]) : textOf(doc.title)) || uri;
    let page = pages.get(uri);
    if (!page) {
      page = {
        article: {
          where: { field }, title: title.slice(0, 2000), url, authors: [], siteName: url ? new URL(url).hostname.replace(/^www\./, '') : null, publishedAt: null,
          lang: null, excerpt: null, paragraphs: [], tags: [], toClip: url !== null, quotes: [], notes: [], matchByTitle: url === null,
        },
        items: [],
      };
      pages.set(uri, page);
    }
    const tags = Array.isArray(r.tags) ? r.tags.filter((t): t is string => typeof t === 'string').map((t) => t.trim()).filter((t) => t && t.length <= 500) : [];
    const note = textOf(r.text).trim();
    const target = Array.isArray(r.target) ? (r.target[0] as { selector?: unknown } | undefined) : undefined;
    const selectors = (Array.isArray(target?.selector) ? target.selector : []) as Selector[];
    const quoteSel = selectors.find((s) => s && s.type === 'TextQuoteSelector');
    const positionSel = selectors.find((s) => s && s.type === 'TextPositionSelector');
    const exact = foldSpace(textOf(quoteSel?.exact));
    if (!exact) {
      // A page note: kept as a note on the page's article.
      if (note) page.article.notes.push({ where: { field }, title: '', body: tags.length ? `${note}\n\nTags: ${tags.join(', ')}` : note });
      else {
        issues.push({ field, message: 'an annotation with neither quoted text nor a note; skipped' });
        skipped.quotes++;
      }
      return;
    }
    // Context as Hypothesis recorded it, white space folded the way the article text folds it.
    const rawExact = textOf(quoteSel?.exact);
    let prefix = textOf(quoteSel?.prefix).replace(/\s+/g, ' ').trimStart();
    let suffix = textOf(quoteSel?.suffix).replace(/\s+/g, ' ').trimEnd();
    // The exact text is stored trimmed; the space it began or ended with moves into the context.
    if (/^\s/.test(rawExact) && prefix && !prefix.endsWith(' ')) prefix += ' ';
    if (/\s$/.test(rawExact) && suffix && !suffix.startsWith(' ')) suffix = ` ${suffix}`;
    const created = normalizeDate(textOf(r.created));
    page.items.push({
      start: typeof positionSel?.start === 'number' ? positionSel.start : null,
      order: i,
      paragraph: `${prefix}${exact}${suffix}`,
      quote: { where: { field }, text: exact, paragraph: -1, offset: prefix.length, note, tags, createdAt: created && created.includes('T') ? new Date(created).toISOString() : null },
    });
  });

  const articles: PlannedArticle[] = [];
  for (const { article, items } of pages.values()) {
    items.sort((a, b) => (a.start ?? Number.MAX_SAFE_INTEGER) - (b.start ?? Number.MAX_SAFE_INTEGER) || a.order - b.order);
    // A map, not paragraphs.indexOf: a page with thousands of annotations must not be quadratic.
    const index = new Map<string, number>();
    for (const item of items) {
      let p = index.get(item.paragraph);
      if (p === undefined) {
        p = article.paragraphs.length;
        article.paragraphs.push(item.paragraph);
        index.set(item.paragraph, p);
      }
      article.quotes.push({ ...item.quote, paragraph: p });
    }
    if (article.paragraphs.length === 0) article.paragraphs.push(article.title);
    articles.push(article);
  }
  return { articles, issues, skipped: { ...(skipped.quotes ? { quotes: skipped.quotes } : {}), ...(skipped.notes ? { notes: skipped.notes } : {}) } };
}
