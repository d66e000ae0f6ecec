import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useId, useRef, useState } from 'react';
import type { Note } from '../../../shared/domain/entities';
import { formatDateTime } from '../../lib/format';

/**
 * Another window (or the CLI) saved this note while you were writing. Both versions side by side:
 * the stored one on the left (read-only), yours on the right (editable). The arrows copy a changed
 * passage from the stored version into yours; what is on the right when you save is what is kept.
 * Nothing is dropped without a choice.
 */
export function ConflictPanel({
  stored,
  mine,
  onKeepMerged,
  onTakeStored,
}: {
  stored: Note;
  mine: { title: string; body: string };
  onKeepMerged(result: { title: string; body: string }): void;
  onTakeStored(): void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const merge = useRef<MergeView | null>(null);
  const [title, setTitle] = useState(mine.title);
  const titleId = useId();

  useEffect(() => {
    const readable = [
      EditorView.lineWrapping,
      EditorView.theme({
        '.cm-scroller': { fontFamily: 'var(--font-reading)', fontSize: '15px', lineHeight: '1.6' },
        '.cm-gutters': { backgroundColor: 'var(--bg-app)', borderRight: '1px solid var(--border)', color: 'var(--fg-faint)' },
        '.cm-content': { caretColor: 'var(--fg)' },
      }),
    ];
    const view = new MergeView({
      a: { doc: stored.body, extensions: [...readable, EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.contentAttributes.of({ 'aria-label': 'Stored version' })] },
      b: { doc: mine.body, extensions: [...readable, EditorView.contentAttributes.of({ 'aria-label': 'Your version' })] },
      parent: host.current!,
      revertControls: 'a-to-b',
      highlightChanges: true,
      gutter: true,
    });
    merge.current = view;
    return () => {
      view.destroy();
      merge.current = null;
    };
  }, [stored.body, mine.body]);

  /** Both texts: every passage only the stored version has goes in just before yours. */
  const keepBoth = () => {
    const view = merge.current;
    if (!view) return;
    const changes = view.chunks
      .filter((c) => c.toA > c.fromA)
      .map((c) => {
        const stored = view.a.state.sliceDoc(c.fromA, Math.min(c.toA, view.a.state.doc.length));
        return { from: Math.min(c.fromB, view.b.state.doc.length), insert: stored.endsWith('\n') || c.toB === c.fromB ? stored : `${stored}\n` };
      });
    view.b.dispatch({ changes });
  };

  return (
    <section className="conflict-panel" role="alert" aria-label="Conflicting versions">
      <div className="conflict-panel__intro">
        <h2 className="conflict-panel__title">This note was changed elsewhere</h2>
        <p>
          Another window saved it at {formatDateTime(stored.updatedAt)}, after you started writing. The stored version is on the left, yours on the right. Use the
          arrows to copy passages across, edit the right side, then keep it.
        </p>
      </div>
      {stored.title !== mine.title && (
        <div className="conflict-panel__titles">
          <label htmlFor={titleId}>Title</label>
          <input id={titleId} className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
          <button type="button" className="button button--ghost button--small" onClick={() => setTitle(stored.title)}>
            Use the stored title (“{stored.title || 'Untitled'}”)
          </button>
        </div>
      )}
      <div className="conflict-panel__labels" aria-hidden="true">
        <span>Stored version</span>
        <span>Your version</span>
      </div>
      <div ref={host} className="conflict-panel__merge" />
      <div className="banner__actions conflict-panel__actions">
        <button type="button" className="button button--primary" onClick={() => onKeepMerged({ title, body: merge.current?.b.state.doc.toString() ?? mine.body })}>
          Keep the right side
        </button>
        <button type="button" className="button" onClick={keepBoth} title="Copy every passage only the stored version has into yours, above your own">
          Put both into the right side
        </button>
        <button type="button" className="button button--ghost" onClick={onTakeStored}>
          Discard my changes, use the stored version
        </button>
      </div>
    </section>
  );
}
