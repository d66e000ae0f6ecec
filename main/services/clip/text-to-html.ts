/**
 * Plain text and Markdown -> an HTML page, so every input goes through the same extraction and the
 * stored article is always HTML whose domToText() is the text quotes point into.
 *
 * Markdown is rendered by `marked` (GFM: tables, strikethrough, autolinks): small, no
 * dependencies, maintained, and works on Node 20. Its output passes raw HTML through, so it is
 * sanitized here and again by the extractor.
 */
import { marked } from 'marked';
import { sanitizeHtml } from './sanitize';

export interface DocumentInfo {
  title?: string | null;
  authors?: string[];
  date?: string | null;
  lang?: string | null;
  url?: string | null;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A full page whose <head> carries the known metadata as the meta tags the extractor reads. */
export function wrapPage(bodyHtml: string, info: DocumentInfo): string {
  const head: string[] = ['<meta charset="utf-8">'];
  if (info.title) head.push(`<title>${escapeHtml(info.title)}</title>`);
  for (const a of info.authors ?? []) head.push(`<meta name="author" content="${escapeHtml(a)}">`);
  if (info.date) head.push(`<meta name="date" content="${escapeHtml(info.date)}">`);
  if (info.url) head.push(`<link rel="canonical" href="${escapeHtml(info.url)}">`);
  const lang = info.lang ? ` lang="${escapeHtml(info.lang)}"` : '';
  return `<!DOCTYPE html><html${lang}><head>${head.join('')}</head><body><article>${bodyHtml}</article></body></html>`;
}

/**
 * Plain text -> HTML paragraphs: blank lines separate paragraphs; single line breaks inside a
 * paragraph are hard wraps (e-mail, README style) and become spaces. A short first line standing
 * alone is the title.
 */
export function plainTextToHtml(text: string, info: DocumentInfo = {}): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '');
  let title = info.title ?? null;
  const first = paragraphs[0];
  if (!title && first !== undefined && paragraphs.length > 1 && first.length <= 120 && !/[.!?:;,]$/.test(first)) {
    title = first;
  }
  const body = paragraphs.map((p, i) => (i === 0 && title === p ? `<h1>${escapeHtml(p)}</h1>` : `<p>${escapeHtml(p)}</p>`)).join('\n');
  return wrapPage(body, { ...info, title });
}

/** YAML-style front matter keys a Markdown note commonly carries. */
function parseFrontMatter(md: string): { info: DocumentInfo; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\r?\n/.exec(md);
  if (!m) return { info: {}, body: md };
  const info: DocumentInfo = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1]!.toLowerCase();
    const value = kv[2]!.trim().replace(/^["']|["']$/g, '');
    if (value === '') continue;
    if (key === 'title') info.title = value;
    else if (key === 'author' || key === 'authors') {
      info.authors = value.replace(/^\[|\]$/g, '').split(',').map((a) => a.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
    } else if (key === 'date' || key === 'published') info.date = value;
    else if (key === 'lang' || key === 'language') info.lang = value;
    else if (key === 'url' || key === 'source' || key === 'canonical') info.url = value;
  }
  return { info, body: md.slice(m[0].length) };
}

/** Markdown (with optional front matter) -> a sanitized HTML page. */
export function markdownToHtml(markdown: string, info: DocumentInfo = {}): string {
  const { info: front, body } = parseFrontMatter(markdown.replace(/^\uFEFF/, ''));
  const rendered = sanitizeHtml(marked.parse(body, { async: false, gfm: true }) as string);
  const merged: DocumentInfo = { ...front, ...Object.fromEntries(Object.entries(info).filter(([, v]) => v != null)) };
  if (!merged.title) {
    const h1 = /^#\s+(.+?)\s*#*\s*$/m.exec(body);
    if (h1) merged.title = h1[1]!;
  }
  return wrapPage(rendered, merged);
}
