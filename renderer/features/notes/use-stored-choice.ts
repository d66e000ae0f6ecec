import { useCallback, useState } from 'react';

/** A small UI preference kept in localStorage (the editor's layout, the citation style). */
export function useStoredChoice<T extends string | null>(key: string, allowed: readonly T[], fallback: T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(key);
      const parsed = raw === null ? fallback : (JSON.parse(raw) as T);
      return allowed.includes(parsed) ? parsed : fallback;
    } catch {
      return fallback;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Not kept across sessions; the choice still applies now.
      }
    },
    [key],
  );
  return [value, set];
}
