import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import Papa from 'papaparse';
import YAML from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, tempLibrary, type TempLibrary } from '../../../test/helpers/temp-library';
import { textOfHtml } from '../html-text';
import { escapeBibtex } from './export-citations';
import { latexToText } from './import-citations';
import { articleHtml, foldSpace } from './import-plan';
import { mdEscape } from './export-markdown';
import type { ExportData } from './export-data';
import { writeHtmlReport } from './export-html';
import { writeQuotesCsv } from './export-csv';
import { MANIFEST_NAME } from './output';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/exchange/', import.meta.url));
const GOLDEN = path.join(FIXTURES, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FIXED_CLOCK = () => new Date('2026-02-01T12:00:00.000Z');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function goldenLibrary(): Promise<TempLibrary> {
  const lib = tempLibrary({ clock: FIXED_CLOCK });
  cleanups.push(lib.cleanup);
  const report = await lib.ok('import.run', { path: path.join(GOLDEN, 'library.json') });
  expect(report.errors).toEqual([]);
  return lib;
}

function outDir(): string {
  const t = tempDir('sourcebook-export-');
  cleanups.push(t.cleanup);
  return t.dir;
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** Compare a written file (or folder) with its golden copy; UPDATE_GOLDEN=1 rewrites the golden copy. */
function expectGolden(actual: string, golden: string): void {
  const target = path.join(GOLDEN, golden);
  if (fs.statSync(actual).isDirectory()) {
    if (UPDATE) {
      fs.rmSync(target, { recursive: true, force: true });
      fs.cpSync(actual, target, { recursive: true });
    }
    expect(listFiles(actual)).toEqual(listFiles(target));
    for (const rel of listFiles(actual)) expect(fs.readFileSync(path.join(actual, rel), 'utf8'), rel).toBe(fs.readFileSync(path.join(target, rel), 'utf8'));
    return;
  }
  if (UPDATE) fs.copyFileSync(actual, target);
  expect(fs.readFileSync(actual, 'utf8')).toBe(fs.readFileSync(target, 'utf8'));
}

describe('golden exports (fixed clock, fixed ids)', () => {
  it('Markdown: an Obsidian vault with front matter, block ids and wiki links', async () => {
    const lib = await goldenLibrary();
    const out = path.join(outDir(), 'vault');
    const result = await lib.ok('export.run', { format: 'md', out });
    expect(result.counts).toEqual({ articles: 4, quotes: 7, speakers: 4, topics: 3 });
    expectGolden(out, 'md');

    // Front matter is YAML that reads back to the article's own values.
    const note = fs.readFileSync(path.join(out, 'articles/tram-vote-yes-or-no-1.md'), 'utf8');
    const yaml = YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(note)![1]!) as Record<string, unknown>;
    expect(yaml).toMatchObject({
      id: '00000000-0000-7000-8000-000000000001', title: 'Tram vote: yes or no? #1', authors: ['Maria de la Cruz', 'Tom Berg'],
      site: 'The Gazette & Post', url: 'https://news.example.com/2025/tram-vote?ref=rss&x=1', published: '2025-05-30',
      tags: ['city-budget', 'trams'], collections: ['City | politics'],
    });
    // Every quote has its own block id, and every wiki link points at a file of the vault.
    const blockIds = note.match(/^\^q-[a-z0-9]+$/gm) ?? [];
    expect(blockIds).toHaveLength(4);
    expect(new Set(blockIds).size).toBe(4);
    const files = new Set(listFiles(out));
    for (const rel of files) {
      for (const m of fs.readFileSync(path.join(out, rel), 'utf8').matchAll(/\[\[([^|\]#\\]+)/g)) expect(files, `${rel} links ${m[1]}`).toContain(`${m[1]}.md`);
    }
    // Two articles with one title get two files.
    expect([...files].filter((f) => f.startsWith('articles/tram-vote'))).toHaveLength(2);
    // Quote text with Markdown syntax is escaped, not interpreted.
    expect(note).toContain('> \\=SUM(A1:A9) is what the finance office typed into the budget sheet');
    expect(note).toContain('> \\- 5 degrees was the forecast');
    expect(note).toContain('nobody \\#checked\\_it \\~ \\$5\\^2');
  });

  it('CSV: quotes.csv and stance-matrix.csv with BOM, CRLF, RFC 4180 quoting and formula guard', async () => {
    const lib = await goldenLibrary();
    const out = path.join(outDir(), 'csv');
    const result = await lib.ok('export.run', { format: 'csv', out });
    expect(result.files).toEqual(['quotes.csv', 'stance-matrix.csv']);
    expectGolden(out, 'csv');

    const raw = fs.readFileSync(path.join(out, 'quotes.csv'), 'utf8');
    expect(raw.startsWith('\uFEFFQuote,Speaker,')).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n(?=[^"]*$)/);
    const rows = Papa.parse<Record<string, string>>(raw.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const byQuote = (prefix: string) => rows.filter((r) => r.Quote!.replace(/^'/, '').startsWith(prefix));
    expect(byQuote('=SUM')[0]!.Quote).toBe("'=SUM(A1:A9) is what the finance office typed into the budget sheet");
    expect(byQuote('- 5 degrees')[0]!.Quote).toBe("'- 5 degrees was the forecast");
    // A quote with two stances has a row per topic.
    expect(byQuote('The budget does not add up').map((r) => [r.Stance, r.Topic])).toEqual([['opposes', 'Build the tram'], ['mixed', 'Raise taxes: yes/no']]);
    expect(byQuote('The tram is coming')[0]).toMatchObject({ Speaker: 'Ana Silva', Affiliation: 'City Hall', Role: 'Mayor', Outlet: 'The Gazette & Post', Tags: 'promise' });
    const matrix = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(out, 'stance-matrix.csv'), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(matrix.find((r) => r.Name === 'Ana Silva' && r.Topic === 'Build the tram')).toMatchObject({ Kind: 'speaker', Position: 'supports', 'Position set directly': 'yes', Supports: '2' });
  });

  it('BibTeX, RIS, CSL-JSON, Web Annotations and the HTML report', async () => {
    const lib = await goldenLibrary();
    const dir = outDir();
    for (const [format, name] of [['bibtex', 'library.bib'], ['ris', 'library.ris'], ['csl-json', 'library.csl.json'], ['annotations', 'annotations.jsonld'], ['html', 'report.html']] as const) {
      const out = path.join(dir, name);
      await lib.ok('export.run', { format, out });
      expectGolden(out, name);
    }
    const bib = fs.readFileSync(path.join(dir, 'library.bib'), 'utf8');
    expect(bib).toContain('@article{cruz2025tram,');
    expect(bib).toContain('title = {Tram vote: yes or no? \\#1}');
    expect(bib).toContain('journaltitle = {The Gazette \\& Post}');
    expect(bib).toContain('author = {de la Cruz, Maria and Berg, Tom}');
    const ris = fs.readFileSync(path.join(dir, 'library.ris'), 'utf8');
    expect(ris.split('\r\n').filter((l) => l.startsWith('TY  - '))).toEqual(['TY  - NEWS', 'TY  - NEWS', 'TY  - ELEC', 'TY  - ELEC']);
    expect(ris.split('\r\n').filter((l) => l === 'ER  - ')).toHaveLength(4);
    expect(ris.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

// ---------------------------------------------------------------- CSL-JSON schema

type Schema = {
  type?: string | string[]; enum?: unknown[]; required?: string[]; properties?: Record<string, Schema>; additionalProperties?: boolean | Schema;
  items?: Schema; minItems?: number; maxItems?: number; anyOf?: Schema[]; $ref?: string; definitions?: Record<string, Schema>;
};
/** A small JSON Schema validator (the keywords the CSL schema subset uses). Returns the problems found. */
function validate(schema: Schema, value: unknown, root: Schema = schema, at = '$'): string[] {
  if (schema.$ref) return validate(root.definitions![schema.$ref.replace('#/definitions/', '')]!, value, root, at);
  if (schema.anyOf) return schema.anyOf.some((s) => validate(s, value, root, at).length === 0) ? [] : [`${at}: matches no allowed form`];
  const problems: string[] = [];
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.includes(kind)) return [`${at}: is ${kind}, expected ${types.join('|')}`];
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not allowed`);
  if (kind === 'array') {
    const arr = value as unknown[];
    if (schema.minItems !== undefined && arr.length < schema.minItems) problems.push(`${at}: too few items`);
    if (schema.maxItems !== undefined && arr.length > schema.maxItems) problems.push(`${at}: too many items`);
    if (schema.items) arr.forEach((v, i) => problems.push(...validate(schema.items!, v, root, `${at}[${i}]`)));
  }
  if (kind === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) problems.push(`${at}: missing ${key}`);
    for (const [key, v] of Object.entries(obj)) {
      const sub = schema.properties?.[key];
      if (sub) problems.push(...validate(sub, v, root, `${at}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${at}: unknown variable ${key}`);
    }
  }
  return problems;
}

describe('CSL-JSON', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'csl-data.schema.json'), 'utf8')) as Schema;

  it('the validator catches what the schema forbids', () => {
    expect(validate(schema, [{ id: 'x', type: 'webpage', title: 'ok', issued: { 'date-parts': [[2025, 5, 30]] }, author: [{ family: 'A', given: 'B' }] }])).toEqual([]);
    expect(validate(schema, [{ id: 'x', type: 'web-page' }])).toEqual(['$[0].type: "web-page" is not allowed']);
    expect(validate(schema, [{ id: 'x', type: 'webpage', container_title: 'x' }])).toEqual(['$[0]: unknown variable container_title']);
    expect(validate(schema, [{ id: 'x', type: 'webpage', issued: '2025' }])).toEqual(['$[0].issued: matches no allowed form']);
    expect(validate(schema, [{ type: 'webpage', author: [{ name: 'x' }] }])).toEqual(['$[0]: missing id', '$[0].author[0]: matches no allowed form']);
  });

  it('every exported item is valid CSL-JSON with the expected variables', async () => {
    const lib = await goldenLibrary();
    const out = path.join(outDir(), 'refs.json');
    await lib.ok('export.run', { format: 'csl-json', out });
    const items = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>[];
    expect(validate(schema, items)).toEqual([]);
    expect(items.find((i) => i.title === 'Glaciers: "yes" – the data')).toEqual({
      id: '00000000-0000-7000-8000-000000000007', type: 'article-newspaper', title: 'Glaciers: "yes" – the data',
      author: [{ family: 'Müller', given: 'Jürgen' }], 'container-title': 'Science Desk', URL: 'https://science.example.org/glaciers',
      issued: { 'date-parts': [[2025, 4, 2]] }, accessed: { 'date-parts': [[2025, 6, 1]] },
      abstract: expect.stringContaining('Glaciers are shrinking'), keyword: 'climate',
    });
    expect(items.find((i) => i.title === '東京の交通')).toMatchObject({ type: 'webpage', language: 'ja' });
  });
});

// ---------------------------------------------------------------- escaping

describe('escaping', () => {
  it('BibTeX: every special character survives a write and a read', () => {
    expect(escapeBibtex('50% & {x} $5 #1 a_b ^ ~ \\ --')).toBe('50\\% \\& \\{x\\} \\$5 \\#1 a\\_b \\^{} \\~{} \\textbackslash{} -{}-');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        expect(latexToText(escapeBibtex(s))).toBe(s.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 500 },
    );
    expect(latexToText('M{\\"u}ller \\c{c}a \\\'{e}t\\\'e \\ss{} \\emph{big} {\\v Z}i\\v{z}ek 1990--2000')).toBe('Müller ça été ß big Žižek 1990–2000');
  });

  it('Markdown: escaped text renders as the same words (no heading, list, link, tag or formula)', () => {
    expect(mdEscape('# not a heading')).toBe('\\# not a heading');
    expect(mdEscape('- not a list\n1. nor this')).toBe('\\- not a list\n1\\. nor this');
    expect(mdEscape('[[link]] ==mark== %%c%% $x$ <b> a|b *em* _u_ ^id')).toBe('\\[\\[link\\]\\] \\=\\=mark\\=\\= \\%\\%c\\%\\% \\$x\\$ \\<b\\> a\\|b \\*em\\* \\_u\\_ \\^id');
  });

  it('YAML front matter: look-alike values stay the strings they are', async () => {
    const lib = tempLibrary({ clock: FIXED_CLOCK });
    cleanups.push(lib.cleanup);
    const tricky = { title: 'null', siteName: '@at: "x" #y \u2028 z\u0085', authors: ['yes', '~', '- a', "it's: 1"], publishedAt: '2024-01-05' };
    await lib.ok('articles.create', { ...tricky, text: 'Some text for the tricky article.', tags: ['#hash tag'] });
    const out = path.join(outDir(), 'vault');
    const result = await lib.ok('export.run', { format: 'md', out });
    const note = fs.readFileSync(path.join(out, result.files.find((f) => f.startsWith('articles/'))!), 'utf8');
    const yaml = YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(note)![1]!) as Record<string, unknown>;
    expect(yaml).toMatchObject({ title: 'null', site: tricky.siteName, authors: tricky.authors, published: '2024-01-05', tags: ['hash-tag'] });
  });

  it('HTML report: library text is escaped, scripts and remote loads are impossible', async () => {
    const lib = tempLibrary({ clock: FIXED_CLOCK });
    cleanups.push(lib.cleanup);
    const a = await lib.ok('articles.create', { title: '<script>alert(1)</script> & "x"', text: 'Body <img src=x onerror=alert(1)> said the <b>mayor</b>.', url: 'https://x.example/a?b=1&c=2' });
    await lib.ok('quotes.create', { articleId: a.id, text: 'said the', speaker: '<i>Eve</i>' });
    const out = path.join(outDir(), 'r.html');
    await lib.ok('export.run', { format: 'html', out });
    const html = fs.readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|src=|@import|url\(/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(html).toContain('&lt;i&gt;Eve&lt;/i&gt;');
    expect(html).toContain('href="https://x.example/a?b=1&amp;c=2"');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('imported stand-in articles store HTML whose text is exactly the text quotes point into', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { minLength: 1, maxLength: 5 }), (raw) => {
        const paragraphs = raw.map(foldSpace).filter(Boolean);
        fc.pre(paragraphs.length > 0);
        expect(textOfHtml(articleHtml(paragraphs))).toBe(paragraphs.join('\n\n'));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------- where exports go

describe('export targets', () => {
  it('a one-file export refuses an existing file unless forced, and writes atomically', async () => {
    const lib = await goldenLibrary();
    const dir = outDir();
    const out = path.join(dir, 'lib.json');
    fs.writeFileSync(out, 'keep me');
    const conflict = await lib.fail('export.run', { format: 'json', out });
    expect(conflict.code).toBe('conflict');
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    await lib.ok('export.run', { format: 'json', out, force: true });
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).format).toBe('sourcebook-library');
    expect(fs.readdirSync(dir)).toEqual(['lib.json']);
    expect((await lib.fail('export.run', { format: 'html', out: dir })).code).toBe('conflict');
  });

  it('an unwritable place is io/failed with a clear message, and nothing is left behind', async () => {
    const lib = await goldenLibrary();
    const dir = outDir();
    fs.writeFileSync(path.join(dir, 'a-file'), '');
    const underFile = await lib.fail('export.run', { format: 'bibtex', out: path.join(dir, 'a-file', 'refs.bib') });
    expect(underFile).toMatchObject({ code: 'io/failed' });
    expect(underFile.message).toMatch(/does not exist/);
    const missing = await lib.fail('export.run', { format: 'md', out: path.join(dir, 'no', 'such', 'vault') });
    expect(missing.code).toBe('io/failed');
    // /proc refuses new files even to root.
    const proc = await lib.fail('export.run', { format: 'ris', out: '/proc/sourcebook-test.ris' });
    expect(proc.code).toBe('io/failed');
    expect(proc.message).toMatch(/Could not write \/proc\/sourcebook-test\.ris/);
    expect(fs.readdirSync(dir)).toEqual(['a-file']);
  });

  it('a folder export refuses a foreign non-empty folder, and re-exports into its own folder in place', async () => {
    const lib = await goldenLibrary();
    const dir = outDir();
    const foreign = path.join(dir, 'notes');
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'mine.md'), 'my own note');
    expect((await lib.fail('export.run', { format: 'md', out: foreign })).code).toBe('conflict');
    await lib.ok('export.run', { format: 'md', out: foreign, force: true });
    expect(fs.readFileSync(path.join(foreign, 'mine.md'), 'utf8')).toBe('my own note');

    const vault = path.join(dir, 'vault');
    const first = await lib.ok('export.run', { format: 'md', out: vault });
    const before = listFiles(vault);
    expect(before).toContain(MANIFEST_NAME);
    // A retitled article keeps its file; a trashed one's file goes; nothing is duplicated.
    await lib.ok('articles.update', { id: '00000000-0000-7000-8000-000000000007', title: 'Glaciers, retitled' });
    await lib.ok('items.trash', { id: '00000000-0000-7000-8000-000000000013' });
    const second = await lib.ok('export.run', { format: 'md', out: vault });
    const after = listFiles(vault);
    expect(second.removed.length).toBe(1);
    expect(after).toEqual(before.filter((f) => !second.removed.includes(f)));
    expect(first.files).toEqual(expect.arrayContaining(second.files));
    const glaciers = first.files.find((f) => f.startsWith('articles/glaciers'))!;
    expect(fs.readFileSync(path.join(vault, glaciers), 'utf8')).toContain('title: "Glaciers, retitled"');
    // A csv export may not reuse the md folder.
    expect((await lib.fail('export.run', { format: 'csv', out: vault })).code).toBe('conflict');
  });

  it('a manifest cannot make an export write or delete outside its folder', async () => {
    const lib = await goldenLibrary();
    const dir = outDir();
    const vault = path.join(dir, 'vault');
    await lib.ok('export.run', { format: 'md', out: vault });
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'do not touch');
    const manifest = JSON.parse(fs.readFileSync(path.join(vault, MANIFEST_NAME), 'utf8'));
    manifest.files.push('../victim.txt', '/etc/passwd');
    manifest.names['00000000-0000-7000-8000-000000000001'] = '../../escape.md';
    fs.writeFileSync(path.join(vault, MANIFEST_NAME), JSON.stringify(manifest));
    await lib.ok('export.run', { format: 'md', out: vault });
    expect(fs.readFileSync(victim, 'utf8')).toBe('do not touch');
    expect(fs.existsSync(path.join(dir, '..', 'escape.md'))).toBe(false);
    expect(listFiles(vault).every((f) => !f.includes('..'))).toBe(true);
  });

  it('scopes: a collection, a topic, chosen articles; unknown ones are not-found; two scopes are a validation error', async () => {
    const lib = await goldenLibrary();
    const dir = outDir();
    const byCollection = await lib.ok('export.run', { format: 'csl-json', out: path.join(dir, 'c.json'), collection: 'climate' });
    expect(byCollection.scope).toMatchObject({ kind: 'collection', label: 'Climate' });
    expect(byCollection.counts).toMatchObject({ articles: 1, quotes: 1 });
    // The citation formats count the quotes without loading them (export-data.ts, articlesOnly): the same counts.
    for (const scope of [{}, { collection: 'climate' }, { topic: 'Build the tram' }]) {
      const [html, bibtex] = await Promise.all([
        lib.ok('export.run', { format: 'html', out: path.join(dir, `${Object.keys(scope).join()}-r.html`), ...scope }),
        lib.ok('export.run', { format: 'bibtex', out: path.join(dir, `${Object.keys(scope).join()}-r.bib`), ...scope }),
      ]);
      expect(bibtex.counts, JSON.stringify(scope)).toEqual(html.counts);
    }
    const byTopic = await lib.ok('export.run', { format: 'csv', out: path.join(dir, 't'), topic: 'BUILD THE TRAM' });
    expect(byTopic.counts).toMatchObject({ articles: 2, quotes: 4, topics: 1 });
    const byId = await lib.ok('export.run', { format: 'ris', out: path.join(dir, 'a.ris'), articleIds: ['00000000-0000-7000-8000-000000000007'] });
    expect(byId.counts.articles).toBe(1);
    const scopedJson = await lib.ok('export.run', { format: 'json', out: path.join(dir, 'c-lib.json'), collection: 'Climate' });
    expect(scopedJson.counts).toMatchObject({ articles: 1, quotes: 1, speakers: 1, topics: 1 });
    expect((await lib.fail('export.run', { format: 'md', out: path.join(dir, 'x'), collection: 'Nope' })).code).toBe('not-found');
    expect((await lib.fail('export.run', { format: 'md', out: path.join(dir, 'y'), collection: 'Climate', topic: 'Build the tram' })).code).toBe('validation');
    expect((await lib.fail('export.run', { format: 'odt', out: path.join(dir, 'z') })).code).toBe('validation');
  });
});

describe('the HTML report at scale', () => {
  it('writes a group of 200,000 quotes (a spread of that many into one call overflowed the stack) piece by piece, each piece whole lines', () => {
    const article = { id: 'a1', title: 'Harbour ledger', url: null, canonicalUrl: null, siteName: 'Port Weekly', authors: [], publishedAt: '2026-02-01', clippedAt: '2026-02-01' };
    const quotes = Array.from({ length: 200_000 }, (_, i) => ({
      id: `q${i}`, articleId: 'a1', articleTitle: 'Harbour ledger', text: `Dues went up ${i} times.`, note: '', speakerId: null, saidAt: null, start: i, end: i + 1,
    }));
    const data = {
      scope: { kind: 'library', id: null, label: 'Library' }, exportedAt: '2026-03-01T00:00:00.000Z', articles: [article], articleText: () => '',
      quotesByArticle: new Map([['a1', quotes]]), speakers: [], topics: [], stancesBySubject: new Map(), matrices: [], collectionsOf: new Map(),
      counts: { articles: 1, quotes: quotes.length, speakers: 0, topics: 0 },
    } as unknown as ExportData;
    const pieces = { all: 0, unended: 0, blockquotes: 0 };
    writeHtmlReport(data, (piece) => {
      pieces.all++;
      if (!piece.endsWith('\n')) pieces.unended++;
      if (piece.startsWith('<blockquote>')) pieces.blockquotes++;
    });
    expect(pieces).toMatchObject({ unended: 0, blockquotes: 200_000 });
    expect(pieces.all).toBeGreaterThan(200_000);
  });
});

describe('the CSV export at scale', () => {
  it('writes quotes.csv in pieces that join into one valid file (one byte-order mark, every row whole)', () => {
    const quotes = Array.from({ length: 4_500 }, (_, i) => ({
      id: `q${i}`, articleId: 'a1', articleTitle: 'Harbour ledger', text: i % 7 ? `Dues rose ${i} times, "again".` : `=SUM(${i})`, note: '',
      speakerId: null, speakerName: null, speakerRole: null, saidAt: null, tags: [], start: i, end: i + 1,
    }));
    const data = {
      articles: [{ id: 'a1', title: 'Harbour ledger', url: null, canonicalUrl: null, siteName: 'Port Weekly', authors: [] }],
      quotesByArticle: new Map([['a1', quotes]]), speakers: [], stancesBySubject: new Map(),
    } as unknown as ExportData;
    const pieces: string[] = [];
    writeQuotesCsv(data, (piece) => pieces.push(piece));
    expect(pieces.length).toBeGreaterThan(3);
    const text = pieces.join('');
    expect(text.startsWith('\uFEFF') && !text.slice(1).includes('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1, -2), { newline: '\r\n' }).data;
    expect(rows).toHaveLength(4_501);
    expect(rows.every((r) => r.length === 13)).toBe(true);
    expect(rows.slice(1).map((r) => r[11])).toEqual(quotes.map((q) => q.id));
    // Across the pieces' seams too: each text as written, a formula defused with a leading '.
    expect(rows.slice(1).map((r) => r[0])).toEqual(quotes.map((q) => (q.text.startsWith('=') ? `'${q.text}` : q.text)));
  });
});

describe('export progress', () => {
  it('says its start, percent steps that only go up (reading, then writing), and its end', async () => {
    const lib = await goldenLibrary();
    for (const format of ['md', 'json', 'html'] as const) {
      const events: { done: number; total: number; message?: string }[] = [];
      const result = await lib.app.dispatch('export.run', { format, out: path.join(outDir(), `progress-${format}${format === 'md' ? '' : `.${format}`}`) }, { onProgress: (e) => events.push(e) });
      expect(result.ok, format).toBe(true);
      expect([events[0], events.at(-1)].map((e) => [e!.done, e!.total]), format).toEqual([[0, 1], [1, 1]]);
      const steps = events.slice(1, -1);
      expect(steps.length, format).toBeGreaterThan(0);
      expect(steps.every((e, i) => e.total === 100 && e.done < 100 && (i === 0 || e.done >= steps[i - 1]!.done)), format).toBe(true);
      expect(steps[0]!.message, format).toMatch(format === 'json' ? /^Exporting Library/ : /^Reading Library/);
    }
  });
});
