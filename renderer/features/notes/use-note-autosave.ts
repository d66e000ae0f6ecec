import { useCallback, useEffect, useRef, useState } from 'react';
import type { Note } from '../../../shared/domain/entities';
import { ApiError, call } from '../../api/client';
import { describeError } from '../../lib/errors';
import { clearDraft, writeDraft } from './note-drafts';

export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'conflict'; stored: Note; mine: { title: string; body: string } }
  | { kind: 'error'; message: string };

const SAVE_DELAY_MS = 500;
/** Above this size a draft is written at most this often (plus on leaving), not per keystroke. */
const LARGE_DRAFT = 200_000;
const LARGE_DRAFT_INTERVAL_MS = 300;
const RETRY_MS = 5_000;

/**
 * Autosave for one note: debounced saves (~500 ms after typing stops, and at once on blur, on
 * hiding the window, on leaving the note), each sending the `updatedAt` it last saw. The text is
 * copied to this window's draft in localStorage on every change until a save confirms it (a save
 * clears only this window's draft: note-drafts.ts). A `conflict` stops autosave and
 * hands both versions to the caller; nothing is overwritten without a choice.
 *
 * `read()` returns the editor's current text; it is called only when needed (a 1 MB note is not
 * copied per keystroke into React state).
 */
export function useNoteAutosave(noteId: string, read: () => { title: string; body: string }, onSaved: (note: Note) => void) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved' });
  const [isDraftKept, setIsDraftKept] = useState(true);
  const base = useRef<{ updatedAt: string | null; title: string; body: string }>({ updatedAt: null, title: '', body: '' });
  const isDirty = useRef(false);
  const isPaused = useRef(true);
  const inFlight = useRef<Promise<void> | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const statusKind = useRef<SaveStatus['kind']>('saved');
  const readRef = useRef(read);
  readRef.current = read;
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const show = useCallback((next: SaveStatus) => {
    // Only real transitions re-render (typing keeps it "dirty").
    if (next.kind === statusKind.current && next.kind !== 'conflict' && next.kind !== 'error') return;
    statusKind.current = next.kind;
    setStatus(next);
  }, []);

  const keepDraft = useCallback(() => {
    if (draftTimer.current !== null) {
      clearTimeout(draftTimer.current);
      draftTimer.current = null;
    }
    const { title, body } = readRef.current();
    const ok = writeDraft({ noteId, title, body, baseUpdatedAt: base.current.updatedAt, savedAt: new Date().toISOString() });
    setIsDraftKept((was) => (was === ok ? was : ok));
  }, [noteId]);

  const saveRef = useRef<() => Promise<void>>(async () => {});
  const schedule = useCallback(() => {
    if (saveTimer.current !== null) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void saveRef.current(), SAVE_DELAY_MS);
  }, []);

  const save = useCallback(async (): Promise<void> => {
    if (saveTimer.current !== null) {
      clearTimeout(saveTimer.current);
      saveTimer.current = null;
    }
    if (isPaused.current || !isDirty.current) return;
    if (inFlight.current) {
      // One save at a time; whatever was typed meanwhile goes in the next one.
      await inFlight.current;
      return saveRef.current();
    }
    const snapshot = readRef.current();
    isDirty.current = false;
    show({ kind: 'saving' });
    const run = (async () => {
      try {
        const note = await call('notes.update', {
          id: noteId,
          title: snapshot.title,
          body: snapshot.body,
          ...(base.current.updatedAt ? { expectedUpdatedAt: base.current.updatedAt } : {}),
        });
        base.current = { updatedAt: note.updatedAt, title: snapshot.title, body: snapshot.body };
        if (isDirty.current) {
          show({ kind: 'dirty' });
          schedule();
        } else {
          clearDraft(noteId);
          show({ kind: 'saved' });
        }
        onSavedRef.current(note);
      } catch (error) {
        isDirty.current = true;
        if (error instanceof ApiError && error.code === 'conflict' && error.info.details?.current) {
          isPaused.current = true;
          show({ kind: 'conflict', stored: error.info.details.current as Note, mine: readRef.current() });
        } else {
          show({ kind: 'error', message: describeError(error) });
          saveTimer.current = setTimeout(() => void saveRef.current(), RETRY_MS);
        }
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
  }, [noteId, show, schedule]);
  saveRef.current = save;

  /** The editor changed: copy to the draft, mark dirty, save soon. */
  const changed = useCallback(
    (size: number) => {
      isDirty.current = true;
      if (size < LARGE_DRAFT) keepDraft();
      else if (draftTimer.current === null) draftTimer.current = setTimeout(keepDraft, LARGE_DRAFT_INTERVAL_MS);
      if (!isPaused.current) {
        show({ kind: 'dirty' });
        schedule();
      }
    },
    [keepDraft, schedule, show],
  );

  /**
   * Start from the stored note (after loading, or after choosing in a conflict). `keepsDraft`: a
   * draft of this window is on offer, so it stays stored until the writer chooses (another crash
   * before then must not lose it).
   */
  const reset = useCallback(
    (stored: { updatedAt: string; title: string; body: string }, options: { isDirty?: boolean; keepsDraft?: boolean } = {}) => {
      base.current = { updatedAt: stored.updatedAt, title: stored.title, body: stored.body };
      isPaused.current = false;
      isDirty.current = options.isDirty ?? false;
      statusKind.current = 'saved';
      setStatus(options.isDirty ? { kind: 'dirty' } : { kind: 'saved' });
      if (options.isDirty) {
        keepDraft();
        schedule();
      } else if (!options.keepsDraft) clearDraft(noteId);
    },
    [keepDraft, noteId, schedule],
  );

  // Leaving: hidden window, page closing, another note. The draft goes first (synchronous).
  useEffect(() => {
    const flush = () => {
      if (!isDirty.current) return;
      keepDraft();
      void save();
    };
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      flush();
      if (saveTimer.current !== null) clearTimeout(saveTimer.current);
      if (draftTimer.current !== null) clearTimeout(draftTimer.current);
    };
  }, [keepDraft, save]);

  return { status, isDraftKept, changed, save, reset, base };
}
