import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClipSource } from '../../../shared/api/methods-clip';
import { useToast } from '../../components/Toasts';
import { plural } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { describeClipProblem, type ClipProblem } from './clip-problem';
import { clipOne, type ClippedArticle, type ClipTarget } from './clip-result';

/** One thing to clip in a batch: a URL, a file. `load` may fail (an unreadable file). */
export interface BatchItem {
  key: string;
  label: string;
  load(): Promise<ClipSource>;
}

export type EntryState =
  | { status: 'waiting' }
  | { status: 'running' }
  | { status: 'done'; clipped: ClippedArticle }
  | { status: 'failed'; problem: ClipProblem }
  /** Not started because the user cancelled. */
  | { status: 'skipped' };

export interface BatchEntry {
  key: string;
  label: string;
  state: EntryState;
}

export type BatchPhase = 'idle' | 'running' | 'cancelling' | 'finished' | 'cancelled';

export interface BatchProgress {
  total: number;
  done: number;
  errors: number;
  current: string | null;
}

/** How many clips run at once: URL fetches overlap well; the server writes one at a time anyway. */
const CONCURRENCY = 3;

/**
 * Clip many items with progress, per-item results and a Cancel that works over every transport.
 *
 * `articles.clipMany` reports progress through the `progress` event but cannot be cancelled from
 * the renderer: the API has no cancel method, and browser mode's HTTP route passes no abort
 * signal to the handler. So the batch runs here, one `articles.clip` per item, a few at a time;
 * Cancel stops starting new items, the ones already under way finish, and every article committed
 * so far stays. The progress shown is this batch's own, not the app-wide `progress` events
 * (another window's import would mix into those).
 */
export function useBatchClip() {
  const { invalidate } = useLibrary();
  const toast = useToast();
  const [entries, setEntries] = useState<BatchEntry[]>([]);
  const [phase, setPhase] = useState<BatchPhase>('idle');
  const isCancelled = useRef(false);
  const isMounted = useRef(true);

  useEffect(() => {
    isMounted.current = true;
    return () => {
      // Closing the dialog cancels the batch: nothing would show its progress any more.
      isMounted.current = false;
      isCancelled.current = true;
    };
  }, []);

  const start = useCallback(
    async (items: readonly BatchItem[], target: ClipTarget, allowPrivateAddresses: boolean) => {
      if (items.length === 0) return;
      isCancelled.current = false;
      const states: EntryState[] = items.map(() => ({ status: 'waiting' }));
      const publish = () => {
        if (isMounted.current) setEntries(items.map((item, i) => ({ key: item.key, label: item.label, state: states[i]! })));
      };
      setPhase('running');
      publish();
      let next = 0;
      const worker = async () => {
        while (next < items.length && !isCancelled.current) {
          const index = next++;
          states[index] = { status: 'running' };
          publish();
          try {
            const source = await items[index]!.load();
            states[index] = { status: 'done', clipped: await clipOne(source, target, allowPrivateAddresses) };
          } catch (error) {
            states[index] = { status: 'failed', problem: describeClipProblem(error) };
          }
          publish();
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
      for (let i = 0; i < states.length; i++) if (states[i]!.status === 'waiting') states[i] = { status: 'skipped' };
      publish();
      const clipped = states.filter((s) => s.status === 'done').length;
      if (clipped > 0) invalidate();
      if (isMounted.current) {
        setPhase(isCancelled.current ? 'cancelled' : 'finished');
      } else if (clipped > 0) {
        toast.info(`Clipping stopped when the dialog closed: ${plural(clipped, 'article')} clipped.`);
      }
    },
    [invalidate, toast],
  );

  const cancel = useCallback(() => {
    isCancelled.current = true;
    setPhase((p) => (p === 'running' ? 'cancelling' : p));
  }, []);

  const reset = useCallback(() => {
    setEntries([]);
    setPhase('idle');
  }, []);

  const progress = useMemo<BatchProgress>(() => {
    let done = 0;
    let errors = 0;
    let current: string | null = null;
    for (const entry of entries) {
      if (entry.state.status === 'done') done++;
      else if (entry.state.status === 'failed') {
        done++;
        errors++;
      } else if (entry.state.status === 'running' && current === null) current = entry.label;
    }
    return { total: entries.length, done, errors, current };
  }, [entries]);

  return { entries, phase, progress, start, cancel, reset, isBusy: phase === 'running' || phase === 'cancelling' };
}

export type BatchClip = ReturnType<typeof useBatchClip>;

/**
 * The form and the progress view of a batch replace each other; the focus follows to what matters
 * (the form's input when idle, the batch's action button otherwise) — not on first render.
 */
export function useBatchFocus(isIdle: boolean, isBusy: boolean, idleTarget: { current: HTMLElement | null }, busyTarget: { current: HTMLElement | null }): void {
  const hasRendered = useRef(false);
  useEffect(() => {
    if (!hasRendered.current) {
      hasRendered.current = true;
      return;
    }
    (isIdle ? idleTarget.current : busyTarget.current)?.focus();
  }, [isIdle, isBusy, idleTarget, busyTarget]);
}
