import type { ClipSource } from '../../../shared/api/methods-clip';

/**
 * Turning what the user gives (a typed address, chosen files, a list of URLs, a bookmarks export)
 * into `articles.clip` sources. Pure functions over DOM APIs only (DOMParser, TextDecoder), so they
 * run in the renderer and in a jsdom test alike.
 */

/** Files the Files tab and the drop zone accept; the API clips HTML, Markdown and plain text. */
export const FILE_ACCEPT = '.html,.htm,.xhtml,.md,.markdown,.txt,text/html,text/markdown,text/plain';
const FILE_KINDS: Record<string, 'html' | 'markdown' | 'text'> = {
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
};

/** The API's limit for one string is 30 MB of text; refuse bigger files before reading them. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export type FileKind = 'html' | 'markdown' | 'text';

export function fileKindOf(file: { name: string; type: string }): FileKind | null {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (extension && FILE_KINDS[extension]) return FILE_KINDS[extension];
  if (/^text\/html\b|xhtml/i.test(file.type)) return 'html';
  if (/^text\/markdown\b/i.test(file.type)) return 'markdown';
  if (/^text\/plain\b/i.test(file.type)) return 'text';
  return null;
}

/** An http(s) URL as typed, with "example.com/page" read as https. Null when it is not one. */
export function normalizeUrl(raw: string): string | null {
  const value = raw.trim();
  if (!value || /\s/.test(value)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : /^[\w-]+(\.[\w-]+)+(:\d+)?(\/|$|\?|#)/.test(value) ? `https://${value}` : value;
  if (!URL.canParse(withScheme)) return null;
  const url = new URL(withScheme);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  return url.href;
}

/** True when the text is exactly one web address (what a pasted or dropped link looks like). */
export function isSingleUrl(text: string): boolean {
  const value = text.trim();
  return /^https?:\/\/\S+$/i.test(value) && normalizeUrl(value) !== null;
}

export interface UrlList {
  urls: string[];
  /** Lines that are neither blank, a comment, nor an http(s) URL: shown so the user can fix them. */
  invalid: string[];
  /** How many lines repeated an earlier URL (each URL is clipped once). */
  duplicates: number;
}

/** One URL per line (blank lines and `#` comments skipped, as in a `text/uri-list`). */
export function parseUrlList(text: string): UrlList {
  const urls: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const line of text.split(/\r?\n/)) {
    const value = line.trim();
    if (!value || value.startsWith('#')) continue;
    const url = normalizeUrl(value);
    if (!url) {
      invalid.push(value);
      continue;
    }
    if (seen.has(url)) {
      duplicates++;
      continue;
    }
    seen.add(url);
    urls.push(url);
  }
  return { urls, invalid, duplicates };
}

/**
 * The links of a browser's bookmarks export (the Netscape bookmark file every browser writes),
 * or of any HTML page. Parsed inertly by DOMParser: nothing in the file runs or loads.
 */
export function bookmarkUrls(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const urls: string[] = [];
  const seen = new Set<string>();
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const url = normalizeUrl(a.getAttribute('href') ?? '');
    if (url && /^https?:\/\//i.test((a.getAttribute('href') ?? '').trim()) && !seen.has(url)) {
      seen.add(url);
      urls.push(url);
    }
  }
  return urls;
}

/** A list file's URLs: a bookmarks export (HTML) or a plain list, one per line. */
export function urlsFromListFile(name: string, text: string): UrlList {
  const looksHtml = /\.html?$/i.test(name) || /^\s*<(!doctype|html|dl|meta|title)/i.test(text);
  if (looksHtml) return { urls: bookmarkUrls(text), invalid: [], duplicates: 0 };
  return parseUrlList(text);
}

/**
 * The character set an HTML file declares: a byte-order mark first, then `<meta charset>` or
 * `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 4 KB (the HTML spec's
 * prescan looks at 1 KB; real pages put long comments before it, hence the margin).
 */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  // Latin-1 maps each byte to one character, so ASCII markup reads the same whatever the real charset.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta);
    if (direct?.[1]) return direct[1].toLowerCase();
  }
  return null;
}

/** A TextDecoder for the label, or null when the browser does not know it. */
function decoderFor(label: string, fatal = false): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return null;
  }
}

/**
 * Decode an HTML file's bytes with the charset it declares; without a declaration, UTF-8. Bytes
 * that are not valid UTF-8 and carry no declaration are a legacy page saved from an old site:
 * windows-1252 (which the WHATWG Encoding standard also uses for "iso-8859-1") reads them instead
 * of a page of replacement characters.
 */
export function decodeHtmlBytes(bytes: Uint8Array): { html: string; charset: string } {
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe);
  let declared = sniffHtmlCharset(bytes);
  // A <meta> cannot truthfully declare UTF-16 (it was read as ASCII); the HTML spec reads it as UTF-8.
  if (declared && !hasBom && /^utf-?16/.test(declared)) declared = 'utf-8';
  const decoder = declared ? decoderFor(declared) : null;
  if (decoder) return { html: decoder.decode(bytes), charset: decoder.encoding };
  try {
    return { html: decoderFor('utf-8', true)!.decode(bytes), charset: 'utf-8' };
  } catch {
    return { html: new TextDecoder('windows-1252').decode(bytes), charset: 'windows-1252' };
  }
}

/** A chosen or dropped file as an `articles.clip` source. Throws a readable Error when it cannot be. */
export async function fileToSource(file: File): Promise<ClipSource> {
  const kind = fileKindOf(file);
  if (!kind) throw new Error(`“${file.name}” is not an HTML, Markdown or text file; save the page as HTML or copy its text instead.`);
  if (file.size === 0) throw new Error(`“${file.name}” is empty.`);
  if (file.size > MAX_FILE_BYTES) throw new Error(`“${file.name}” is larger than the ${MAX_FILE_BYTES / (1024 * 1024)} MB limit for a clip.`);
  if (kind === 'html') {
    const { html } = decodeHtmlBytes(new Uint8Array(await file.arrayBuffer()));
    return { kind: 'html', html, fileName: file.name };
  }
  const text = await file.text();
  if (!text.trim()) throw new Error(`“${file.name}” has no text.`);
  return kind === 'markdown' ? { kind: 'markdown', markdown: text, fileName: file.name } : { kind: 'text', text, fileName: file.name };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
