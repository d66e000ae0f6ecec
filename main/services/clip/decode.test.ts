import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeBytes, isValidUtf8, looksBinary, normalizeCharset, sniffMetaCharset } from './decode';

const page = (charsetTag: string, body: string) => `<!DOCTYPE html><html><head>${charsetTag}<title>t</title></head><body><p>${body}</p></body></html>`;

describe('decodeBytes', () => {
  it('honours a UTF-8 BOM over everything else', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('<meta charset="windows-1252">', 'Grüße'))]);
    const d = decodeBytes(bytes, { contentType: 'text/html; charset=iso-8859-1' });
    expect(d.source).toBe('bom');
    expect(d.text).toContain('Grüße');
    expect(d.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('decodes UTF-16 with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<p>Ünïcödé</p>', 'utf-16le')]);
    expect(decodeBytes(bytes).text).toBe('<p>Ünïcödé</p>');
  });

  it('uses the HTTP charset before the meta tag', () => {
    const bytes = iconv.encode(page('<meta charset="utf-8">', 'naïve café'), 'windows-1252');
    const d = decodeBytes(bytes, { contentType: 'text/html; charset="ISO-8859-1"' });
    expect(d.source).toBe('header');
    expect(d.charset).toBe('windows-1252');
    expect(d.text).toContain('naïve café');
  });

  it.each([
    ['windows-1252', '<meta charset="windows-1252">', 'Smart “quotes” – and € signs'],
    ['iso-8859-1 label (decoded as windows-1252)', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', 'Œuvre “née” — 50 €'],
    ['shift_jis', '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', '日本語のテキストです。カタカナも。'],
    ['gb2312 label (decoded as gb18030)', '<meta charset="gb2312">', '简体中文的新闻报道'],
    ['gbk', '<meta charset="GBK">', '图书馆开放时间'],
    ['euc-kr', '<meta charset="euc-kr">', '한국어 문서입니다'],
    ['koi8-r', '<meta charset="koi8-r">', 'Русский текст в кодировке КОИ-8'],
    ['windows-1251', '<meta charset="windows-1251">', 'Українська мова: ґ, є, ї'],
  ])('reads %s from the meta tag', (_label, tag, text) => {
    const declared = /charset=["']?([\w-]+)/i.exec(tag)![1]!;
    // Encode as a real server would: with the decoder browsers use for the label.
    const encodeWith = { gb2312: 'gb18030', gbk: 'gb18030', 'iso-8859-1': 'windows-1252' }[declared.toLowerCase()] ?? declared;
    const bytes = iconv.encode(page(tag, text), encodeWith);
    const d = decodeBytes(bytes);
    expect(d.source).toBe('meta');
    expect(d.text).toContain(text);
  });

  it('finds a meta charset after 1 KB of preamble (up to 4 KB)', () => {
    const preamble = `<!-- ${'x'.repeat(1500)} -->` + `<style>${'.a{color:red}'.repeat(100)}</style>`;
    const html = `<html><head>${preamble}<meta charset="windows-1251"></head><body>Привет</body></html>`;
    const d = decodeBytes(iconv.encode(html, 'windows-1251'));
    expect(d.source).toBe('meta');
    expect(d.text).toContain('Привет');
  });

  it('ignores a charset inside a comment', () => {
    const html = '<html><head><!-- <meta charset="koi8-r"> --><meta charset="utf-8"></head><body>é</body></html>';
    expect(decodeBytes(Buffer.from(html)).charset).toBe('utf-8');
  });

  it('treats undeclared valid UTF-8 as UTF-8', () => {
    const d = decodeBytes(Buffer.from('<p>Zürich — 東京 — Київ</p>'));
    expect(d.source).toBe('utf8-valid');
    expect(d.text).toBe('<p>Zürich — 東京 — Київ</p>');
  });

  it('falls back to windows-1252 for undeclared bytes that are not UTF-8', () => {
    const d = decodeBytes(iconv.encode('<p>Café “au lait”</p>', 'windows-1252'));
    expect(d.source).toBe('default');
    expect(d.text).toBe('<p>Café “au lait”</p>');
  });

  it('trusts valid UTF-8 bytes over a stale legacy meta tag', () => {
    const d = decodeBytes(Buffer.from(page('<meta charset="iso-8859-1">', 'déjà vu')));
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain('déjà vu');
  });

  it('accepts UTF-8 cut in the middle of a character', () => {
    const full = Buffer.from('<p>日本</p>');
    const cut = full.subarray(0, full.indexOf(Buffer.from('本')) + 1);
    expect(isValidUtf8(cut)).toBe(true);
    expect(decodeBytes(cut).charset).toBe('utf-8');
  });

  it('treats UTF-16 declared in a meta tag as UTF-8 (as browsers do)', () => {
    expect(normalizeCharset('utf-16')).toBe('utf-8');
  });
});

describe('charset helpers', () => {
  it('parses Content-Type charsets', () => {
    expect(charsetFromContentType('text/html; charset=UTF-8')).toBe('UTF-8');
    expect(charsetFromContentType('text/html;charset="Shift_JIS"')).toBe('Shift_JIS');
    expect(charsetFromContentType('text/html')).toBeNull();
    expect(charsetFromContentType(null)).toBeNull();
  });

  it('normalizes labels the WHATWG way and rejects unknown ones', () => {
    expect(normalizeCharset('latin1')).toBe('windows-1252');
    expect(normalizeCharset('x-sjis')).toBe('cp932');
    expect(normalizeCharset('GB2312')).toBe('gb18030');
    expect(normalizeCharset('ks_c_5601-1987')).toBe('cp949');
    expect(normalizeCharset('KOI8-R')).toBe('koi8-r');
    expect(normalizeCharset('no-such-charset')).toBeNull();
  });

  it('sniffs http-equiv and XML declarations', () => {
    expect(sniffMetaCharset(Buffer.from('<meta http-equiv="content-type" content="text/html; charset=euc-jp">'))).toBe('euc-jp');
    expect(sniffMetaCharset(Buffer.from('<?xml version="1.0" encoding="ISO-8859-2"?><html>'))).toBe('ISO-8859-2');
    expect(sniffMetaCharset(Buffer.from('<html><head><title>x</title></head>'))).toBeNull();
  });
});

describe('looksBinary', () => {
  it('flags file signatures, NUL bytes and control-byte noise', () => {
    expect(looksBinary(Buffer.from('%PDF-1.4\n...'))).toBe(true);
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe(true);
    expect(looksBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBe(true);
    expect(looksBinary(Buffer.from('<html>\u0000</html>'))).toBe(true);
    expect(looksBinary(Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))))).toBe(true);
  });

  it('passes text in any encoding', () => {
    expect(looksBinary(Buffer.from('<p>plain</p>\n\ttabbed\r\n'))).toBe(false);
    expect(looksBinary(iconv.encode('日本語のテキスト', 'shift_jis'))).toBe(false);
    expect(looksBinary(iconv.encode('Русский', 'koi8-r'))).toBe(false);
    expect(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<p>x</p>', 'utf-16le')]))).toBe(false);
    expect(looksBinary(Buffer.alloc(0))).toBe(false);
  });
});
