import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempPerTest, type TempLibrary } from '../../../test/helpers/temp-library';
import type { ImportReport } from '../../../shared/api/methods-exchange';
import type { Article, Quote } from '../../../shared/domain/entities';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/exchange/', import.meta.url));
const fixture = (name: string) => path.join(FIXTURES, name);
const read = (name: string) => fs.readFileSync(fixture(name), 'utf8');

const { library, scratch } = useTempPerTest('sourcebook-import-');
function write(name: string, content: string | Buffer): string {
  const file = path.join(scratch(), name);
  fs.writeFileSync(file, content);
  return file;
}

async function articles(lib: TempLibrary): Promise<Article[]> {
  const page = await lib.ok('articles.list', { limit: 1000, sort: 'title', order: 'asc' });
  return Promise.all(page.items.map((a) => lib.ok('articles.get', { id: a.id })));
}
async function quotesOf(lib: TempLibrary, articleId: string): Promise<Quote[]> {
  return (await lib.ok('quotes.list', { articleId, limit: 1000 })).items;
}
/** Every quote's text stands at its offsets in its article, and the library passes its own check. */
async function expectAnchored(lib: TempLibrary): Promise<void> {
  for (const a of await articles(lib)) {
    for (const q of await quotesOf(lib, a.id)) expect(a.text.slice(q.start, q.end), q.text).toBe(q.text);
  }
  expect((await lib.ok('library.check', {})).problems).toEqual([]);
}
const counts = async (lib: TempLibrary) => (await lib.ok('library.info', {})).counts;

describe('Sourcebook JSON: merge without duplicates', () => {
  it('importing the same export twice adds nothing the second time', async () => {
    const lib = library();
    const first = await lib.ok('import.run', { path: fixture('golden/library.json') });
    expect(first).toMatchObject({ format: 'json', merged: 0, skipped: 0, errors: [] });
    expect(first.byType.articles).toEqual({ created: 5, merged: 0, skipped: 0 });
    const after = await counts(lib);
    expect(after).toMatchObject({ articles: 4, quotes: 7, speakers: 4, topics: 3, trash: 1 });
    const second = await lib.ok('import.run', { path: fixture('golden/library.json') });
    expect(second).toMatchObject({ created: 0, skipped: 0, merged: first.created });
    expect(await counts(lib)).toEqual(after);
    await expectAnchored(lib);
  });

  it('a library that already has the same source (other id) gets the file\'s quotes on its own article', async () => {
    const lib = library();
    const own = await lib.ok('articles.create', {
      title: 'Glaciers (my clip)', url: 'https://science.example.org/glaciers',
      text: 'Intro added by another page layout.\n\nGlaciers are shrinking faster than expected, said Jürgen Müller. "We measured a [loss] of *12 metres* in one year," he said.',
    });
    await lib.ok('speakers.create', { name: 'Jurgen Mueller', aliases: ['Jürgen Müller'] });
    const report = await lib.ok('import.run', { path: fixture('golden/library.json') });
    expect(report.byType.articles).toMatchObject({ merged: 1 });
    expect(report.byType.speakers).toMatchObject({ merged: 1 });
    const quotes = await quotesOf(lib, own.id);
    expect(quotes.map((q) => [q.text, q.speakerName, q.anchorStatus])).toEqual([['We measured a [loss] of *12 metres* in one year', 'Jurgen Mueller', 'moved']]);
    expect((await lib.ok('articles.list', { contains: 'Glaciers', limit: 10 })).total).toBe(1);
    await expectAnchored(lib);
  });

  it('a record pointing at nothing (or at an item of another type) is skipped and reported; the rest comes in', async () => {
    const lib = library();
    const note = await lib.ok('notes.create', { title: 'mine', body: 'a note' });
    const doc = JSON.parse(read('golden/library.json'));
    doc.quotes[0].articleId = '00000000-0000-7000-8000-0000000000aa';
    doc.stances[0].topicId = note.id;
    doc.links.push({ ...doc.links[0], id: '00000000-0000-7000-8000-0000000000bb', fromId: '00000000-0000-7000-8000-0000000000cc' });
    doc.articles[3].id = note.id;
    const report = await lib.ok('import.run', { path: write('dangling.json', JSON.stringify(doc)) });
    expect(report.errors).toEqual(expect.arrayContaining([
      { field: 'articles.3', message: `id ${note.id} is a note in this library, not an article; skipped` },
      { field: 'quotes.0.articleId', message: 'refers to the article 00000000-0000-7000-8000-0000000000aa, which is neither in the file nor in the library; skipped' },
      { field: 'stances.0.topicId', message: `refers to the topic ${note.id}, which is neither in the file nor in the library; skipped` },
      { field: `links.${doc.links.length - 1}.fromId`, message: 'refers to the item 00000000-0000-7000-8000-0000000000cc, which is neither in the file nor in the library; skipped' },
    ]));
    expect(report.byType.articles).toEqual({ created: 4, merged: 0, skipped: 1 });
    expect((await counts(lib)).quotes).toBe(5);
    await expectAnchored(lib);
  });

  it('keeps ids, timestamps and trash state', async () => {
    const lib = library();
    await lib.ok('import.run', { path: fixture('golden/library.json') });
    const quote = await lib.ok('quotes.get', { id: '00000000-0000-7000-8000-000000000014' });
    expect(quote).toMatchObject({ speakerName: 'Ana Silva', createdAt: '2025-06-01T09:00:24.000Z', tags: ['promise'] });
    const trash = await lib.ok('trash.list', {});
    expect(trash.items.map((t) => [t.id, t.title])).toEqual([['00000000-0000-7000-8000-000000000012', 'Retracted story']]);
    await lib.ok('items.restore', { id: '00000000-0000-7000-8000-000000000012' });
    expect((await counts(lib)).articles).toBe(5);
  });
});

describe('Readwise CSV', () => {
  it('builds an article per book holding its highlights, each a quote exactly where it sits', async () => {
    const lib = library();
    const report = await lib.ok('import.run', { path: fixture('readwise.csv') });
    expect(report).toMatchObject({ format: 'readwise', created: 7, skipped: 1 });
    expect(report.byType).toMatchObject({ articles: { created: 2 }, quotes: { created: 5, skipped: 1 } });
    expect(report.errors).toEqual([{ line: 6, message: 'the row has no highlight text; skipped' }]);
    const [ice, streetcar] = await articles(lib);
    expect(streetcar).toMatchObject({ title: 'The Streetcar Question', authors: ['Lena Ortiz'], sourceKind: 'import', tags: ['urbanism'] });
    expect(ice).toMatchObject({ title: 'Notes on Ice', authors: ['Sami Virtanen', 'Ada Moss'] });
    // Reading order follows the Location column, not the row order.
    expect(streetcar!.text.split('\n\n')).toEqual([
      'The first line is always the most expensive one, because it pays for the depot.',
      'Cities that build light rail before the suburbs sprawl spend less on roads, not more.',
      '"We are not against trams," the council member said, "we are against this budget."',
    ]);
    const quotes = await quotesOf(lib, streetcar!.id);
    expect(quotes.map((q) => [q.kind, q.origin, q.tags])).toEqual([['highlight', 'import', ['costs']], ['highlight', 'import', ['cities', 'transport']], ['highlight', 'import', []]]);
    expect(quotes[2]!.note).toBe('Note with a comma, and a\nsecond line');
    expect(quotes[0]!.createdAt).toBe('2024-02-10T21:40:55.000Z');
    await expectAnchored(lib);

    const again = await lib.ok('import.run', { path: fixture('readwise.csv') });
    expect(again).toMatchObject({ created: 0, merged: 2 });
    expect(again.byType.quotes).toMatchObject({ created: 0, skipped: 6 });
  });

  it('reads the same with a byte-order mark and CRLF line ends', async () => {
    const plain = library();
    const windows = library();
    await plain.ok('import.run', { path: fixture('readwise.csv') });
    const file = write('readwise-windows.csv', `\uFEFF${read('readwise.csv').replace(/\n/g, '\r\n')}`);
    const report = await windows.ok('import.run', { path: file });
    expect(report).toMatchObject({ format: 'readwise', created: 7 });
    const a = await articles(plain);
    const b = await articles(windows);
    expect(b.map((x) => x.text)).toEqual(a.map((x) => x.text));
    // The quoted note keeps its line break as one \n either way.
    expect((await quotesOf(windows, b[1]!.id))[2]!.note).toBe('Note with a comma, and a\r\nsecond line'.replace('\r\n', '\r\n'));
  });

  it('a later export with one more highlight extends the same article', async () => {
    const lib = library();
    await lib.ok('import.run', { path: fixture('readwise.csv') });
    const more = `${read('readwise.csv')}Depots decide where the second line can go.,The Streetcar Question,Lena Ortiz,B0TESTBOOK1,,yellow,,location,2500,2024-02-13 09:00:00+00:00,urbanism\n`;
    const report = await lib.ok('import.run', { path: write('readwise-more.csv', more) });
    expect(report.byType.articles).toEqual({ created: 0, merged: 2, skipped: 0 });
    expect(report.byType.quotes).toMatchObject({ created: 1 });
    const streetcar = (await articles(lib)).find((a) => a.title === 'The Streetcar Question')!;
    expect(streetcar.text.endsWith('\n\nDepots decide where the second line can go.')).toBe(true);
    await expectAnchored(lib);
  });
});

describe('Hypothesis JSON', () => {
  it('makes a to-clip article per page with the quotes in their recorded context', async () => {
    const lib = library();
    const report = await lib.ok('import.run', { path: fixture('hypothesis.json') });
    expect(report).toMatchObject({ format: 'hypothesis' });
    expect(report.byType).toMatchObject({ articles: { created: 2 }, quotes: { created: 3 }, notes: { created: 1, skipped: 1 } });
    expect(report.errors).toEqual([{ field: 'rows[3]', message: 'a reply to another annotation; replies are not imported' }]);
    const [ice, tram] = await articles(lib);
    expect(tram).toMatchObject({ title: 'Tram budget doubles | Transit Weekly', url: 'https://transit.example.net/2024/05/tram-budget', tags: ['to-clip'] });
    // Ordered by their position on the page.
    expect(tram!.text).toBe(
      'the council\'s vote next month. Mayor Ana Silva defended the plan on Tuesday and said the depot was "non-negotiable".\n\n' +
        'According to the transport office, the line would cost 412 million euros, almost twice the first plan.',
    );
    const quotes = await quotesOf(lib, tram!.id);
    expect(quotes.map((q) => [q.text, q.note, q.tags])).toEqual([
      ['Mayor Ana Silva defended the plan on Tuesday', '', []],
      ['the line would cost 412 million euros', 'Compare with the **2019** estimate.', ['budget', 'trams']],
    ]);
    expect(quotes[1]).toMatchObject({ prefix: 'ording to the transport office, ', suffix: ', almost twice the first plan.', createdAt: '2024-05-02T10:11:12.345Z' });
    // Leading and trailing spaces of the exact text move into the context.
    expect(ice!.text).toBe('The survey shows that ice loss has accelerated since 2015 across all ranges.');
    expect((await quotesOf(lib, ice!.id))[0]!.text).toBe('ice loss has accelerated since 2015');
    const notes = await lib.ok('notes.list', { attachedId: tram!.id });
    expect(notes.items.map((n) => n.body)).toEqual(['Page note: follow the depot contract.\n\nTags: follow-up']);
    await expectAnchored(lib);

    expect(await lib.ok('import.run', { path: fixture('hypothesis.json') })).toMatchObject({ created: 0, merged: 2 });
  });

  it('clipping the page later replaces the stand-in text and re-anchors the quotes', async () => {
    const lib = library();
    await lib.ok('import.run', { path: fixture('hypothesis.json') });
    const tram = (await articles(lib)).find((a) => a.title.startsWith('Tram budget'))!;
    const page = `<html><head><title>Tram budget doubles</title></head><body><article><h1>Tram budget doubles</h1>
      <p>${'The city has argued about the tram for years. '.repeat(6)}</p>
      <p>Mayor Ana Silva defended the plan on Tuesday and said the depot was "non-negotiable". The vote is next month.</p>
      <p>According to the transport office, the line would cost 412 million euros, almost twice the first plan.</p></article></body></html>`;
    const clip = await lib.ok('articles.clip', { source: { kind: 'html', html: page, url: tram.url! } });
    expect(clip).toMatchObject({ id: tram.id, updated: true, version: 2 });
    // The page is in: the article no longer waits to be clipped.
    expect((await articles(lib)).find((a) => a.id === tram.id)!.tags).toEqual([]);
    const quotes = await quotesOf(lib, tram.id);
    expect(quotes.map((q) => q.anchorStatus)).toEqual(['moved', 'moved']);
    await expectAnchored(lib);
  });
});

describe('citations: CSL-JSON, BibTeX, RIS', () => {
  it('BibTeX: entries become to-clip articles with their metadata; a record without title or URL is reported', async () => {
    const lib = library();
    const report = await lib.ok('import.run', { path: fixture('citations.bib') });
    expect(report).toMatchObject({ format: 'bibtex', created: 3, skipped: 1 });
    expect(report.errors).toEqual([{ line: 34, message: 'the record has neither a title nor a URL; skipped' }]);
    const byTitle = Object.fromEntries((await articles(lib)).map((a) => [a.title, a]));
    expect(byTitle['The Streetcar Question: Why Cities Build Trams']).toMatchObject({
      authors: ['Lena Ortiz', 'Transit Research Group'], siteName: 'Urban Review', publishedAt: '2024-02-09', url: 'https://urbanreview.example.com/streetcar',
      tags: ['cities', 'to-clip', 'trams'], excerpt: 'A look at costs & benefits of light rail; 40% of riders are new.',
    });
    expect(byTitle['Gläciers and the été of 2023']).toMatchObject({ authors: ['Jürgen Müller', 'Ada Moss'], siteName: 'The Gazette Weekly', publishedAt: '2023-11' });
    expect(byTitle['Budget lines & depots']).toMatchObject({ url: 'https://doi.org/10.1234/cf.2022.7', siteName: 'City Finance', publishedAt: '2022-07', lang: 'en' });
    expect(byTitle['Budget lines & depots']!.text).toBe('Budget lines & depots\n\nTom Berg · City Finance · 2022-07\n\nNot clipped yet: clip this article from its URL to read it here.');
    expect(await lib.ok('import.run', { path: fixture('citations.bib') })).toMatchObject({ created: 0, merged: 3 });
  });

  it('RIS (CRLF, wrapped abstract) and CSL-JSON', async () => {
    const lib = library();
    expect(await lib.ok('import.run', { path: fixture('citations.ris') })).toMatchObject({ format: 'ris', created: 2, skipped: 0 });
    expect(await lib.ok('import.run', { path: fixture('citations.csl.json') })).toMatchObject({ format: 'csl-json', created: 2, skipped: 1 });
    const byTitle = Object.fromEntries((await articles(lib)).map((a) => [a.title, a]));
    expect(byTitle['Tram vote set for Friday']).toMatchObject({
      authors: ['Ana Silva', 'Tom Berg'], siteName: 'The Gazette', publishedAt: '2024-03-05', lang: 'en', tags: ['council', 'to-clip', 'trams'],
      excerpt: 'The council meets on Friday to vote on the tram line, which has been debated since 2019.',
    });
    expect(byTitle['Depot contract signed']).toMatchObject({ authors: ['Maria Lopez', 'Staff Reporter'], siteName: 'The Gazette', publishedAt: '2024-04-18', tags: ['depot', 'to-clip', 'trams'] });
    expect(byTitle['Light rail FAQ']).toMatchObject({ publishedAt: '2023-09', url: 'https://city.example.gov/light-rail-faq' });
  });

  it('our own BibTeX, RIS and CSL-JSON exports read back with the same metadata', async () => {
    const source = library();
    await source.ok('import.run', { path: fixture('golden/library.json') });
    const dir = scratch();
    const expected = (await articles(source)).map((a) => ({ title: a.title, authors: a.authors, siteName: a.siteName, url: a.url })).sort((x, y) => x.title.localeCompare(y.title) || String(x.url).localeCompare(String(y.url)));
    for (const format of ['bibtex', 'ris', 'csl-json'] as const) {
      const out = path.join(dir, `refs.${format}`);
      await source.ok('export.run', { format, out });
      const target = library();
      await target.ok('import.run', { path: out });
      const got = (await articles(target)).map((a) => ({ title: a.title, authors: a.authors, siteName: a.siteName, url: a.url })).sort((x, y) => x.title.localeCompare(y.title) || String(x.url).localeCompare(String(y.url)));
      expect(got, format).toEqual(expected);
    }
  });
});

describe('bad input: refused with the line or field, and nothing changes', () => {
  async function expectRefused(lib: TempLibrary, input: Record<string, unknown>, match: { line?: number; field?: string; message: RegExp; code?: string }) {
    const before = await counts(lib);
    const error = await lib.fail('import.run', input);
    expect(error.code).toBe(match.code ?? 'import/invalid');
    expect(error.message).toMatch(match.message);
    const first = (error.details?.errors as { line?: number; field?: string }[] | undefined)?.[0];
    if (match.line !== undefined) expect(first?.line).toBe(match.line);
    if (match.field !== undefined) expect(first?.field).toBe(match.field);
    expect(await counts(lib)).toEqual(before);
    return error;
  }

  it('truncated, malformed or mislabelled files', async () => {
    const lib = library();
    await lib.ok('import.run', { path: fixture('citations.ris') });
    const json = read('golden/library.json');
    await expectRefused(lib, { path: write('cut.json', json.slice(0, Math.floor(json.length / 2))) }, { message: /cut short|not valid JSON/ });
    await expectRefused(lib, { path: write('bad.json', '{\n  "format": "sourcebook-library",\n  "version": 1,\n  "articles": [}\n') }, { line: 4, message: /line 4: not valid JSON/ });
    await expectRefused(lib, { path: fixture('malformed.bib') }, { line: 8, message: /line 8: expected "," or "}" after the title field, found "u"/ });
    const bib = read('citations.bib');
    await expectRefused(lib, { path: write('cut.bib', bib.slice(0, bib.indexOf('urbanreview.example'))) }, { line: 9, message: /line 9: the value is not closed.*cut short/ });
    await expectRefused(lib, { path: write('cut.ris', read('citations.ris').replace(/ER {2}- \r\n$/, '')) }, { line: 16, message: /line 16: .*no "ER {2}- " line/ });
    await expectRefused(lib, { path: write('cut.csv', `${read('readwise.csv')}"an unclosed highlight,The Streetcar Question\n`) }, { line: 9, message: /not closed/ });
    await expectRefused(lib, { path: write('notes.txt', 'just some words\nnothing to see') }, { message: /Cannot tell what kind of file/ });
    await expectRefused(lib, { path: fixture('golden/library.json'), format: 'bibtex' }, { message: /looks like Sourcebook library JSON, not BibTeX/ });
    await expectRefused(lib, { path: fixture('readwise.csv'), format: 'ris' }, { message: /looks like Readwise CSV, not RIS/ });
    await expectRefused(lib, { path: write('empty.csv', '') }, { message: /is empty/ });
    await expectRefused(lib, { path: write('image.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])) }, { message: /binary file/ });
    await expectRefused(lib, { path: write('newer.json', JSON.stringify({ format: 'sourcebook-library', version: 2 })) }, { field: 'version', message: /newer Sourcebook/ });
    await expectRefused(lib, { path: path.join(scratch(), 'missing.json') }, { code: 'not-found', message: /No file at/ });
  });

  it('a record the schema forbids is named by its field', async () => {
    const lib = library();
    const doc = JSON.parse(read('golden/library.json'));
    doc.quotes[2].end = doc.quotes[2].start;
    const error = await expectRefused(lib, { path: write('bad-quote.json', JSON.stringify(doc)) }, { field: 'quotes.2.end', message: /quotes\.2\.end: end must be after start/ });
    expect(error.details?.errors).toHaveLength(1);
  });

  it('a failure in the middle of an import rolls the whole import back', async () => {
    const lib = library();
    await lib.ok('import.run', { path: fixture('readwise.csv') });
    const doc = JSON.parse(read('golden/library.json'));
    // Two live topics with one title: the second breaks the unique index after speakers and the first topic went in.
    doc.topics.push({ ...doc.topics[0], id: '00000000-0000-7000-8000-999999999999' });
    await expectRefused(lib, { path: write('dup-topic.json', JSON.stringify(doc)) }, { field: 'topics.3', message: /the library refused this record.*UNIQUE/ });
    expect((await lib.ok('speakers.list', {})).total).toBe(0);
  });

  it('a byte-order mark and CRLF line ends are fine in every format', async () => {
    const lib = library();
    for (const name of ['golden/library.json', 'citations.bib', 'citations.csl.json', 'hypothesis.json']) {
      const file = write(path.basename(name), `\uFEFF${read(name).replace(/\r?\n/g, '\r\n')}`);
      const report: ImportReport = await lib.ok('import.run', { path: file });
      expect(report.created, name).toBeGreaterThan(0);
    }
  });

  it('a file above the 100 MB limit is refused before it is read', async () => {
    const lib = library();
    const file = path.join(scratch(), 'huge.json');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 200 * 1024 * 1024);
    const started = Date.now();
    await expectRefused(lib, { path: file }, { message: /is 200 MB; imports are limited to 100 MB/ });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('uploaded content (browser mode) works like a file', async () => {
    const lib = library();
    const report = await lib.ok('import.run', { content: `\uFEFF${read('citations.ris')}`, fileName: 'refs.ris' });
    expect(report).toMatchObject({ format: 'ris', created: 2 });
    expect((await lib.fail('import.run', { content: 'x', path: '/tmp/x' })).code).toBe('validation');
  });
});
