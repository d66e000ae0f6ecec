import { lazy, Suspense, useCallback, useState } from 'react';
import type { ItemType, Note } from '../../../shared/domain/entities';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { PagedListPane } from '../../components/PagedListPane';
import { useToast } from '../../components/Toasts';
import { formatDateTime, truncate } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { ExportNotesDialog } from './ExportNotesDialog';

// The editor (CodeMirror, the Markdown parser, the merge view) loads when a note is first opened.
const NoteEditor = lazy(() => import('./NoteEditor').then((m) => ({ default: m.NoteEditor })));

/** Notes: a list, and the editor (Markdown with live embeds of quotes, articles, speakers and topics). */
export function NotesView({
  selectedId,
  onSelect,
  onOpenItem = () => {},
}: {
  selectedId: string | null;
  onSelect(id: string | null): void;
  onOpenItem?(id: string, type: ItemType): void;
}) {
  const { invalidate } = useLibrary();
  const toast = useToast();
  const [isCreating, setIsCreating] = useState(false);
  const [isExportOpen, setIsExportOpen] = useState(false);
  const fetchPage = useCallback(
    (offset: number, limit: number, contains: string | undefined) =>
      call('notes.list', { offset, limit, sort: 'updatedAt', order: 'desc', ...(contains ? { contains } : {}) }),
    [],
  );

  const create = async () => {
    setIsCreating(true);
    try {
      const note = await call('notes.create', { title: '', body: '' });
      invalidate();
      onSelect(note.id);
    } catch (error) {
      toast.error(error, 'Could not create a note');
    } finally {
      setIsCreating(false);
    }
  };

  const newButton = (
    <button type="button" className="button button--small" onClick={() => void create()} disabled={isCreating}>
      <Icon name="plus" />
      New note
    </button>
  );

  const headerActions = (
    <>
      <button type="button" className="button button--ghost button--small" onClick={() => setIsExportOpen(true)} aria-haspopup="dialog" title="Export every note of a collection as Markdown, HTML or Word">
        Export notes…
      </button>
      {newButton}
    </>
  );

  return (
    <div className="split-view">
      <PagedListPane<Note>
        title="Notes"
        noun="note"
        label="Notes"
        filterLabel="Filter notes"
        fetchPage={fetchPage}
        resetKey="notes"
        getKey={(n) => n.id}
        rowHeight={56}
        selectedId={selectedId}
        onSelect={onSelect}
        headerActions={headerActions}
        renderRow={(note) => (
          <div className="article-row">
            <span className="article-row__title">{note.title || truncate(note.body, 80) || 'Untitled note'}</span>
            <span className="article-row__meta">
              <span>{formatDateTime(note.updatedAt)}</span>
              {note.title && note.body && <span>{truncate(note.body, 60)}</span>}
            </span>
          </div>
        )}
        empty={
          <EmptyState icon="note" title="No notes yet." action={newButton}>
            <p>Write what you are finding; type [[ in a note to embed a quote, an article, a speaker or a topic.</p>
          </EmptyState>
        }
        emptyFiltered={(text) => <EmptyState icon="search" title={`No notes contain “${text}”.`} />}
      />
      {selectedId ? (
        <Suspense
          fallback={
            <section className="detail-pane" aria-label="Note" aria-busy="true">
              <p className="muted note-editor__loading">Opening the editor…</p>
            </section>
          }
        >
          <NoteEditor key={selectedId} id={selectedId} onTrashed={() => onSelect(null)} onOpenItem={onOpenItem} />
        </Suspense>
      ) : (
        <section className="detail-pane" aria-label="Note">
          <EmptyState icon="note" title="No note selected">
            <p>Choose a note in the list, or create one with New note.</p>
          </EmptyState>
        </section>
      )}
      {isExportOpen && <ExportNotesDialog onClose={() => setIsExportOpen(false)} onExported={(fileName) => toast.info(`Exported “${fileName}”.`)} />}
    </div>
  );
}
