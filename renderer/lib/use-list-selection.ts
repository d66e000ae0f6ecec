import { useCallback, useEffect, useRef, useState } from 'react';
import type { PagedList } from './use-paged-list';

/**
 * Ties a paged list's active row (keyboard/mouse position) to the app's selected item id.
 *
 * - The user moving the active row selects its item (selection follows focus, as in Zotero or
 *   Mail), as soon as that row's page has loaded.
 * - Otherwise the selection wins: when rows change under the active row (a refresh reorders the
 *   list, or something else selected an item) the active row moves to the selected item, never
 *   the other way round — a note being edited is not swapped for its neighbour.
 * - With nothing selected (the selected article was just trashed), the row now under the cursor is
 *   selected, unless it is in `excluded` (its stale copy is still on screen).
 */
export function useListSelection<T>(
  list: PagedList<T>,
  getKey: (item: T) => string,
  selectedKey: string | null,
  onSelect: (key: string | null) => void,
  excluded?: ReadonlySet<string>,
  /** The list's identity (filter, sort): a new list starts with no active row. */
  resetKey = '',
) {
  const [activeIndex, setActiveIndex] = useState<number | null>(null);
  const [lastReset, setLastReset] = useState(resetKey);
  const userMoved = useRef(false);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const getKeyRef = useRef(getKey);
  getKeyRef.current = getKey;

  if (lastReset !== resetKey) {
    // Adjusting state during render (React's documented pattern) avoids a frame with a stale row.
    setLastReset(resetKey);
    setActiveIndex(null);
    userMoved.current = false;
  }

  // A row beyond the end of a shrunken list moves to the last row.
  useEffect(() => {
    if (list.total === null || activeIndex === null) return;
    if (list.total === 0) setActiveIndex(null);
    else if (activeIndex >= list.total) setActiveIndex(list.total - 1);
  }, [list.total, activeIndex]);

  // Runs again whenever rows arrive: getItem/findIndex change identity with the list's version.
  const { getItem, findIndex } = list;
  useEffect(() => {
    const locateSelected = () => {
      if (selectedKey === null) return;
      const index = findIndex((item) => getKeyRef.current(item) === selectedKey);
      if (index >= 0 && index !== activeIndex) setActiveIndex(index);
    };
    if (activeIndex === null) {
      locateSelected();
      return;
    }
    const active = getItem(activeIndex);
    if (active === undefined) return; // its page is on the way
    const key = getKeyRef.current(active);
    if (userMoved.current) {
      userMoved.current = false;
      if (key !== selectedKey) onSelectRef.current(key);
      return;
    }
    if (key === selectedKey) return;
    if (selectedKey === null) {
      if (!excluded?.has(key)) onSelectRef.current(key);
      return;
    }
    locateSelected();
  }, [selectedKey, activeIndex, getItem, findIndex, excluded]);

  const selectedRef = useRef(selectedKey);
  selectedRef.current = selectedKey;
  const getItemRef = useRef(getItem);
  getItemRef.current = getItem;

  /** The user moved the active row (or clicked it): select its item now, or when its page loads. */
  const moveTo = useCallback((index: number) => {
    const item = getItemRef.current(index);
    if (item === undefined) {
      userMoved.current = true;
    } else {
      userMoved.current = false;
      const key = getKeyRef.current(item);
      if (key !== selectedRef.current) onSelectRef.current(key);
    }
    setActiveIndex(index);
  }, []);

  return { activeIndex, moveTo };
}
