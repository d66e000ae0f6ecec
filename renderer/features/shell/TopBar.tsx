import type { Ref } from 'react';
import { Icon } from '../../components/Icon';
import { primaryKeyLabel } from '../../lib/keyboard';

export interface TopBarProps {
  query: string;
  onQueryChange(query: string): void;
  onSearchOpen(): void;
  onSearchClose(): void;
  onNewArticle(): void;
  isInspectorOpen: boolean;
  onToggleInspector(): void;
  searchRef: Ref<HTMLInputElement>;
}

/** The top bar: the search field (/ or Ctrl+F), New article (N) and the inspector toggle. */
export function TopBar({ query, onQueryChange, onSearchOpen, onSearchClose, onNewArticle, isInspectorOpen, onToggleInspector, searchRef }: TopBarProps) {
  return (
    <header className="topbar">
      <span className="topbar__brand">Sourcebook</span>
      <div role="search" className="topbar__search">
        <Icon name="search" className="topbar__search-icon" />
        <label htmlFor="sb-search" className="visually-hidden">
          Search
        </label>
        <input
          id="sb-search"
          ref={searchRef}
          type="search"
          className="input topbar__search-input"
          placeholder="Search articles, quotes, speakers…"
          autoComplete="off"
          spellCheck={false}
          value={query}
          aria-keyshortcuts={`/ Control+F`}
          onChange={(e) => {
            onQueryChange(e.target.value);
            if (e.target.value.trim()) onSearchOpen();
            else onSearchClose();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && query.trim()) onSearchOpen();
            if (e.key === 'Escape') {
              e.preventDefault();
              onQueryChange('');
              onSearchClose();
              e.currentTarget.blur();
            }
          }}
        />
        <kbd className="topbar__search-hint" aria-hidden="true">
          /
        </kbd>
      </div>
      <span className="toolbar-spacer" />
      <span className="topbar__hint" aria-hidden="true">
        <kbd>{primaryKeyLabel}</kbd>
        <kbd>K</kbd> Quick open
      </span>
      <button type="button" className="button button--primary button--small" onClick={onNewArticle} aria-keyshortcuts="N">
        <Icon name="plus" />
        New article
      </button>
      <button
        type="button"
        className="icon-button"
        aria-pressed={isInspectorOpen}
        aria-label="Inspector"
        title={isInspectorOpen ? 'Hide the inspector' : 'Show the inspector'}
        onClick={onToggleInspector}
      >
        <Icon name="panel" />
      </button>
    </header>
  );
}
