import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { quoteBlockIds } from '../../../shared/notes/embed-syntax';
import { PROJECT_ROOT } from '../../../test/helpers/cli';
import { useTempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { makeNotesLibrary, memoBody, type NotesFixture } from '../../../test/fixtures/notes/make-notes-library';
import { exportNote, exportNotes } from './export';

const GOLDEN = path.join(PROJECT_ROOT, 'test', 'fixtures', 'notes', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/**
 * Ids are UUIDv7 (time and randomness), so each run's ids differ: they are replaced by names
 * before comparing (and so are the block ids derived from them). Everything else is fixed by the
 * stepping clock.
 */
function normalize(text: string, f: NotesFixture, noteIds: Record<string, string>, quoteSets: string[][] = [[f.q1.id, f.q2.id, f.q3.id]]): string {
  const quoteNames = new Map([[f.q1.id, 'q1'], [f.q2.id, 'q2'], [f.q3.id, 'q3']]);
  // Block ids are computed per document (as the export does), longest first so none is cut short.
  const blocks = quoteSets.flatMap((set) => [...quoteBlockIds(set)].map(([id, block]) => [block, `q-{${quoteNames.get(id)}}`] as const));
  blocks.sort((a, b) => b[0].length - a[0].length);
  const names: [string, string][] = [
    ...Object.entries(noteIds).map(([name, id]) => [id, `{${name}}`] as [string, string]),
    ...[...quoteNames].map(([id, name]) => [id, `{${name}}`] as [string, string]),
    [f.tram.id, '{tram}'], [f.blog.id, '{blog}'], [f.silva.id, '{silva}'], [f.topic.id, '{topic}'],
  ];
  let out = text;
  for (const [block, name] of blocks) out = out.split(block).join(name);
  for (const [id, name] of names) out = out.split(id).join(name);
  return out;
}

function expectGolden(actual: string, file: string): void {
  const target = path.join(GOLDEN, file);
  if (UPDATE || !fs.existsSync(target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, actual);
  }
  expect(actual).toBe(fs.readFileSync(target, 'utf8'));
}

async function setUp(lib: TempLibrary) {
  const f = await makeNotesLibrary(lib);
  const memo = await lib.ok('notes.create', { title: 'Tram briefing: who said what', body: memoBody(f) });
  await lib.ok('tags.add', { itemId: memo.id, tag: 'briefing' });
  await lib.ok('notes.topics.set', { id: memo.id, topicIds: [f.topic.id] });
  return { f, memo };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
/** word/document.xml, with the relationship ids docx draws at random replaced. */
const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']!).replace(/r:id="[^"]+"/g, 'r:id="{rel}"').replace(/></g, '>\n<');

describe('note export (fixed clock; golden files in test/fixtures/notes/golden)', () => {
  const lib = useTempLibrary();

  it('Markdown: embeds resolved, Obsidian block ids, front matter', async () => {
    const { f, memo } = await setUp(lib());
    const file = await exportNote(lib().app, memo.id, 'md');
    expect(file.fileName).toBe('Tram briefing who said what.md');
    const md = normalize(text(file.bytes), f, { memo: memo.id });
    expect(md).toContain('> “We will build the tram by 2030,”');
    expect(md).toContain('^q-{q1}');
    expect(md).toContain('`![[quote:{q1}]]`');
    expectGolden(md, 'memo.md');
  });

  it('Markdown with Chicago notes: footnotes and a bibliography', async () => {
    const { f, memo } = await setUp(lib());
    const md = normalize(text((await exportNote(lib().app.services, memo.id, 'md', { citationStyle: 'chicago-note' })).bytes), f, { memo: memo.id });
    expect(md).toContain('[^1]: Maria van der Berg and João Costa, “City Council Approves Tram Line,” *The Daily Post*, March 14, 2026, https://news.example.com/2026/03/tram.');
    expectGolden(md, 'memo.chicago-note.md');
  });

  it('Chicago notes in HTML and Word: a note per citation, a source’s later notes short', async () => {
    const { memo } = await setUp(lib());
    const full = 'Maria van der Berg and João Costa, “City Council Approves Tram Line,” The Daily Post, March 14, 2026, https://news.example.com/2026/03/tram.';
    const short = 'Van der Berg and Costa, “City Council Approves Tram Line.”';
    const glacier = '“Glacier Data, Explained,” Climate Notes, accessed January 1, 2026, https://blog.example.org/glaciers.';
    // The memo cites the tram article three times, then the glacier post.
    const html = text((await exportNote(lib().app, memo.id, 'html', { citationStyle: 'chicago-note' })).bytes);
    const notes = [...html.matchAll(/<li id="fn-(\d+)" value="(\d+)">(.*?) <a href="#fnref-(\d+)"/g)];
    expect(notes.map((m) => [m[1], m[2], m[4]])).toEqual([['1', '1', '1'], ['2', '2', '2'], ['3', '3', '3'], ['4', '4', '4']]);
    expect(notes.map((m) => m[3]!.replace(/<[^>]+>/g, ''))).toEqual([full, short, short, glacier]);
    // Each reference links to its own note, and back: no id is used twice.
    const refIds = [...html.matchAll(/id="(fnref-[^"]+)"/g)].map((m) => m[1]);
    expect(refIds).toEqual(['fnref-1', 'fnref-2', 'fnref-3', 'fnref-4']);

    const docx = unzipSync((await exportNote(lib().app, memo.id, 'docx', { citationStyle: 'chicago-note' })).bytes);
    const footnotes = strFromU8(docx['word/footnotes.xml']!);
    const texts = [...footnotes.matchAll(/<w:footnote [^>]*w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)]
      .filter((m) => Number(m[1]) > 0)
      .map((m) => [...m[2]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    expect(texts).toEqual([full, short, short, glacier]);
  });

  it('HTML: self-contained, no scripts, everything escaped', async () => {
    const { f, memo } = await setUp(lib());
    const html = normalize(text((await exportNote(lib().app, memo.id, 'html', { citationStyle: 'apa' })).bytes), f, { memo: memo.id });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/\s(src|href)="(?!https?:|#)/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('(van der Berg &amp; Costa, 2026)');
    expectGolden(html, 'memo.apa.html');
  });

  it('DOCX: a valid package whose document.xml matches the golden copy', async () => {
    const { f, memo } = await setUp(lib());
    const file = await exportNote(lib().app, memo.id, 'docx', { citationStyle: 'chicago-author-date' });
    expect(file.fileName).toBe('Tram briefing who said what.docx');
    const entries = unzipSync(file.bytes);
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml']));
    const xml = normalize(documentXml(file.bytes), f, { memo: memo.id });
    expect(xml).toContain('We will build the tram by 2030,');
    expect(xml).toContain('(van der Berg and Costa 2026)');
    // Obsidian block ids are for Markdown readers; a Word deliverable leaves them out.
    expect(xml).not.toMatch(/\^q-/);
    expectGolden(xml, 'memo.chicago-author-date.document.xml');
  });

  it('a collection of notes exports as one document, footnotes kept apart', async () => {
    const { f, memo } = await setUp(lib());
    const second = await lib().ok('notes.create', { title: 'Glaciers', body: `![[quote:${f.q3.id}]]\n\nAnd [[article:${f.tram.id}]].` });
    const c = await lib().ok('collections.create', { name: 'Briefing pack' });
    await lib().ok('collections.addItems', { collectionId: c.id, itemIds: [memo.id, second.id, f.tram.id] });
    const md = normalize(text((await exportNotes(lib().app, c.id, 'md', { citationStyle: 'chicago-note' })).bytes), f, { memo: memo.id, second: second.id }, [
      [f.q1.id, f.q2.id, f.q3.id],
      [f.q3.id],
    ]);
    expect(md.startsWith('# Briefing pack\n')).toBe(true);
    expect(md).toContain('[^1-1]:');
    expect(md).toContain('[^2-1]:');
    expectGolden(md, 'collection.chicago-note.md');
    expect(md).toContain('^q-{q3}');
    const docx = await exportNotes(lib().app, c.id, 'docx');
    expect(documentXml(docx.bytes)).toContain('Glaciers');
    expect(documentXml(docx.bytes)).not.toMatch(/\^q-/);
    const viaApi = await lib().ok('notes.export', { collectionId: c.id, format: 'html' });
    expect(Buffer.from(viaApi.base64, 'base64').toString('utf8')).toContain('<title>Briefing pack</title>');
    expect(viaApi.fileName).toBe('Briefing pack.html');
  });

  it('a trashed embed exports as a visible "missing" block', async () => {
    const { f, memo } = await setUp(lib());
    await lib().ok('items.trash', { id: f.q1.id });
    const md = text((await exportNote(lib().app, memo.id, 'md')).bytes);
    expect(md).toContain('**Missing quote: it is in the trash (“We will build the tram by 2030,”). Restore it in Sourcebook to include it here.**');
  });
});
