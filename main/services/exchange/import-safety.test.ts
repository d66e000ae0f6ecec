import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempPerTest, type TempLibrary } from '../../../test/helpers/temp-library';
import { goldenLibraryDoc } from '../../../test/helpers/golden-library';

/**
 * The library JSON import takes nothing on trust: ids become folder names (so only ids of our own
 * shape come in), and quote offsets must point at the quote's words (or be found again).
 */


const { library, scratch } = useTempPerTest('sourcebook-import-safety-');
function write(doc: unknown): string {
  const file = path.join(scratch(), 'library.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}
const TRASHED = '00000000-0000-7000-8000-000000000012';

describe('library JSON import: ids of our shape only', () => {
  it('refuses a file whose trashed article id climbs out of the library; nothing is imported and "Delete for good" cannot reach the folder', async () => {
    const lib = library();
    const victim = path.join(scratch(), 'victim');
    fs.mkdirSync(victim);
    fs.writeFileSync(path.join(victim, 'thesis.md'), 'years of work');
    const hostileId = path.relative(path.join(lib.dir, 'assets'), victim);
    const doc = goldenLibraryDoc();
    const index = doc.articles.findIndex((a: { id: string }) => a.id === TRASHED);
    doc.articles[index].id = hostileId;

    const error = await lib.fail('import.run', { path: write(doc) });
    expect(error.code).toBe('import/invalid');
    expect(error.message).toContain(`articles.${index}.id: ${JSON.stringify(hostileId)} is not a Sourcebook id`);
    expect((await lib.ok('library.info', {})).counts).toMatchObject({ articles: 0, quotes: 0, trash: 0 });
    expect(lib.app.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(0);
    expect((await lib.fail('trash.purge', { id: hostileId })).code).toBe('not-found');
    expect(fs.readFileSync(path.join(victim, 'thesis.md'), 'utf8')).toBe('years of work');
  });

  it('checks every id and every reference to one, naming the record', async () => {
    const lib = library();
    const fields: [string, (doc: ReturnType<typeof goldenLibraryDoc>) => void][] = [
      ['quotes.0.id', (d) => (d.quotes[0].id = '../q')],
      ['quotes.0.articleId', (d) => (d.quotes[0].articleId = '..')],
      ['quotes.0.speakerId', (d) => (d.quotes[0].speakerId = 'speaker-1')],
      ['speakers.0.id', (d) => (d.speakers[0].id = '/etc')],
      ['topics.0.id', (d) => (d.topics[0].id = '')],
      ['stances.0.subjectId', (d) => (d.stances[0].subjectId = 'C:\\Windows')],
      ['links.1.toId', (d) => (d.links[1].toId = '../../x')],
      ['tags.0.id', (d) => (d.tags[0].id = '0190F0C4-5B1E-7A3C-8D2E-4F6A7B8C9D0E')],
      ['taggings.0.itemId', (d) => (d.taggings[0].itemId = './x')],
      ['collectionItems.0.collectionId', (d) => (d.collectionItems[0].collectionId = 'x')],
      ['notes.0.attachedId', (d) => (d.notes[0].attachedId = '../n')],
      ['suggestions.quotes.0.articleId', (d) => (d.suggestions.quotes[0].articleId = '../s')],
      ['articles.4.trashBatch', (d) => (d.articles[4].trashBatch = '../b')],
      ['articles.0.versions.0.id', (d) => d.articles[0].versions.push({ id: '../v', version: 1, title: 't', html: '<p>t</p>', text: 't', contentHash: 'h', snapshotPath: null, clippedAt: '2025-01-01T00:00:00.000Z' })],
    ];
    for (const [field, spoil] of fields) {
      const doc = goldenLibraryDoc();
      spoil(doc);
      const result = await lib.dispatch('import.run', { path: write(doc) });
      expect(result.ok, field).toBe(false);
      const error = (result as { error: { code: string; message: string } }).error;
      expect(error.code, field).toBe('import/invalid');
      expect(error.message, field).toContain(`${field}: `);
      expect(error.message, field).toContain('is not a Sourcebook id');
    }
    expect(lib.app.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
  });

  it('refuses stored file paths outside their library folder', async () => {
    const lib = library();
    const version = { id: '00000000-0000-7000-8000-0000000000f1', version: 1, title: 't', html: '<p>t</p>', text: 't', contentHash: 'h', clippedAt: '2025-01-01T00:00:00.000Z' };
    const asset = { id: '00000000-0000-7000-8000-0000000000f2', originalUrl: 'https://example.org/a.png', contentType: 'image/png', bytes: 3 };
    const cases: [string, (doc: ReturnType<typeof goldenLibraryDoc>) => void][] = [
      ['articles.0.snapshotPath', (d) => (d.articles[0].snapshotPath = 'snapshots/../../../home/me/.ssh/id_rsa')],
      ['articles.0.versions.0.snapshotPath', (d) => d.articles[0].versions.push({ ...version, snapshotPath: '/etc/passwd' })],
      ['articles.0.assets.0.path', (d) => d.articles[0].assets.push({ ...asset, path: 'assets/../sourcebook.db' })],
    ];
    for (const [field, spoil] of cases) {
      const doc = goldenLibraryDoc();
      spoil(doc);
      const error = await lib.fail('import.run', { path: write(doc) });
      expect(error.code, field).toBe('import/invalid');
      expect(error.message, field).toContain(`${field}: not a path inside the library's`);
    }
    // Paths the app writes come in as they are.
    const doc = goldenLibraryDoc();
    doc.articles[0].snapshotPath = 'snapshots/00000000-0000-7000-8000-000000000001-v1.gz';
    doc.articles[0].assets.push({ ...asset, path: 'assets/00000000-0000-7000-8000-000000000001/0123456789abcdef0123.png' });
    expect((await lib.ok('import.run', { path: write(doc) })).byType.articles).toMatchObject({ created: 5 });
  });
});

describe('library JSON import: quote anchors', () => {
  const quoteText = (lib: TempLibrary, id: string) =>
    lib.app.db.prepare('SELECT q.text, q.start_offset AS start, q.end_offset AS end, q.anchor_status AS status, substr(a.text, q.start_offset + 1, q.end_offset - q.start_offset) AS atOffsets FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id = ?').get(id) as {
      text: string; start: number; end: number; status: string; atOffsets: string;
    };

  it('finds a quote again when its offsets do not match its text, and says so', async () => {
    const lib = library();
    const doc = goldenLibraryDoc();
    const q = doc.quotes[0];
    const right = { start: q.start, end: q.end };
    Object.assign(q, { start: 999_999, end: 1_000_005 });
    const report = await lib.ok('import.run', { path: write(doc) });
    expect(report.byType.quotes).toMatchObject({ created: 7, skipped: 0 });
    expect(report.errors).toEqual([{ field: 'quotes', message: `quotes not at their recorded place in their article's text, anchored again where their words are: 1 (quotes.0)` }]);
    const stored = quoteText(lib, q.id);
    expect(stored).toMatchObject({ text: q.text, ...right, status: 'moved', atOffsets: q.text });
    expect((await lib.ok('library.check', {})).problems).toEqual([]);
  });

  it('keeps a quote whose words are not in its article as an orphan, never with wrong offsets', async () => {
    const lib = library();
    const doc = goldenLibraryDoc();
    doc.quotes[1].text = 'Words that this article never had in it at all, anywhere.';
    doc.quotes[2].start += 1;
    doc.quotes[2].end += 1;
    const report = await lib.ok('import.run', { path: write(doc) });
    expect(report.errors).toEqual([
      { field: 'quotes', message: `quotes not at their recorded place in their article's text, anchored again where their words are: 1 (quotes.2)` },
      { field: 'quotes', message: 'quotes not at their recorded place whose words are not in their article, kept as orphans: 1 (quotes.1)' },
    ]);
    expect(quoteText(lib, doc.quotes[1].id)).toMatchObject({ status: 'orphan', text: doc.quotes[1].text });
    expect(quoteText(lib, doc.quotes[2].id)).toMatchObject({ start: doc.quotes[2].start - 1, atOffsets: doc.quotes[2].text });
    expect((await lib.ok('library.check', {})).problems).toEqual([]);
  });

  it('anchors a new quote of an article the library has (same id) in the library\'s text, not the file\'s', async () => {
    const lib = library();
    await lib.ok('import.run', { path: write(goldenLibraryDoc()) });
    // The file is an export of an older version: its article text (merged by id, left as it is) differs.
    const doc = goldenLibraryDoc();
    const article = doc.articles.find((a: { id: string }) => a.id === doc.quotes[4].articleId);
    article.text = `An older lead paragraph.\n\n${article.text}`;
    const added = { ...doc.quotes[4], id: '00000000-0000-7000-8000-0000000000e1', start: doc.quotes[4].start + 26, end: doc.quotes[4].end + 26, note: 'from the older export' };
    doc.quotes = [added];
    const report = await lib.ok('import.run', { path: write(doc) });
    expect(report.byType.quotes).toMatchObject({ created: 1 });
    expect(report.errors).toEqual([{ field: 'quotes', message: expect.stringContaining('(quotes.0)') }]);
    expect(quoteText(lib, added.id)).toMatchObject({ start: goldenLibraryDoc().quotes[4].start, atOffsets: added.text });
    expect((await lib.ok('library.check', {})).problems).toEqual([]);
  });
});
