import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../shared/domain/entities';
import { useToast } from '../components/Toasts';

/**
 * A list of any length loaded page by page as the user scrolls (offset/limit against a `*.list`
 * method). Only the visible pages are fetched, requests are debounced while the scrollbar is
 * dragged across 100k rows, and far-away pages are dropped so memory stays flat.
 *
 * `resetKey` changes mean "a different list" (another filter or sort): everything is dropped.
 * `revision` changes mean "the same list, maybe changed": the old rows stay on screen until their
 * fresh page arrives, so a write never makes the list flash empty. An answer to a request made
 * before the latest revision still counts (unless a newer one has landed): while the library
 * changes faster than the server answers (a bulk import elsewhere), dropping every superseded
 * answer would leave rows that were not loaded yet as placeholders for good.
 */
export interface PagedList<T> {
  /** Number of rows, null until the first page has arrived. */
  total: number | null;
  getItem(index: number): T | undefined;
  /** Tell the list which rows are on screen (inclusive). */
  requestRange(start: number, end: number): void;
  /** Index of the first loaded row matching, or -1 (rows not loaded yet are not searched). */
  findIndex(predicate: (item: T) => boolean): number;
  /** Changes whenever rows arrive (use it in effect dependencies). */
  version: number;
  error: unknown;
}

const MAX_PAGES = 40;
const DEBOUNCE_MS = 40;

export function usePagedList<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  resetKey: string,
  revision: number,
  pageSize = 100,
): PagedList<T> {
  const [total, setTotal] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(undefined);
  /**
   * The list (resetKey) whose rows and total the refs and state hold. The render in which
   * resetKey changes comes before the effect that drops them: that render must not show the old
   * list's rows and count as the new one's (nor as settled: a caller shows busy while total is null).
   */
  const [shownKey, setShownKey] = useState(resetKey);
  const isShownList = shownKey === resetKey;
  const toast = useToast();

  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const pages = useRef(new Map<number, T[]>());
  const stale = useRef(new Map<number, T[]>());
  const inflight = useRef(new Set<number>());
  /** Bumped by every reset and revision: which request is the newest. */
  const generation = useRef(0);
  /** Bumped by resets only: answers for another list are always dropped. */
  const listGeneration = useRef(0);
  /** Per page, and for the total: the generation of the answer shown (older answers do not replace it). */
  const shownGeneration = useRef(new Map<number, number>());
  const totalGeneration = useRef(-1);
  const range = useRef({ start: 0, end: pageSize - 1 });
  const timer = useRef<number | null>(null);
  const lastReset = useRef<string | null>(null);

  const evict = useCallback(() => {
    if (pages.current.size <= MAX_PAGES) return;
    const center = Math.floor((range.current.start + range.current.end) / 2 / pageSize);
    const byDistance = [...pages.current.keys()].sort((a, b) => Math.abs(b - center) - Math.abs(a - center));
    for (const page of byDistance.slice(0, pages.current.size - MAX_PAGES)) {
      pages.current.delete(page);
      shownGeneration.current.delete(page);
    }
  }, [pageSize]);

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page) || inflight.current.has(page)) return;
      const ticket = generation.current;
      const list = listGeneration.current;
      inflight.current.add(page);
      fetchRef.current(page * pageSize, pageSize).then(
        (result) => {
          if (list !== listGeneration.current) return;
          if (ticket === generation.current) inflight.current.delete(page);
          if ((shownGeneration.current.get(page) ?? -1) > ticket) return;
          shownGeneration.current.set(page, ticket);
          pages.current.set(page, result.items);
          stale.current.delete(page);
          if (ticket >= totalGeneration.current) {
            totalGeneration.current = ticket;
            // A shrunken list leaves stale pages past its end; they must not show as rows.
            const lastPage = Math.max(0, Math.ceil(result.total / pageSize) - 1);
            for (const key of stale.current.keys()) if (key > lastPage) stale.current.delete(key);
            setTotal(result.total);
          }
          evict();
          setError(undefined);
          setVersion((v) => v + 1);
        },
        (failure: unknown) => {
          if (ticket !== generation.current) return;
          inflight.current.delete(page);
          setError(failure);
          toast.error(failure, 'Could not load the list');
        },
      );
    },
    [evict, pageSize, toast],
  );

  const loadRange = useCallback(() => {
    const first = Math.floor(range.current.start / pageSize);
    const last = Math.floor(range.current.end / pageSize);
    for (let page = first; page <= last; page++) load(page);
  }, [load, pageSize]);

  useEffect(() => {
    generation.current++;
    inflight.current.clear();
    if (lastReset.current !== resetKey) {
      lastReset.current = resetKey;
      listGeneration.current++;
      shownGeneration.current.clear();
      totalGeneration.current = -1;
      pages.current.clear();
      stale.current.clear();
      range.current = { start: 0, end: pageSize - 1 };
      setTotal(null);
      setShownKey(resetKey);
      setVersion((v) => v + 1);
    } else {
      for (const [key, rows] of pages.current) stale.current.set(key, rows);
      pages.current.clear();
    }
    loadRange();
  }, [resetKey, revision, loadRange, pageSize]);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  const requestRange = useCallback(
    (start: number, end: number) => {
      range.current = { start, end };
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        timer.current = null;
        loadRange();
      }, DEBOUNCE_MS);
    },
    [loadRange],
  );

  const getItem = useCallback(
    (index: number): T | undefined => {
      if (!isShownList) return undefined;
      const page = Math.floor(index / pageSize);
      return (pages.current.get(page) ?? stale.current.get(page))?.[index % pageSize];
    },
    // Rows live in refs (no copy of a 100k-row array per update); `version` gives a new function
    // when rows arrive, so consumers that depend on it re-render.
    [pageSize, version, isShownList],
  );

  const findIndex = useCallback(
    (predicate: (item: T) => boolean): number => {
      if (!isShownList) return -1;
      for (const [page, rows] of pages.current) {
        const i = rows.findIndex(predicate);
        if (i >= 0) return page * pageSize + i;
      }
      return -1;
    },
    [pageSize, version, isShownList],
  );

  return { total: isShownList ? total : null, getItem, requestRange, findIndex, version, error };
}
