import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Note } from '../../../shared/domain/entities';
import { ApiError, call } from '../../api/client';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { useLibrary } from '../../lib/library-context';

type SaveState = { kind: 'loading' } | { kind: 'saved' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'conflict'; stored: Note | null } | { kind: 'error'; message: string };

const AUTOSAVE_MS = 700;

/**
 * A plain note editor that saves while you type. Each save sends the `updatedAt` it last saw, so a
 * note changed elsewhere (another window, the CLI) is a conflict the user resolves, never a silent
 * overwrite. Pending text is saved when the editor closes.
 */
export function NoteEditor({ id, onTrashed }: { id: string; onTrashed(): void }) {
  const { invalidate } = useLibrary();
  const toast = useToast();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [state, setState] = useState<SaveState>({ kind: 'loading' });
  const seen = useRef<string | null>(null);
  const draft = useRef({ title: '', body: '' });
  const isDirty = useRef(false);
  const timer = useRef<number | null>(null);
  const fieldId = useId();

  useEffect(() => {
    let isCurrent = true;
    call('notes.get', { id }).then(
      (note) => {
        if (!isCurrent) return;
        seen.current = note.updatedAt;
        draft.current = { title: note.title, body: note.body };
        setTitle(note.title);
        setBody(note.body);
        setState({ kind: 'saved' });
      },
      (error: unknown) => {
        if (!isCurrent) return;
        setState({ kind: 'error', message: describeError(error) });
        toast.error(error, 'Could not open the note');
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [id, toast]);

  const save = useCallback(
    async (force = false) => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      if (!isDirty.current && !force) return;
      isDirty.current = false;
      setState({ kind: 'saving' });
      try {
        const note = await call('notes.update', {
          id,
          title: draft.current.title,
          body: draft.current.body,
          ...(force || seen.current === null ? {} : { expectedUpdatedAt: seen.current }),
        });
        seen.current = note.updatedAt;
        setState(isDirty.current ? { kind: 'dirty' } : { kind: 'saved' });
        invalidate();
      } catch (error) {
        isDirty.current = true;
        if (error instanceof ApiError && error.code === 'conflict') {
          const stored = (error.info.details?.current as Note | undefined) ?? null;
          setState({ kind: 'conflict', stored });
        } else {
          setState({ kind: 'error', message: describeError(error) });
          toast.error(error, 'Could not save the note');
        }
      }
    },
    [id, invalidate, toast],
  );

  const change = (next: { title?: string; body?: string }) => {
    draft.current = { ...draft.current, ...next };
    isDirty.current = true;
    if (next.title !== undefined) setTitle(next.title);
    if (next.body !== undefined) setBody(next.body);
    setState((s) => (s.kind === 'conflict' ? s : { kind: 'dirty' }));
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), AUTOSAVE_MS);
  };

  // Leaving the note (another selection, another view) saves what was typed.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(
    () => () => {
      if (isDirty.current) void saveRef.current();
    },
    [],
  );

  const loadStored = (stored: Note) => {
    seen.current = stored.updatedAt;
    draft.current = { title: stored.title, body: stored.body };
    isDirty.current = false;
    setTitle(stored.title);
    setBody(stored.body);
    setState({ kind: 'saved' });
  };

  const trash = async () => {
    try {
      await call('items.trash', { id });
      isDirty.current = false;
      invalidate();
      toast.info('Moved the note to the trash.');
      onTrashed();
    } catch (error) {
      toast.error(error, 'Could not move the note to the trash');
    }
  };

  const status =
    state.kind === 'loading' ? 'Loading…' : state.kind === 'saving' ? 'Saving…' : state.kind === 'dirty' ? 'Unsaved changes' : state.kind === 'saved' ? 'Saved' : '';

  return (
    <section className="detail-pane note-editor" aria-label="Note">
      <div className="note-editor__toolbar">
        <span className="note-editor__status" role="status">
          {status}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="button button--ghost button--small" onClick={() => void trash()}>
          <Icon name="trash" />
          Move to trash
        </button>
      </div>
      {state.kind === 'conflict' && (
        <div className="banner banner--warning" role="alert">
          <p>This note was changed elsewhere since you opened it. Keep your text (overwriting the other change), or load the stored version.</p>
          <div className="banner__actions">
            <button type="button" className="button button--small" onClick={() => void save(true)}>
              Keep my text
            </button>
            {state.stored && (
              <button type="button" className="button button--small button--ghost" onClick={() => loadStored(state.stored!)}>
                Load stored version
              </button>
            )}
          </div>
        </div>
      )}
      {state.kind === 'error' && (
        <div className="banner banner--danger" role="alert">
          <p>{state.message}</p>
          <div className="banner__actions">
            <button type="button" className="button button--small" onClick={() => void save(true)}>
              Try again
            </button>
          </div>
        </div>
      )}
      <label htmlFor={`${fieldId}-title`} className="visually-hidden">
        Note title
      </label>
      <input
        id={`${fieldId}-title`}
        className="note-editor__title"
        placeholder="Title"
        value={title}
        disabled={state.kind === 'loading'}
        onChange={(e) => change({ title: e.target.value })}
        maxLength={2000}
      />
      <label htmlFor={`${fieldId}-body`} className="visually-hidden">
        Note
      </label>
      <textarea
        id={`${fieldId}-body`}
        className="note-editor__body"
        placeholder="Write…"
        value={body}
        disabled={state.kind === 'loading'}
        onChange={(e) => change({ body: e.target.value })}
      />
    </section>
  );
}
