/**
 * Bytes -> string for clipped pages and files.
 *
 * Order of evidence (the HTML spec's sniffing order, with two practical changes):
 *   1. a byte-order mark,
 *   2. the charset of the HTTP Content-Type,
 *   3. `<meta charset>` / `<meta http-equiv="Content-Type">` in the first 4 KB — the spec scans only
 *      1024 bytes, but real pages put long comment banners, inline styles and tracking snippets
 *      before their meta tag, and a wrong guess garbles the whole article,
 *   4. a heuristic: bytes that are valid UTF-8 are UTF-8 (legacy encodings almost never produce
 *      valid multi-byte UTF-8 by accident), anything else is windows-1252 (what browsers assume for
 *      undeclared Western pages).
 * Decoding itself is iconv-lite, which covers the legacy Asian and Cyrillic tables Node lacks.
 */
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'meta' | 'utf8-valid' | 'default';

export interface DecodedText {
  text: string;
  /** The iconv-lite name that decoded the bytes, e.g. "utf-8", "windows-1252", "shift_jis". */
  charset: string;
  source: CharsetSource;
}

export interface DecodeOptions {
  /** The HTTP Content-Type header (or a file's guessed type), whose charset wins over the page. */
  contentType?: string | null;
  /** Look for `<meta charset>`; true by default, off for plain text and Markdown. */
  sniffMeta?: boolean;
}

/**
 * Encoding labels as pages write them -> the decoder browsers actually use (WHATWG Encoding
 * Standard): "iso-8859-1" and "ascii" mean windows-1252, "gb2312"/"gbk" mean gb18030, "shift_jis"
 * means Microsoft's cp932 superset, "euc-kr" means cp949. UTF-16 declared inside the document is
 * impossible (the meta tag itself would not be readable), so it means UTF-8.
 */
const LABEL_ALIASES: Record<string, string> = {
  'utf8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'us-ascii': 'windows-1252',
  'ascii': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  'latin1': 'windows-1252',
  'l1': 'windows-1252',
  'cp1252': 'windows-1252',
  'x-cp1252': 'windows-1252',
  'cp1251': 'windows-1251',
  'x-cp1251': 'windows-1251',
  'gb2312': 'gb18030',
  'gbk': 'gb18030',
  'x-gbk': 'gb18030',
  'cp936': 'gb18030',
  'chinese': 'gb18030',
  'csgb2312': 'gb18030',
  'shift_jis': 'cp932',
  'shift-jis': 'cp932',
  'sjis': 'cp932',
  'x-sjis': 'cp932',
  'ms_kanji': 'cp932',
  'ms932': 'cp932',
  'windows-31j': 'cp932',
  'csshiftjis': 'cp932',
  'euc-kr': 'cp949',
  'ks_c_5601-1987': 'cp949',
  'windows-949': 'cp949',
  'x-euc-jp': 'euc-jp',
  'koi8': 'koi8-r',
  'cskoi8r': 'koi8-r',
  'koi': 'koi8-r',
  'big5-hkscs': 'big5hkscs',
  'x-x-big5': 'big5',
};

/** The name iconv-lite should use for a declared label, or null when it is unknown. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (l === '') return null;
  if (l.startsWith('utf-16') || l === 'unicode' || l === 'ucs-2') return 'utf-8';
  const name = LABEL_ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return m ? m[2]! : null;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { charset: 'utf-8', length: 3 };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

const META_SCAN_BYTES = 4096;

/**
 * The charset a page declares in a meta tag near its start. The bytes are read as latin1 so every
 * ASCII-compatible encoding yields the same tag text; comments are skipped because pages ship
 * commented-out templates with other charsets in them.
 */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_SCAN_BYTES))
    .toString('latin1')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const metaRe = /<meta\b([^>]*)>/gi;
  let m: RegExpExecArray | null;
  while ((m = metaRe.exec(head)) !== null) {
    const attrs = m[1]!;
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(attrs);
    if (direct && !/\bcontent\s*=/i.test(attrs.slice(0, direct.index))) return direct[1]!;
    if (/http-equiv\s*=\s*["']?\s*content-type/i.test(attrs)) {
      const content = /\bcontent\s*=\s*(["'])([^"']*)\1/i.exec(attrs) ?? /\bcontent\s*=\s*([^\s>]+)/i.exec(attrs);
      const value = content ? content[content.length - 1]! : '';
      const cs = charsetFromContentType(value.includes(';') ? value : `x;${value}`);
      if (cs) return cs;
    }
    if (direct) return direct[1]!;
  }
  // XHTML served as a file: <?xml version="1.0" encoding="...">
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return xml ? xml[1]! : null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether the bytes are valid UTF-8. A multi-byte sequence cut off at the very end still counts as
 * valid: capped downloads and truncated files end mid-character.
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Drop at most one incomplete trailing sequence (lead byte + up to two continuation bytes).
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte, keep looking for the lead
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (need > back) end -= back;
    }
    break;
  }
  try {
    strictUtf8.decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Decode page or file bytes to a string (see the module comment for the order of evidence). */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomCharset(buf);
  if (bom) return { text: iconv.decode(buf.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };

  const fromHeader = normalizeCharset(charsetFromContentType(options.contentType));
  if (fromHeader) return { text: iconv.decode(buf, fromHeader), charset: fromHeader, source: 'header' };

  if (options.sniffMeta !== false) {
    const fromMeta = normalizeCharset(sniffMetaCharset(buf));
    // A page that declares a legacy charset but is valid UTF-8 with non-ASCII bytes was re-saved by
    // an editor that kept the old meta tag; browsers get this wrong, but the UTF-8 reading is the
    // only one that produces real text, so trust the bytes over the tag.
    if (fromMeta && !(fromMeta !== 'utf-8' && hasNonAscii(buf) && isValidUtf8(buf))) {
      return { text: iconv.decode(buf, fromMeta), charset: fromMeta, source: 'meta' };
    }
  }

  if (isValidUtf8(buf)) return { text: buf.toString('utf8'), charset: 'utf-8', source: 'utf8-valid' };
  return { text: iconv.decode(buf, 'windows-1252'), charset: 'windows-1252', source: 'default' };
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** File signatures of formats that are never text, however they are labelled. */
const MAGIC: readonly (readonly number[])[] = [
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0xff, 0xd8, 0xff], // JPEG
  [0x50, 0x4b, 0x03, 0x04], // ZIP, docx, epub
  [0x1f, 0x8b], // gzip
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x00, 0x00, 0x01, 0x00], // ICO
];

/**
 * Whether bytes are binary data rather than text in any encoding: a known file signature, a NUL
 * byte (never in ASCII-compatible text; UTF-16 with a BOM is allowed), or more than 10 % C0 control
 * bytes other than tab, newlines, form feed and ESC (ESC starts ISO-2022-JP shift sequences).
 * Only the first 8 KB are read: enough to tell, and constant time on a 15 MB download.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  for (const sig of MAGIC) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) return true;
  }
  if (bomCharset(bytes)?.charset.startsWith('utf-16')) return false;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control / n > 0.1;
}
