import { createHash } from 'node:crypto';

/** Turns pasted or imported content into the sanitized HTML + plain text an article stores. */
export interface ArticleContent {
  html: string;
  text: string;
  title: string | null;
  wordCount: number;
}

export interface ContentPipeline {
  fromText(text: string): ArticleContent;
  fromHtml(html: string, url: string | null): ArticleContent & { extracted?: Record<string, unknown> };
  fromMarkdown(markdown: string): ArticleContent;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Paragraphs (blank-line separated) of plain text as HTML; single newlines become <br>. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((para) => para.trim())
    .filter((para) => para.length > 0)
    .map((para) => `<p>${para.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

/** The hash that deduplicates articles: their plain text with white space folded. */
export function contentHashOf(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

/** A title for content that has none: its first line, shortened at a word boundary. */
export function titleFromText(text: string): string {
  const first = text.trim().split('\n')[0]?.trim() ?? '';
  if (first.length <= 120) return first || 'Untitled';
  const cut = first.slice(0, 120);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}
