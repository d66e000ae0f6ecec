import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, tempLibrary } from '../../../test/helpers/temp-library';
import { lineAt, lineIndex } from './import-plan';
import { parseReadwise } from './import-highlights';
import { parseBibtex } from './import-citations';

/**
 * Line numbers for import messages, and reading large files in linear time: every Readwise row and
 * BibTeX entry asks for its line, so a lookup that scans from the start of the file made reading
 * quadratic (a 5 MB export took minutes). Timings are not asserted (the machine is noisy): the
 * index is checked against the plain definition, and multi-MB files are read with their line
 * numbers right at the very end.
 */

/** The definition: one more than the newlines before `offset`. */
const naiveLine = (text: string, offset: number) => text.slice(0, Math.max(0, offset)).split('\n').length;

describe('lineIndex', () => {
  it('agrees with the definition (and with lineAt) at every offset of random texts', () => {
    const unit = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', 'é', '😀');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }).map((parts) => parts.join('')), (text) => {
        const line = lineIndex(text);
        for (let offset = -1; offset <= text.length + 1; offset++) {
          expect(line(offset)).toBe(naiveLine(text, offset));
          expect(lineAt(text, offset)).toBe(naiveLine(text, offset));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('edges: an empty text, a newline at the offset itself, offsets past the end', () => {
    expect(lineIndex('')(0)).toBe(1);
    const line = lineIndex('ab\ncd\n\nef');
    expect([0, 2, 3, 5, 6, 7, 9, 100].map(line)).toEqual([1, 1, 2, 2, 3, 4, 4, 4]);
  });
});

// ---------------------------------------------------------------- large files, written here

const READWISE_HEADER = 'Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags';

/** A Readwise export of `rows` highlights, 20 per book, with a multi-line quoted highlight every 7th row and an empty one last. */
function readwiseCsv(rows: number): string {
  const lines = [READWISE_HEADER];
  for (let i = 0; i < rows; i++) {
    const book = Math.floor(i / 20);
    const text = i % 7 === 0
      ? `Highlight ${i}: the harbour authority said\nthe pier would open in spring, after the repairs to the breakwater.`
      : `Highlight ${i}: the harbour authority said the pier would open in spring, after the repairs to the breakwater and the lights.`;
    lines.push(`"${text}",Harbour Book ${book},Author ${book},B0X${book},,yellow,,location,${100 + (i % 20) * 10},2024-03-01 10:00:00+00:00,`);
  }
  lines.push('"",Harbour Book 0,Author 0,B0X0,,yellow,,location,1,2024-03-01 10:00:00+00:00,');
  return `${lines.join('\n')}\n`;
}

/** `entries` BibTeX entries of ten lines each, separated by a blank line. */
function bibtex(entries: number): string {
  const out: string[] = [];
  for (let i = 0; i < entries; i++) {
    out.push(`@article{key${i},
  title = {Harbour study number ${i}: the pier, the breakwater and the lights},
  author = {Berg, Tom and Silva, Ana and M{\\"u}ller, J{\\"u}rgen},
  journal = {Journal of Harbours},
  year = {2024},
  month = mar,
  url = {https://example.org/harbour/${i}},
  abstract = {We studied the harbour for ${i} days. The pier would open in spring after repairs; the lights were replaced and the breakwater raised by two metres to keep storms out of the inner basin.},
  keywords = {harbour, pier}
}
`);
  }
  return out.join('\n');
}

describe('reading multi-MB files', () => {
  it('a 5 MB Readwise export: every row keeps its line, to the last one', () => {
    const rows = 30_000;
    const text = readwiseCsv(rows);
    expect(text.length).toBeGreaterThan(4_000_000);
    const plan = parseReadwise(text);
    expect(plan.articles).toHaveLength(rows / 20);
    // Line 1 is the header; every 7th highlight spans two lines.
    const lineOfRow = (i: number) => 2 + i + Math.ceil(i / 7);
    const last = plan.articles.at(-1)!;
    expect(last.quotes.at(-1)!.where.line).toBe(lineOfRow(rows - 1));
    expect(plan.issues).toEqual([{ line: lineOfRow(rows), message: 'the row has no highlight text; skipped' }]);
  });

  it('a 5 MB BibTeX file: every entry keeps its line, to the last one', () => {
    const entries = 12_000;
    const text = bibtex(entries);
    expect(text.length).toBeGreaterThan(4_000_000);
    const { records } = parseBibtex(text);
    expect(records).toHaveLength(entries);
    expect(records.map((r) => r.where.line).slice(-2)).toEqual([1 + 11 * (entries - 2), 1 + 11 * (entries - 1)]);
    expect(records.at(-1)!.authors).toEqual(['Tom Berg', 'Ana Silva', 'Jürgen Müller']);
  });
});

describe('importing moderate-size files end to end (smoke)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
  });

  it('a 1 MB Readwise export and a 1 MB BibTeX file import in one transaction each, with line numbers in the report', async () => {
    const lib = tempLibrary();
    const dir = tempDir('sourcebook-import-large-');
    cleanups.push(lib.cleanup, dir.cleanup);
    const csv = path.join(dir.dir, 'readwise.csv');
    fs.writeFileSync(csv, readwiseCsv(6_000));
    const bib = path.join(dir.dir, 'library.bib');
    // A record with neither title nor URL, last: reported with its line.
    fs.writeFileSync(bib, `${bibtex(2_500)}\n@misc{empty,\n  note = {nothing to import}\n}\n`);
    expect(fs.statSync(csv).size + fs.statSync(bib).size).toBeGreaterThan(2_000_000);

    const highlights = await lib.ok('import.run', { path: csv });
    expect(highlights.byType).toMatchObject({ articles: { created: 300 }, quotes: { created: 6_000, skipped: 1 } });
    expect(highlights.errors).toEqual([{ line: 2 + 6_000 + Math.ceil(6_000 / 7), message: 'the row has no highlight text; skipped' }]);

    const citations = await lib.ok('import.run', { path: bib });
    expect(citations.byType.articles).toEqual({ created: 2_500, merged: 0, skipped: 1 });
    expect(citations.errors).toEqual([{ line: 11 * 2_500 + 1, message: 'the record has neither a title nor a URL; skipped' }]);
    expect((await lib.ok('library.check', {})).problems).toEqual([]);
  }, 120_000);

  it('merging a large export into a book the library has: each new highlight added once, every quote where its text is', async () => {
    const lib = tempLibrary();
    const dir = tempDir('sourcebook-import-merge-');
    cleanups.push(lib.cleanup, dir.cleanup);
    const row = (text: string, location: number) => `"${text}",Big Book,Ann Author,B1,,yellow,,location,${location},2024-03-01 10:00:00+00:00,`;
    const first = path.join(dir.dir, 'first.csv');
    fs.writeFileSync(first, `${READWISE_HEADER}\n${row('The harbour reopened on Monday.', 1)}\n`);
    await lib.ok('import.run', { path: first });
    const later = path.join(dir.dir, 'later.csv');
    const rows = [row('The harbour reopened on Monday.', 1), row('harbour reopened', 2)];
    for (let i = 0; i < 3_000; i++) rows.push(row(`Highlight ${i}: the pier would open in spring.`, 10 + i));
    fs.writeFileSync(later, `${READWISE_HEADER}\n${rows.join('\n')}\n`);

    const report = await lib.ok('import.run', { path: later });
    expect(report.byType).toMatchObject({ articles: { created: 0, merged: 1 }, quotes: { created: 3_001, skipped: 1 } });
    const [book] = (await lib.ok('articles.list', { limit: 10 })).items;
    const article = await lib.ok('articles.get', { id: book!.id });
    expect(article.text.split('\n\n')).toHaveLength(3_001);
    expect(lib.app.db.prepare('SELECT count(*) FROM quotes WHERE article_id = ?').pluck().get(book!.id)).toBe(3_002);
    // A highlight inside one the book has points into it rather than adding a passage.
    const inner = (await lib.ok('quotes.list', { articleId: book!.id, contains: 'harbour reopened', limit: 10 })).items;
    expect(inner.map((q) => [q.text, q.start, q.end])).toEqual(expect.arrayContaining([['harbour reopened', 4, 20]]));
    expect((await lib.ok('library.check', {})).problems).toEqual([]);
  }, 120_000);
});
