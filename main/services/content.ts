import { createHash } from 'node:crypto';

/** What an article stores of its content. */
export interface ArticleContent {
  html: string;
  text: string;
  title: string | null;
  wordCount: number;
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
