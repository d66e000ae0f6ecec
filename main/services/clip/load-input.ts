/**
 * Every way a clip can arrive — a file, a URL, standard input, pasted HTML or text — turned into
 * one shape: an HTML page to extract from plus the raw bytes, which the caller stores (compressed)
 * as the snapshot of what was clipped.
 *
 * Also the bulk helpers: a folder, a list of URLs, or a browser bookmarks export -> sources.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractedArticle } from '../../../shared/domain/extraction';
import { AppError } from '../../../shared/errors';
import { decodeBytes, looksBinary } from './decode';
import { parseDocument } from './dom';
import { extractArticle } from './extract-html';
import { DEFAULT_MAX_BYTES, fetchUrl, mimeOf, type FetchUrlOptions } from './fetch-url';
import { markdownToHtml, plainTextToHtml } from './text-to-html';

export type InputKind = 'html' | 'text' | 'markdown';

/** A file path, an http(s) URL, "-" for standard input, or content pasted by the user. */
export type ClipSource =
  | string
  | { html: string; url?: string | null }
  | { text: string; url?: string | null }
  | { markdown: string; url?: string | null };

export interface LoadInputOptions extends FetchUrlOptions {
  /** Largest input accepted from a file or stdin, in bytes (default 15 MB, as for downloads). */
  maxBytes?: number;
  /** Where standard input is read from for "-" (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Relative file paths are resolved against this (default process.cwd()). */
  cwd?: string;
  /** The web address a file or pasted page came from, if the user knows it. */
  url?: string | null;
  /** Force how the input is read, instead of guessing from its extension or content type. */
  kind?: InputKind;
}

export interface LoadedInput {
  kind: InputKind;
  /** A full HTML page (Markdown and text are rendered to one). */
  html: string;
  /** Where the content came from on the web (final URL after redirects), or null. */
  url: string | null;
  /** The bytes exactly as read or downloaded, for the stored snapshot. */
  rawBytes: Buffer;
  /** The MIME type of rawBytes, with its charset when known. */
  contentType: string;
}

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml', '.mhtml']);
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkd', '.mdx']);
const TEXT_EXTENSIONS = new Set(['.txt', '.text']);
/** Formats users try to clip that need a converter this app does not have. */
const UNSUPPORTED_EXTENSIONS: Record<string, string> = {
  '.pdf': 'PDF', '.doc': 'Word', '.docx': 'Word', '.odt': 'OpenDocument', '.rtf': 'RTF', '.epub': 'EPUB',
  '.png': 'image', '.jpg': 'image', '.jpeg': 'image', '.gif': 'image', '.webp': 'image', '.svg': 'SVG image',
  '.zip': 'ZIP archive', '.gz': 'gzip archive', '.mp3': 'audio', '.mp4': 'video', '.xlsx': 'Excel', '.pptx': 'PowerPoint',
};

/** Read one source into a LoadedInput (see ClipSource). */
export async function loadInput(source: ClipSource, options: LoadInputOptions = {}): Promise<LoadedInput> {
  if (typeof source !== 'string') return loadPasted(source, options);
  const trimmed = source.trim();
  if (trimmed === '') throw new AppError('validation', 'Nothing to clip: give a file, a URL, or "-" for standard input.');
  if (trimmed === '-') return loadStdin(options);
  if (/^https?:\/\//i.test(trimmed)) return loadUrl(trimmed, options);
  if (/^file:\/\//i.test(trimmed)) return loadFile(fileURLToPath(trimmed), options);
  const scheme = /^([a-z][a-z0-9+.-]+):\/\//i.exec(trimmed);
  if (scheme) {
    throw new AppError('clip/unsupported', `Cannot clip ${scheme[1]}: addresses; use an http(s) URL or a file.`, { source: trimmed });
  }
  return loadFile(resolve(options.cwd ?? process.cwd(), trimmed), options);
}

export interface ExtractFromSourceResult {
  article: ExtractedArticle;
  raw: { bytes: Buffer; contentType: string };
  kind: InputKind;
}

/** The whole clip pipeline for one source: load, extract, and keep the raw bytes. */
export async function extractFromSource(source: ClipSource, options: LoadInputOptions = {}): Promise<ExtractFromSourceResult> {
  const input = await loadInput(source, options);
  const article = extractArticle(input.html, { url: input.url });
  return { article, raw: { bytes: input.rawBytes, contentType: input.contentType }, kind: input.kind };
}

function loadPasted(source: Exclude<ClipSource, string>, options: LoadInputOptions): LoadedInput {
  const url = source.url ?? options.url ?? null;
  if ('html' in source) {
    return { kind: 'html', html: source.html, url, rawBytes: Buffer.from(source.html, 'utf8'), contentType: 'text/html; charset=utf-8' };
  }
  if ('markdown' in source) {
    return {
      kind: 'markdown',
      html: markdownToHtml(source.markdown, { url }),
      url,
      rawBytes: Buffer.from(source.markdown, 'utf8'),
      contentType: 'text/markdown; charset=utf-8',
    };
  }
  return {
    kind: 'text',
    html: plainTextToHtml(source.text, { url }),
    url,
    rawBytes: Buffer.from(source.text, 'utf8'),
    contentType: 'text/plain; charset=utf-8',
  };
}

async function loadFile(path: string, options: LoadInputOptions): Promise<LoadedInput> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) {
      throw new AppError('validation', `${path} is a folder. To clip every page in it, use a bulk import.`, { path });
    }
    size = st.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('not-found', `No file at ${path}. Check the path and try again.`, { path });
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('io/failed', `Cannot read ${path}: permission denied.`, { path });
    throw new AppError('io/failed', `Cannot read ${path}: ${(error as Error).message}`, { path });
  }
  const ext = extname(path).toLowerCase();
  const unsupported = UNSUPPORTED_EXTENSIONS[ext];
  if (unsupported) {
    throw new AppError('clip/unsupported', `Cannot clip ${unsupported} files (${path}); save the page as HTML or text first.`, { path, type: unsupported });
  }
  if (size > maxBytes) throw tooLarge(path, maxBytes);
  const bytes = await readFile(path);
  if (looksBinary(bytes)) {
    throw new AppError('clip/unsupported', `${path} is not a text or HTML file (it contains binary data).`, { path });
  }
  const kind =
    options.kind ??
    (HTML_EXTENSIONS.has(ext) ? 'html' : MARKDOWN_EXTENSIONS.has(ext) ? 'markdown' : TEXT_EXTENSIONS.has(ext) ? 'text' : sniffKind(bytes));
  return fromBytes(bytes, kind, options.url ?? null, null);
}

async function loadUrl(url: string, options: LoadInputOptions): Promise<LoadedInput> {
  const page = await fetchUrl(url, options);
  const mime = mimeOf(page.contentType);
  let kind: InputKind;
  if (options.kind) kind = options.kind;
  else if (mime === 'text/html' || mime === 'application/xhtml+xml') kind = 'html';
  else if (mime === 'text/markdown' || mime === 'text/x-markdown') kind = 'markdown';
  else if (mime === 'text/plain') kind = MARKDOWN_EXTENSIONS.has(extname(new URL(page.url).pathname).toLowerCase()) ? 'markdown' : 'text';
  else if (mime === '' || mime === 'application/octet-stream') kind = sniffKind(page.bytes);
  else if (mime === 'application/xml' || mime === 'text/xml') {
    if (!/<html[\s>]/i.test(page.bytes.subarray(0, 4096).toString('latin1'))) {
      throw new AppError('clip/unsupported', `${page.url} is an XML document (${mime}), not a web page.`, { url: page.url, contentType: mime });
    }
    kind = 'html';
  } else {
    throw new AppError('clip/unsupported', `Cannot clip ${mime} content from ${page.url}: only web pages and text can be clipped.`, {
      url: page.url,
      contentType: mime,
    });
  }
  return fromBytes(page.bytes, kind, page.url, page.contentType || null);
}

async function loadStdin(options: LoadInputOptions): Promise<LoadedInput> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const stream = options.stdin ?? process.stdin;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > maxBytes) throw tooLarge('standard input', maxBytes);
    chunks.push(buf);
  }
  const bytes = Buffer.concat(chunks, total);
  if (bytes.length === 0) throw new AppError('validation', 'Standard input was empty: nothing to clip.');
  if (looksBinary(bytes)) throw new AppError('clip/unsupported', 'Standard input is not text or HTML (it contains binary data).');
  return fromBytes(bytes, options.kind ?? sniffKind(bytes), options.url ?? null, null);
}

function fromBytes(bytes: Buffer, kind: InputKind, url: string | null, contentType: string | null): LoadedInput {
  const decoded = decodeBytes(bytes, { contentType, sniffMeta: kind === 'html' });
  const mime = kind === 'html' ? 'text/html' : kind === 'markdown' ? 'text/markdown' : 'text/plain';
  const type = contentType && contentType.trim() !== '' ? contentType : `${mime}; charset=${decoded.charset}`;
  const html =
    kind === 'html' ? decoded.text : kind === 'markdown' ? markdownToHtml(decoded.text, { url }) : plainTextToHtml(decoded.text, { url });
  return { kind, html, url, rawBytes: bytes, contentType: type };
}

/** HTML if the content starts like markup, otherwise plain text. */
function sniffKind(bytes: Buffer): InputKind {
  const head = bytes.subarray(0, 1024).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  return /^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<(?:!doctype\s+)?html|<!--|<(?:p|div|h[1-6]|article|section|meta|title|table)[\s>])/i.test(head)
    ? 'html'
    : 'text';
}

function tooLarge(what: string, maxBytes: number): AppError {
  return new AppError('clip/too-large', `${what} is larger than the ${Math.round(maxBytes / (1024 * 1024))} MB limit for a clip.`, {
    source: what,
    maxBytes,
  });
}

// ---------------------------------------------------------------------------------------------
// Bulk

const BULK_FILE_EXTENSIONS = new Set([...HTML_EXTENSIONS, ...MARKDOWN_EXTENSIONS, ...TEXT_EXTENSIONS]);

/**
 * Turn one bulk input into clip sources:
 *  - a folder -> its .html/.htm/.md/.txt files (not recursive, sorted by name),
 *  - a browser bookmarks export (Netscape bookmark HTML) -> the http(s) URLs of its bookmarks,
 *  - a text file of URLs, one per line, `#` starting a comment -> those URLs,
 *  - any other page or text file -> itself.
 * Duplicates are dropped, first occurrence kept.
 */
export async function expandBulkSources(path: string, options: { cwd?: string; maxBytes?: number } = {}): Promise<string[]> {
  const full = resolve(options.cwd ?? process.cwd(), path);
  let st;
  try {
    st = await stat(full);
  } catch {
    throw new AppError('not-found', `No file or folder at ${full}.`, { path: full });
  }
  if (st.isDirectory()) {
    const names = (await readdir(full, { withFileTypes: true }))
      .filter((d) => d.isFile() && BULK_FILE_EXTENSIONS.has(extname(d.name).toLowerCase()) && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort((a, b) => a.localeCompare(b));
    return names.map((n) => join(full, n));
  }
  if (st.size > (options.maxBytes ?? DEFAULT_MAX_BYTES)) throw tooLarge(full, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const bytes = await readFile(full);
  if (looksBinary(bytes)) throw new AppError('clip/unsupported', `${full} is not a text file, a folder or a bookmarks export.`, { path: full });
  const text = decodeBytes(bytes).text;

  if (isBookmarksExport(text)) return uniq(bookmarkUrls(text));

  const lines = text.split(/\r?\n/).map((l, i) => ({ line: i + 1, value: l.trim() }));
  const entries = lines.filter((l) => l.value !== '' && !l.value.startsWith('#'));
  const isUrl = (v: string) => /^https?:\/\/\S+$/i.test(v) && URL.canParse(v);
  const urlCount = entries.filter((l) => isUrl(l.value)).length;
  if (urlCount === 0) return [full]; // an ordinary document, clipped as itself
  const bad = entries.filter((l) => !isUrl(l.value));
  if (bad.length > 0) {
    const list = bad.slice(0, 5).map((b) => `line ${b.line}: "${b.value.slice(0, 80)}"`).join('; ');
    throw new AppError('validation', `${full} looks like a list of URLs, but ${bad.length} line(s) are not http(s) URLs (${list}).`, {
      path: full,
      lines: bad.map((b) => b.line),
    });
  }
  return uniq(entries.map((l) => l.value));
}

function isBookmarksExport(text: string): boolean {
  return /<!DOCTYPE\s+NETSCAPE-Bookmark-file/i.test(text) || /<DT>\s*<A\s[^>]*HREF\s*=/i.test(text);
}

function bookmarkUrls(text: string): string[] {
  const doc = parseDocument(text);
  const anchors = doc.querySelectorAll('a[href]');
  const out: string[] = [];
  for (let i = 0; i < anchors.length; i++) {
    const href = anchors[i]!.getAttribute('href')!.trim();
    // Bookmarklets (javascript:), "place:" queries and feeds other than http(s) are not pages.
    if (/^https?:\/\//i.test(href) && URL.canParse(href)) out.push(href);
  }
  return out;
}

function uniq(list: string[]): string[] {
  return [...new Set(list)];
}
