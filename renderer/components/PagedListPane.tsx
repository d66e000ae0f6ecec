import { useId, useState, type ReactNode, type Ref } from 'react';
import type { Page } from '../../shared/domain/entities';
import { plural } from '../lib/format';
import { useDebounced } from '../lib/use-debounced';
import { useLibrary } from '../lib/library-context';
import { useListSelection } from '../lib/use-list-selection';
import { usePagedList } from '../lib/use-paged-list';
import { RowSkeleton, VirtualList } from './VirtualList';

/**
 * The list half of a list/detail view (articles, quotes, speakers, topics, notes): a heading with
 * a count, an optional filter box (Escape clears it) and controls, then a virtualized, paged,
 * keyboard-driven listbox whose active row is the selection.
 */
export interface PagedListPaneProps<T> {
  title: string;
  /** Singular noun for the count ("quote" → "12 quotes"). */
  noun: string;
  /** The listbox's accessible name. */
  label: string;
  /** `contains` is the filter box's text (when `filterLabel` is given). */
  fetchPage(offset: number, limit: number, contains: string | undefined): Promise<Page<T>>;
  /** Shows a filter box with this label ("Filter quotes"); its text goes to `fetchPage`. */
  filterLabel?: string;
  resetKey: string;
  getKey(item: T): string;
  rowHeight: number;
  renderRow(item: T): ReactNode;
  selectedId: string | null;
  onSelect(id: string | null): void;
  onOpen?(): void;
  empty: ReactNode;
  /** Shown instead of `empty` when the filter box matches nothing. */
  emptyFiltered?(contains: string): ReactNode;
  headerActions?: ReactNode;
  /** More controls beside the filter box (the articles' sort order). */
  controls?: ReactNode;
  /** Rows never to select again (just moved to the trash, still on screen until the list reloads). */
  excludedKeys?: ReadonlySet<string>;
  listRef?: Ref<HTMLDivElement>;
}

export function PagedListPane<T>(props: PagedListPaneProps<T>) {
  const { title, noun, label, fetchPage, getKey, rowHeight, renderRow, selectedId, onSelect, onOpen, empty, headerActions, controls, excludedKeys, listRef, filterLabel, emptyFiltered } =
    props;
  const { revision } = useLibrary();
  const headingId = useId();
  const filterId = useId();
  const [contains, setContains] = useState('');
  const settled = useDebounced(contains.trim(), 200);
  const resetKey = `${props.resetKey}\u0000${settled}`;
  const list = usePagedList<T>((offset, limit) => fetchPage(offset, limit, settled || undefined), resetKey, revision);
  const { activeIndex, moveTo } = useListSelection(list, getKey, selectedId, onSelect, excludedKeys, resetKey);
  const total = list.total;
  // Typing in the filter, or the first page on its way: the list is about to change.
  const isBusy = contains.trim() !== settled || total === null;

  return (
    <section className="list-pane" aria-labelledby={headingId}>
      <header className="list-pane__header">
        <div className="list-pane__title-row">
          <h1 id={headingId} className="list-pane__title">
            {title}
          </h1>
          <span className="list-pane__count" aria-live="polite">
            {total === null ? '' : plural(total, noun)}
          </span>
          {headerActions && <span className="list-pane__actions">{headerActions}</span>}
        </div>
        {(filterLabel || controls) && (
          <div className="list-pane__controls">
            {filterLabel && (
              <>
                <label htmlFor={filterId} className="visually-hidden">
                  {filterLabel}
                </label>
                <input
                  id={filterId}
                  type="search"
                  className="input input--small list-pane__filter"
                  placeholder={filterLabel}
                  value={contains}
                  onChange={(e) => setContains(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape' && contains) {
                      e.preventDefault();
                      e.stopPropagation();
                      setContains('');
                    }
                  }}
                />
              </>
            )}
            {controls}
          </div>
        )}
      </header>
      {total === 0 ? (
        settled && emptyFiltered ? emptyFiltered(settled) : empty
      ) : (
        <VirtualList<T>
          label={label}
          listRef={listRef}
          resetKey={resetKey}
          isBusy={isBusy}
          count={total ?? 0}
          rowHeight={rowHeight}
          getItem={list.getItem}
          getKey={getKey}
          selectedKey={selectedId}
          activeIndex={activeIndex}
          onActiveIndexChange={moveTo}
          onRangeChange={list.requestRange}
          {...(onOpen ? { onOpen: () => onOpen() } : {})}
          renderRow={(item) => (item === undefined ? <RowSkeleton /> : renderRow(item))}
        />
      )}
      {list.error !== undefined && total === null && (
        <p className="list-pane__loading" role="status">
          The list could not be loaded; the error is shown at the bottom right.
        </p>
      )}
    </section>
  );
}
