import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { onAppEvent } from './events';

/**
 * The library's "revision": a counter every view includes in its data dependencies. A write made
 * here bumps it at once; a `changed` event from main (another window, the CLI, the browser clipper)
 * bumps it too. Bumps coalesce, so one write refetches once. The events of this page's own writes
 * never arrive here (the transport leaves them out), so a change made elsewhere a moment after one
 * made here is never mistaken for its echo and dropped.
 */
interface LibraryState {
  revision: number;
  invalidate(): void;
}

const LibraryContext = createContext<LibraryState | null>(null);

const LOCAL_DELAY_MS = 30;
const EXTERNAL_INTERVAL_MS = 400;

export function LibraryProvider({ children }: { children: ReactNode }) {
  const [revision, setRevision] = useState(0);
  const pending = useRef<number | null>(null);
  const lastBump = useRef(0);

  /** Bump after `delay` ms; bumps requested meanwhile ride along with it. */
  const bump = useCallback((delay: number) => {
    if (pending.current !== null) return;
    pending.current = window.setTimeout(() => {
      pending.current = null;
      lastBump.current = Date.now();
      setRevision((r) => r + 1);
    }, delay);
  }, []);

  const invalidate = useCallback(() => bump(LOCAL_DELAY_MS), [bump]);

  useEffect(
    () =>
      onAppEvent((event) => {
        if (event.type !== 'changed') return;
        // Changes made elsewhere refresh at most a few times a second: a bulk import emits one
        // event per article, and refetching every view for each would starve the UI.
        bump(Math.max(LOCAL_DELAY_MS, EXTERNAL_INTERVAL_MS - (Date.now() - lastBump.current)));
      }),
    [bump],
  );

  useEffect(() => () => {
    if (pending.current !== null) window.clearTimeout(pending.current);
  }, []);

  const value = useMemo(() => ({ revision, invalidate }), [revision, invalidate]);
  return <LibraryContext.Provider value={value}>{children}</LibraryContext.Provider>;
}

export function useLibrary(): LibraryState {
  const state = useContext(LibraryContext);
  if (!state) throw new Error('useLibrary must be used inside <LibraryProvider>');
  return state;
}
