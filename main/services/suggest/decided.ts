/**
 * What the user already has or already decided, so suggestions are not offered twice: a quote that
 * already covers a suggested passage, and sources accepted, dismissed or linked before (by name or
 * by URL, whatever version of the article they were found in).
 */

export interface Span {
  start: number;
  end: number;
}

/**
 * An existing quote takes a suggestion when it holds most of the suggested passage (334–373 for a
 * suggestion at 334–374, or the quotation with its "she said") and is itself mostly that passage:
 * a highlight of the whole paragraph around a quotation does not take it.
 */
const SHARE_OF_SUGGESTION = 0.8;
const SHARE_OF_QUOTE = 0.5;

export function takes(quote: Span, suggestion: Span): boolean {
  const shared = Math.min(quote.end, suggestion.end) - Math.max(quote.start, suggestion.start);
  if (shared <= 0) return false;
  return shared >= SHARE_OF_SUGGESTION * (suggestion.end - suggestion.start) && shared >= SHARE_OF_QUOTE * (quote.end - quote.start);
}

/** The existing quote that takes this passage (the one sharing most of it), or null. */
export function quoteTaking<T extends Span>(suggestion: Span, quotes: readonly T[]): T | null {
  let best: T | null = null;
  let bestShared = 0;
  for (const q of quotes) {
    if (!takes(q, suggestion)) continue;
    const shared = Math.min(q.end, suggestion.end) - Math.max(q.start, suggestion.start);
    if (shared > bestShared) {
      best = q;
      bestShared = shared;
    }
  }
  return best;
}

/** A quotation's words, for recognising it in another version of the article. */
export const quoteKey = (text: string): string => text.normalize('NFC').replace(/[‘’`´]/g, "'").replace(/[“”„]/g, '"').replace(/\s+/g, ' ').trim();

/** "The New York Times", "the new york times" and "New York Times" are one outlet. */
export const sourceNameKey = (name: string): string =>
  name.normalize('NFC').toLowerCase().replace(/[‘’`´]/g, "'").replace(/\s+/g, ' ').trim().replace(/^(the|l') ?/u, '');

/** Scheme, "www.", fragment and a trailing slash do not make another page. */
export function sourceUrlKey(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    return `${host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return url.trim();
  }
}

/** Outlets already decided for an article: skip a found source matching any by name or URL. */
export class DecidedSources {
  private readonly names = new Set<string>();
  private readonly urls = new Set<string>();

  add(name: string | null, url: string | null): void {
    if (name) this.names.add(sourceNameKey(name));
    if (url) this.urls.add(sourceUrlKey(url));
  }

  has(source: { name: string; url: string | null }): boolean {
    return this.names.has(sourceNameKey(source.name)) || (source.url !== null && this.urls.has(sourceUrlKey(source.url)));
  }
}
