import type { ItemType } from '../../../shared/domain/entities';

/** What the article list shows: everything, one tag, or one collection. */
export type LibraryFilter = { kind: 'all' } | { kind: 'tag'; tag: string } | { kind: 'collection'; id: string; name: string };

/** The view in the workspace (the sidebar's choice). */
export type View =
  | { kind: 'library'; filter: LibraryFilter }
  | { kind: 'quotes' }
  | { kind: 'speakers' }
  | { kind: 'topics' }
  | { kind: 'notes' }
  | { kind: 'trash' };

/** Views with a selected item of their own (kept per view, so switching back restores it). */
export type SelectionKey = 'article' | 'quote' | 'speaker' | 'topic' | 'note';

export const ALL_ARTICLES: View = { kind: 'library', filter: { kind: 'all' } };

export type OpenItem = (id: string, type: ItemType) => void;

export function sameView(a: View, b: View): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'library' && b.kind === 'library') {
    if (a.filter.kind !== b.filter.kind) return false;
    if (a.filter.kind === 'tag' && b.filter.kind === 'tag') return a.filter.tag.toLowerCase() === b.filter.tag.toLowerCase();
    if (a.filter.kind === 'collection' && b.filter.kind === 'collection') return a.filter.id === b.filter.id;
  }
  return true;
}
