// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { bookmarkUrls, decodeHtmlBytes, fileKindOf, isSingleUrl, normalizeUrl, parseUrlList, sniffHtmlCharset, urlsFromListFile } from './clip-sources';

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('normalizeUrl', () => {
  it('accepts http(s) URLs and reads a bare domain as https', () => {
    expect(normalizeUrl(' https://example.com/a?b=1 ')).toBe('https://example.com/a?b=1');
    expect(normalizeUrl('example.com/news/1')).toBe('https://example.com/news/1');
    expect(normalizeUrl('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/x');
  });
  it('refuses other schemes, spaces and words', () => {
    expect(normalizeUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeUrl('file:///etc/passwd')).toBeNull();
    expect(normalizeUrl('not a url')).toBeNull();
    expect(normalizeUrl('hello')).toBeNull();
    expect(normalizeUrl('')).toBeNull();
  });
  it('isSingleUrl wants exactly one absolute web address', () => {
    expect(isSingleUrl('https://example.com/a')).toBe(true);
    expect(isSingleUrl('https://example.com/a https://example.com/b')).toBe(false);
    expect(isSingleUrl('see https://example.com')).toBe(false);
    expect(isSingleUrl('example.com')).toBe(false);
  });
});

describe('URL lists and bookmarks', () => {
  it('parses one URL per line, skipping blanks, comments and repeats, and reports bad lines', () => {
    const list = parseUrlList('https://a.example/1\n\n# a comment\nhttps://a.example/1\nnonsense here\nb.example/2\r\n');
    expect(list.urls).toEqual(['https://a.example/1', 'https://b.example/2']);
    expect(list.invalid).toEqual(['nonsense here']);
    expect(list.duplicates).toBe(1);
  });
  it('reads the links of a Netscape bookmarks export, inertly and without non-web links', () => {
    const html = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
      <META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8"><TITLE>Bookmarks</TITLE>
      <DL><p><DT><H3>News</H3><DL><p>
        <DT><A HREF="https://news.example/a" ADD_DATE="1">A</A>
        <DT><A HREF="javascript:alert(1)">bad</A>
        <DT><A HREF="place:sort=8">places</A>
        <DT><A HREF="https://news.example/a">again</A>
        <DT><A HREF="http://old.example/b">B</A>
        <img src=x onerror="window.pwned=1">
      </DL></DL>`;
    expect(bookmarkUrls(html)).toEqual(['https://news.example/a', 'http://old.example/b']);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
    expect(urlsFromListFile('bookmarks.html', html).urls).toHaveLength(2);
    expect(urlsFromListFile('list.txt', 'https://x.example/1\nhttps://x.example/2').urls).toHaveLength(2);
  });
});

describe('file kinds and HTML charsets', () => {
  it('knows a file by its extension, then its type', () => {
    expect(fileKindOf({ name: 'Page.HTM', type: '' })).toBe('html');
    expect(fileKindOf({ name: 'notes.markdown', type: '' })).toBe('markdown');
    expect(fileKindOf({ name: 'notes', type: 'text/plain' })).toBe('text');
    expect(fileKindOf({ name: 'scan.pdf', type: 'application/pdf' })).toBeNull();
  });
  it('sniffs <meta charset> and the http-equiv form', () => {
    expect(sniffHtmlCharset(latin1('<html><head><meta charset="ISO-8859-1">'))).toBe('iso-8859-1');
    expect(sniffHtmlCharset(latin1('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'))).toBe('windows-1251');
    expect(sniffHtmlCharset(latin1('<p>no declaration</p>'))).toBeNull();
    expect(sniffHtmlCharset(Uint8Array.from([0xef, 0xbb, 0xbf, 0x3c]))).toBe('utf-8');
  });
  it('decodes a legacy page with its declared charset', () => {
    const bytes = latin1('<meta charset="iso-8859-1"><p>Caf\xe9 d\xe9j\xe0 vu</p>');
    expect(decodeHtmlBytes(bytes).html).toContain('Café déjà vu');
    const cyrillic = Uint8Array.from([...latin1('<meta charset="windows-1251"><p>'), 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, ...latin1('</p>')]);
    expect(decodeHtmlBytes(cyrillic).html).toContain('Привет');
  });
  it('reads undeclared bytes as UTF-8, and as windows-1252 when they are not valid UTF-8', () => {
    expect(decodeHtmlBytes(new TextEncoder().encode('<p>Café ✓</p>')).html).toContain('Café ✓');
    const legacy = decodeHtmlBytes(latin1('<p>Caf\xe9 \x93quoted\x94</p>'));
    expect(legacy.charset).toBe('windows-1252');
    // Chromium maps 0x93/0x94 to curly quotes; Node 20's TextDecoder (used by jsdom) reads
    // windows-1252 as Latin-1 there, so only the Latin-1 range is asserted.
    expect(legacy.html).toContain('Café');
  });
  it('treats a <meta> claiming UTF-16 in an ASCII file as UTF-8 (the HTML spec rule)', () => {
    expect(decodeHtmlBytes(new TextEncoder().encode('<meta charset="utf-16"><p>Café</p>')).html).toContain('Café');
  });
});
