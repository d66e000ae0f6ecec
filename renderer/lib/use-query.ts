import { useCallback, useEffect, useRef, useState } from 'react';
import { useToast } from '../components/Toasts';

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload(): void;
}

/**
 * Load data when `deps` change. The previous data stays visible while the next load runs (no
 * flicker when the library revision bumps; callers check that `data` is for what they asked, e.g.
 * by id), answers never go back in time, and a failure is both returned (for an inline message)
 * and shown as a toast — never swallowed, unless the question was withdrawn (`load` became null).
 */
export function useQuery<T>(load: (() => Promise<T>) | null, deps: readonly unknown[], errorContext?: string): QueryState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [isLoading, setIsLoading] = useState(load !== null);
  const [nonce, setNonce] = useState(0);
  const latest = useRef(0);
  const applied = useRef(0);
  const toast = useToast();
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const run = loadRef.current;
    if (!run) {
      // Nothing is asked any more (the selection was cleared): answers still on their way are for a
      // question no one asks now, and their failure must not be shown (an article fetched just
      // before it was trashed answers "in the trash").
      applied.current = ++latest.current;
      setData(undefined);
      setError(undefined);
      setIsLoading(false);
      return;
    }
    const ticket = ++latest.current;
    setIsLoading(true);
    run().then(
      (value) => {
        // Answers are applied in order, and an older answer still counts until a newer one lands:
        // while the library changes faster than a request returns (a bulk import emitting a
        // change per article), dropping every superseded answer would never show anything.
        if (ticket <= applied.current) return;
        applied.current = ticket;
        setData(value);
        setError(undefined);
        if (ticket === latest.current) setIsLoading(false);
      },
      (failure: unknown) => {
        if (ticket !== latest.current) return;
        applied.current = ticket;
        setError(failure);
        setIsLoading(false);
        toast.error(failure, errorContext);
      },
    );
    // Callers list what `load` depends on (React's own rule for effects); `load` itself is read from a ref.
  }, [...deps, nonce, load === null]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, isLoading, reload };
}
