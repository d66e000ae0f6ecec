import type { EmbedSource } from '../../../shared/notes/resolved';

/** A CSL-JSON item (the subset Sourcebook fills in for a clipped source). */
export interface CslItem {
  id: string;
  type: 'article-newspaper' | 'webpage';
  title: string;
  author?: ({ family: string; given?: string } | { literal: string })[];
  'container-title'?: string;
  URL?: string;
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
}

/** "2026-03-14T10:00:00Z" → [2026, 3, 14]; partial dates keep their parts; nonsense → null. */
export function dateParts(iso: string | null | undefined): number[] | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso ?? '');
  if (!m) return null;
  return [m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number).filter((n, i) => i === 0 || n > 0);
}

const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'dos', 'das', 'ten', 'ter']);

/**
 * A display name as CSL parts: the last word (with any lower-case particles before it) is the
 * family name. One word, or a name that is plainly an organisation, stays literal.
 */
export function splitName(name: string): { family: string; given?: string } | { literal: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1 || /\b(staff|desk|agency|news|press|reuters|editorial|board)\b/i.test(name)) return { literal: name.trim() };
  let split = words.length - 1;
  while (split > 1 && PARTICLES.has(words[split - 1]!)) split--;
  return { family: words.slice(split).join(' '), given: words.slice(0, split).join(' ') };
}

/**
 * A clipped source as a citation: a dated piece from a named outlet is a newspaper article, anything
 * else a web page. The date clipped stands for the date accessed.
 */
export function toCslItem(s: EmbedSource): CslItem {
  const item: CslItem = { id: s.articleId, type: s.siteName && s.publishedAt ? 'article-newspaper' : 'webpage', title: s.title };
  const authors = s.authors.map(splitName);
  if (authors.length) item.author = authors;
  if (s.siteName) item['container-title'] = s.siteName;
  if (s.url) item.URL = s.url;
  const issued = dateParts(s.publishedAt);
  if (issued) item.issued = { 'date-parts': [issued] };
  const accessed = dateParts(s.clippedAt);
  if (accessed) item.accessed = { 'date-parts': [accessed] };
  return item;
}
