import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { expandBulkSources, extractFromSource, loadInput } from './load-input';

let dir: string;
let server: http.Server;
let base: string;

const ARTICLE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Moth survey results | Garden Notes</title>
<meta property="og:title" content="Moth survey results"><meta name="author" content="Ada Brook"></head><body>
<nav><a href="/">Home</a></nav><article><h1>Moth survey results</h1>
<p>Volunteers recorded 214 species of moth in village gardens this summer, twenty more than last year, in a survey run every July.</p>
<p>The most common was the large yellow underwing, found in almost every trap; the rarest a single scarce silver-lines seen near the wood.</p>
<p>Results will be shared with the county recorder and added to the national database in the autumn.</p></article></body></html>`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sourcebook-load-'));
  writeFileSync(join(dir, 'page.html'), ARTICLE);
  writeFileSync(join(dir, 'legacy.htm'), iconv.encode('<html><head><meta charset="koi8-r"><title>Т</title></head><body><p>Привет, мир! Это проверка кодировки.</p></body></html>', 'koi8-r'));
  writeFileSync(join(dir, 'note.md'), '---\ntitle: Field note\nauthor: Ada Brook\ndate: 2024-05-01\n---\n\n# Field note\n\nSaw **three** hares in the top field at dawn.\n\n- one by the gate\n- two near the hedge\n\n<script>alert(1)</script>\n');
  writeFileSync(join(dir, 'plain.txt'), 'A plain title\n\nFirst paragraph has <angle> brackets & ampersands,\nwrapped over two lines.\n\nSecond paragraph.\n');
  writeFileSync(join(dir, 'noext'), '<!doctype html><html><body><p>Sniffed as HTML because it starts like a page.</p></body></html>');
  writeFileSync(join(dir, 'image.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  writeFileSync(join(dir, 'doc.pdf'), '%PDF-1.4');
  writeFileSync(join(dir, 'big.html'), Buffer.alloc(4096, 'a'));
  writeFileSync(join(dir, 'urls.txt'), '# reading list\nhttps://a.example/one\n\nhttps://b.example/two  \n# done\nhttps://a.example/one\n');
  writeFileSync(join(dir, 'bad-urls.txt'), 'https://a.example/one\nnot a url\n');
  writeFileSync(
    join(dir, 'bookmarks.html'),
    `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n<DT><H3>Reading</H3>\n<DL><p>\n<DT><A HREF="https://news.example/a?x=1&amp;y=2" ADD_DATE="1700000000">A story</A>\n<DT><A HREF="javascript:void(0)">Bookmarklet</A>\n<DT><A HREF="place:sort=8">Recent</A>\n</DL><p>\n<DT><A HREF="https://blog.example/post">A post</A>\n</DL><p>\n`,
  );
  mkdirSync(join(dir, 'folder'));
  for (const f of ['b.html', 'a.md', 'c.txt', 'skip.pdf', '.hidden.html']) writeFileSync(join(dir, 'folder', f), 'x');

  server = http.createServer((req, res) => {
    if (req.url === '/article') return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(ARTICLE);
    if (req.url === '/notes.md') return res.writeHead(200, { 'Content-Type': 'text/markdown' }).end('# Remote note\n\nSome *markdown* text from the server.');
    if (req.url === '/plain') return res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Just text.\n\nTwo paragraphs.');
    if (req.url === '/styles.css') return res.writeHead(200, { 'Content-Type': 'image/png' }).end('x');
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((r) => server.close(() => r()));
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected failure');
}

describe('loadInput', () => {
  it('reads an HTML file and keeps its raw bytes', async () => {
    const input = await loadInput(join(dir, 'page.html'));
    expect(input.kind).toBe('html');
    expect(input.html).toBe(ARTICLE);
    expect(input.rawBytes.equals(Buffer.from(ARTICLE))).toBe(true);
    expect(input.contentType).toBe('text/html; charset=utf-8');
    expect(input.url).toBeNull();
  });

  it('resolves relative paths against cwd and decodes legacy encodings', async () => {
    const input = await loadInput('legacy.htm', { cwd: dir });
    expect(input.html).toContain('Привет, мир!');
    expect(input.contentType).toBe('text/html; charset=koi8-r');
  });

  it('renders Markdown with front matter, sanitized', async () => {
    const input = await loadInput(join(dir, 'note.md'));
    expect(input.kind).toBe('markdown');
    expect(input.html).toContain('<strong>three</strong>');
    expect(input.html).toContain('<li>one by the gate</li>');
    expect(input.html).toContain('<meta name="author" content="Ada Brook">');
    expect(input.html).not.toContain('<script');
    const { article } = await extractFromSource(join(dir, 'note.md'));
    expect(article.title).toBe('Field note');
    expect(article.authors).toEqual(['Ada Brook']);
    expect(article.publishedAt).toBe('2024-05-01');
    expect(article.text).toContain('Saw three hares in the top field at dawn.');
  });

  it('turns plain text into escaped paragraphs', async () => {
    const input = await loadInput(join(dir, 'plain.txt'));
    expect(input.kind).toBe('text');
    expect(input.html).toContain('<p>First paragraph has &lt;angle&gt; brackets &amp; ampersands, wrapped over two lines.</p>');
    const { article } = await extractFromSource(join(dir, 'plain.txt'));
    expect(article.title).toBe('A plain title');
    expect(article.text).toBe('First paragraph has <angle> brackets & ampersands, wrapped over two lines.\n\nSecond paragraph.');
  });

  it('sniffs files without an extension', async () => {
    expect((await loadInput(join(dir, 'noext'))).kind).toBe('html');
  });

  it('accepts pasted HTML, text and Markdown', async () => {
    const html = await loadInput({ html: '<p>pasted</p>', url: 'https://x.example/' });
    expect(html).toMatchObject({ kind: 'html', url: 'https://x.example/', contentType: 'text/html; charset=utf-8' });
    const text = await loadInput({ text: 'one\n\ntwo' });
    expect(text.kind).toBe('text');
    expect(text.rawBytes.toString()).toBe('one\n\ntwo');
    const md = await loadInput({ markdown: '*hi*' });
    expect(md.html).toContain('<em>hi</em>');
  });

  it('reads standard input for "-"', async () => {
    const input = await loadInput('-', { stdin: Readable.from([Buffer.from('<html><body>'), Buffer.from('<p>from stdin</p></body></html>')]) });
    expect(input.kind).toBe('html');
    expect(input.html).toContain('from stdin');
    const text = await loadInput('-', { stdin: Readable.from(['plain words']) });
    expect(text.kind).toBe('text');
    expect((await failure(loadInput('-', { stdin: Readable.from([]) }))).code).toBe('validation');
  });

  it('fetches URLs and lets the content type decide the kind', async () => {
    const opts = { allowPrivateAddresses: true, timeoutMs: 3000 };
    const page = await loadInput(`${base}/article`, opts);
    expect(page).toMatchObject({ kind: 'html', url: `${base}/article`, contentType: 'text/html; charset=utf-8' });
    expect((await loadInput(`${base}/notes.md`, opts)).kind).toBe('markdown');
    expect((await loadInput(`${base}/plain`, opts)).kind).toBe('text');
    expect((await failure(loadInput(`${base}/styles.css`, opts))).code).toBe('clip/unsupported');
    const { article, raw } = await extractFromSource(`${base}/article`, opts);
    expect(article.title).toBe('Moth survey results');
    expect(article.url).toBe(`${base}/article`);
    expect(raw.bytes.toString()).toBe(ARTICLE);
  });

  it('refuses private URLs unless allowed', async () => {
    const e = await failure(loadInput(`${base}/article`));
    expect(e.code).toBe('clip/fetch-failed');
  });

  it('fails clearly for missing, binary, unsupported and oversized files', async () => {
    const missing = await failure(loadInput(join(dir, 'nope.html')));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('nope.html');
    expect((await failure(loadInput(join(dir, 'image.html')))).code).toBe('clip/unsupported');
    const pdf = await failure(loadInput(join(dir, 'doc.pdf')));
    expect(pdf.code).toBe('clip/unsupported');
    expect(pdf.message).toContain('PDF');
    expect((await failure(loadInput(join(dir, 'big.html'), { maxBytes: 1024 }))).code).toBe('clip/too-large');
    expect((await failure(loadInput(join(dir, 'folder')))).code).toBe('validation');
    expect((await failure(loadInput('ftp://files.example/a.html'))).code).toBe('clip/unsupported');
    expect((await failure(loadInput('   '))).code).toBe('validation');
  });
});

describe('expandBulkSources', () => {
  it('lists the clippable files of a folder', async () => {
    const list = await expandBulkSources(join(dir, 'folder'));
    expect(list).toEqual(['a.md', 'b.html', 'c.txt'].map((f) => join(dir, 'folder', f)));
  });

  it('reads a URL list with comments and duplicates', async () => {
    expect(await expandBulkSources(join(dir, 'urls.txt'))).toEqual(['https://a.example/one', 'https://b.example/two']);
  });

  it('names the bad lines of a URL list', async () => {
    const e = await failure(expandBulkSources(join(dir, 'bad-urls.txt')));
    expect(e.code).toBe('validation');
    expect(e.message).toContain('line 2');
  });

  it('reads browser bookmark exports, skipping non-web bookmarks', async () => {
    expect(await expandBulkSources(join(dir, 'bookmarks.html'))).toEqual(['https://news.example/a?x=1&y=2', 'https://blog.example/post']);
  });

  it('treats an ordinary document as a single source', async () => {
    expect(await expandBulkSources(join(dir, 'plain.txt'))).toEqual([join(dir, 'plain.txt')]);
    expect(await expandBulkSources(join(dir, 'page.html'))).toEqual([join(dir, 'page.html')]);
  });

  it('reports a missing path', async () => {
    expect((await failure(expandBulkSources(join(dir, 'missing')))).code).toBe('not-found');
  });
});
