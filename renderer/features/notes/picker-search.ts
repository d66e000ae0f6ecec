import { useEffect, useRef, useState } from 'react';
import type { EmbedPickerEntry } from '../../../shared/notes/resolved';
import type { SearchHit } from '../../../shared/search/search-result';
import { snippetText } from '../../../shared/search/snippet-markers';
import { call } from '../../api/client';

/**
 * The `[[` picker's second source: the library's full-text search (`search.query`). The lunr index
 * holds only the newest 10,000 quotes and articles (picker-index.ts), so an older quote can only be
 * found on the server. It is asked when lunr finds few matches for what was typed, or when the
 * index was cut short; its matches come after lunr's (lunr's rows never move when they arrive),
 * and only the answer for what is typed now is shown.
 */

/** Fewer local matches than this: the server is asked too. */
export const FEW_LOCAL_MATCHES = 5;
/** How many the server adds at most. */
export const SERVER_LIMIT = 20;
/** Typing pauses this long before the server is asked (the dialog; the editor's completion has its own delay). */
export const SERVER_DELAY_MS = 150;
const MAX_WORDS = 12;
/** What the search can find for the picker (notes are found by lunr alone: all of them are loaded). */
const SERVER_TYPES = ['quote', 'article', 'speaker', 'topic'] as const satisfies readonly EmbedPickerEntry['type'][];
type ServerType = (typeof SERVER_TYPES)[number];
const isServerType = (t: string): t is ServerType => (SERVER_TYPES as readonly string[]).includes(t);

/**
 * The search query for what was typed: only its letters and digits (lower case, so no word is an
 * operator; no quotes, dashes, colons or parentheses to be read as syntax), the type filter first
 * and the last word last, so the search treats it as a prefix while it is being typed. Null when
 * there is nothing to search for.
 */
export function serverQueryFor(input: string, types: readonly EmbedPickerEntry['type'][] | null = null): string | null {
  const wanted = (types ?? SERVER_TYPES).filter(isServerType);
  const words = (input.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
  if (wanted.length === 0 || words.length === 0) return null;
  // A space after the last word: it is finished, not a prefix.
  return `type:${wanted.join(',')} ${words.join(' ')}${/\s$/u.test(input) ? ' ' : ''}`;
}

/** A search hit as a picker entry, worded like `notes.embedIndex.list` words its entries. */
export function toPickerEntry(hit: SearchHit): EmbedPickerEntry | null {
  switch (hit.type) {
    case 'quote':
      return { id: hit.id, type: 'quote', title: snippetText(hit.snippet).replace(/\s+/g, ' ').trim(), extra: `${hit.speakerName ?? 'Unattributed'} · ${hit.siteName ?? hit.title}` };
    case 'article':
      return { id: hit.id, type: 'article', title: hit.title, extra: hit.siteName ?? '' };
    case 'speaker': {
      const about = snippetText(hit.snippet).trim();
      return { id: hit.id, type: 'speaker', title: hit.title, extra: about === hit.title ? '' : about };
    }
    case 'topic':
      return { id: hit.id, type: 'topic', title: hit.title, extra: '' };
    default:
      return null;
  }
}

/** Local matches first, in their order; then the server's that are not among them. */
export function mergeMatches(local: readonly EmbedPickerEntry[], remote: readonly EmbedPickerEntry[], limit = local.length + SERVER_LIMIT): EmbedPickerEntry[] {
  const seen = new Set(local.map((e) => `${e.type}:${e.id}`));
  const merged = [...local];
  for (const e of remote) {
    const key = `${e.type}:${e.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(e);
  }
  return merged.slice(0, Math.max(limit, local.length));
}

/** Whether the server should be asked for `input`, given what lunr found and whether its index was cut short. */
export const shouldAskServer = (input: string, localCount: number, isIndexPartial: boolean): boolean =>
  /[\p{L}\p{N}]/u.test(input) && (localCount < FEW_LOCAL_MATCHES || isIndexPartial);

// One answer per query, shared by the dialog and the editor, kept until the library changes.
const answers = new Map<string, Promise<EmbedPickerEntry[]>>();
const settled = new Map<string, EmbedPickerEntry[]>();
const MAX_KEPT = 50;

/** The server's matches for a query from serverQueryFor (one request per query while it is kept). */
export function findOnServer(query: string): Promise<EmbedPickerEntry[]> {
  let answer = answers.get(query);
  if (!answer) {
    if (answers.size >= MAX_KEPT) {
      const oldest = answers.keys().next().value as string;
      answers.delete(oldest);
      settled.delete(oldest);
    }
    answer = call('search.query', { query, limit: SERVER_LIMIT, prefixLastWord: true }).then(
      (result) => {
        const entries = result.hits.map(toPickerEntry).filter((e): e is EmbedPickerEntry => e !== null);
        if (answers.get(query) === answer) settled.set(query, entries);
        return entries;
      },
      (error: unknown) => {
        // Not kept: the next keystroke may ask again (the server may have been busy).
        if (answers.get(query) === answer) answers.delete(query);
        throw error;
      },
    );
    answers.set(query, answer);
  }
  return answer;
}

/** The server's matches for a query if they have arrived already. */
export const serverMatchesIfKnown = (query: string): EmbedPickerEntry[] | undefined => settled.get(query);

/** Forget every answer (the library changed: picker-index.ts's invalidatePickerIndex calls this). */
export function forgetServerMatches(): void {
  answers.clear();
  settled.clear();
}

/**
 * The server's matches for what is typed in a dialog: asked after a short pause in typing, only
 * when `isWanted`; an answer for an earlier input is never shown (the newest request wins). A
 * failed request leaves lunr's matches alone: the server only adds to them.
 */
export function useServerMatches(input: string, types: readonly EmbedPickerEntry['type'][] | null, isWanted: boolean): { entries: EmbedPickerEntry[]; isSearching: boolean } {
  const query = isWanted ? serverQueryFor(input, types) : null;
  const [answer, setAnswer] = useState<{ query: string; entries: EmbedPickerEntry[] } | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    if (query === null) return;
    const known = serverMatchesIfKnown(query);
    if (known) {
      setAnswer({ query, entries: known });
      return;
    }
    const timer = setTimeout(() => {
      findOnServer(query).then(
        (entries) => ticket === latest.current && setAnswer({ query, entries }),
        () => ticket === latest.current && setAnswer({ query, entries: [] }),
      );
    }, SERVER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const isCurrent = query !== null && answer?.query === query;
  return { entries: isCurrent ? answer.entries : [], isSearching: query !== null && !isCurrent };
}
