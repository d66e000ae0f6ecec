import type { ItemType } from '../../../shared/domain/entities';

/** Full-text search view (owned by the Search work; this is its mounting point in the shell). */
export interface SearchViewProps {
  /** The query typed in the shell's search field. */
  query: string;
  onQueryChange(query: string): void;
  onOpenItem(id: string, type: ItemType): void;
}

export function SearchView({ query }: SearchViewProps) {
  return (
    <section aria-label="Search results">
      <p role="status">Search for “{query}” is not available yet.</p>
    </section>
  );
}
