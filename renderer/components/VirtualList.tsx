import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { hasAnyModifier } from '../lib/keyboard';

/**
 * A keyboard-first, virtualized listbox: only the rows on screen exist in the DOM, so 100k rows
 * scroll as smoothly as 100. It is an ARIA listbox whose options carry aria-setsize/aria-posinset
 * (the whole list's size, not the rendered slice) and the focused list points at its active row
 * with aria-activedescendant, so the focus never has to move into a row that may be recycled.
 *
 * Keys: ↓/j and ↑/k move, Home/End jump, PageUp/PageDown page, Enter opens.
 * Selection follows the active row (the parent turns the active row into the selected item).
 */
export interface VirtualListProps<T> {
  /** The listbox's accessible name. */
  label: string;
  count: number;
  rowHeight: number;
  getItem(index: number): T | undefined;
  getKey(item: T): string;
  /** A row's content; `item` is undefined while its page loads. */
  renderRow(item: T | undefined, index: number, state: { isSelected: boolean; isActive: boolean }): ReactNode;
  selectedKey: string | null;
  activeIndex: number | null;
  onActiveIndexChange(index: number): void;
  onOpen?(index: number): void;
  /** The rows on screen changed (inclusive indexes): load their data. */
  onRangeChange?(start: number, end: number): void;
  listRef?: Ref<HTMLDivElement>;
  className?: string;
  /** Extra keys handled by the parent (e.g. Delete); return true when handled. */
  onKey?(event: KeyboardEvent<HTMLDivElement>, activeIndex: number | null): boolean;
  /**
   * Identity of the rows (filter, sort): when it changes the list scrolls back to the top. The
   * element itself stays, so a focused list keeps the focus while its contents change.
   */
  resetKey?: string;
  /** Rows are being (re)loaded: exposed as aria-busy. */
  isBusy?: boolean;
}

export function VirtualList<T>({
  label,
  count,
  rowHeight,
  getItem,
  getKey,
  renderRow,
  selectedKey,
  activeIndex,
  onActiveIndexChange,
  onOpen,
  onRangeChange,
  listRef,
  className,
  onKey,
  resetKey,
  isBusy = false,
}: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const idPrefix = useId();
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? -1;

  const onRangeRef = useRef(onRangeChange);
  onRangeRef.current = onRangeChange;
  useEffect(() => {
    if (last >= first) onRangeRef.current?.(first, last);
  }, [first, last]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  // Keep the active row on screen when it moves (keys, or a selection made elsewhere).
  useEffect(() => {
    if (activeIndex !== null && activeIndex < count) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    // The virtualizer object is stable; `count` matters when the first page arrives after the index.
  }, [activeIndex, count, virtualizer]);

  const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);

  const move = (to: number) => {
    if (count === 0) return;
    onActiveIndexChange(Math.min(count - 1, Math.max(0, to)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (onKey?.(event, activeIndex)) return;
    if (hasAnyModifier(event)) return;
    const current = activeIndex ?? -1;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        move(current + 1);
        break;
      case 'ArrowUp':
      case 'k':
        move(current < 0 ? 0 : current - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(count - 1);
        break;
      case 'PageDown':
        move(current + pageSize);
        break;
      case 'PageUp':
        move(current - pageSize);
        break;
      case 'Enter':
        if (activeIndex === null) return;
        onOpen?.(activeIndex);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const isActiveRendered = activeIndex !== null && activeIndex >= first && activeIndex <= last;

  return (
    <div
      ref={(node) => {
        scrollRef.current = node;
        if (typeof listRef === 'function') listRef(node);
        else if (listRef) listRef.current = node;
      }}
      className={`virtual-list ${className ?? ''}`}
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={isActiveRendered ? `${idPrefix}-row-${activeIndex}` : undefined}
      aria-busy={isBusy || undefined}
      onKeyDown={onKeyDown}
    >
      <div role="presentation" className="virtual-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const item = getItem(row.index);
          const isSelected = item !== undefined && selectedKey !== null && getKey(item) === selectedKey;
          const isActive = row.index === activeIndex;
          return (
            <div
              key={row.key}
              id={`${idPrefix}-row-${row.index}`}
              role="option"
              aria-selected={isSelected}
              aria-posinset={row.index + 1}
              aria-setsize={count}
              aria-busy={item === undefined || undefined}
              className={`virtual-list__row${isSelected ? ' is-selected' : ''}${isActive ? ' is-active' : ''}`}
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
              onMouseDown={(event) => {
                // Keep the focus on the listbox (rows are not focusable), and select on press.
                event.preventDefault();
                scrollRef.current?.focus({ preventScroll: true });
                onActiveIndexChange(row.index);
              }}
              onDoubleClick={() => onOpen?.(row.index)}
            >
              {renderRow(item, row.index, { isSelected, isActive })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** What a row shows while its page loads. */
export function RowSkeleton() {
  return (
    <div className="row-skeleton">
      <span className="visually-hidden">Loading…</span>
    </div>
  );
}
