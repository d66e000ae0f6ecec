import { useId, useState, type FormEvent } from 'react';
import { CITATION_STYLES, CITATION_STYLE_LABELS, type CitationStyle, type NoteExportFormat } from '../../../shared/notes/resolved';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useCapabilities } from '../../lib/capabilities';
import { describeError } from '../../lib/errors';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import { downloadNoteExport, noteExportChoices } from './note-export';
import { useStoredChoice } from './use-stored-choice';
import './notes.css';

const STYLE_CHOICES = [null, ...CITATION_STYLES] as const;

/**
 * Export every note of a collection as one document (`notes.export { collectionId }`): Markdown,
 * HTML, DOCX, or PDF in the desktop app. A plain form in a modal dialog: Tab moves through the
 * collection, the format radios (arrow keys) and the citation style; Enter exports; Esc closes.
 */
export function ExportNotesDialog({ onClose, onExported }: { onClose(): void; onExported(fileName: string): void }) {
  const id = useId();
  const { revision } = useLibrary();
  const canMakePdf = useCapabilities()?.pdf === true;
  const { data: collections } = useQuery(() => call('collections.list', { limit: 1000, sort: 'name', order: 'asc' }), [revision], 'Could not load collections');
  const [chosenId, setChosenId] = useState('');
  const collection = collections?.items.find((c) => c.id === chosenId) ?? collections?.items[0];
  const { data: notesIn } = useQuery(
    collection ? () => call('notes.list', { collectionId: collection.id, limit: 1 }).then((page) => ({ collectionId: collection.id, total: page.total })) : null,
    [collection?.id, revision],
  );
  const noteCount = notesIn && notesIn.collectionId === collection?.id ? notesIn.total : null;
  const [format, setFormat] = useState<NoteExportFormat>('docx');
  // The same preference as the editor's citation style menu.
  const [citationStyle, setCitationStyle] = useStoredChoice<CitationStyle | null>('sourcebook.notes.citationStyle', STYLE_CHOICES, null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const problem =
    !collections ? null
    : !collection ? 'There are no collections yet. Add notes to a collection from a note’s details first.'
    : noteCount === 0 ? `The collection “${collection.name}” holds no notes yet. Add notes to it from a note’s details.`
    : null;
  const canExport = Boolean(collection) && noteCount !== null && noteCount > 0 && !isBusy;

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (!collection || !canExport) return;
    setIsBusy(true);
    setError(null);
    try {
      const fileName = await downloadNoteExport({ collectionId: collection.id }, format, citationStyle);
      onExported(fileName);
      onClose();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Dialog
      title="Export notes"
      description="Every note of a collection in one document, its embeds resolved."
      onClose={onClose}
      size="small"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={`${id}-form`} className="button button--primary" disabled={!canExport}>
            {isBusy ? 'Exporting…' : 'Export'}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} className="form" onSubmit={run} aria-busy={isBusy}>
        <div className="field">
          <label htmlFor={`${id}-collection`} className="field__label">
            Collection
          </label>
          <select
            id={`${id}-collection`}
            className="select"
            value={collection?.id ?? ''}
            onChange={(e) => setChosenId(e.target.value)}
            aria-describedby={`${id}-count`}
            // Never disabled: it has the focus when the dialog opens, while the list is still loading.
            data-autofocus
          >
            {!collections && <option value="">Loading…</option>}
            {collections?.items.length === 0 && <option value="">No collections yet</option>}
            {collections?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <p id={`${id}-count`} className="field__hint" role="status">
            {problem ?? (noteCount === null ? '' : `${noteCount.toLocaleString()} ${noteCount === 1 ? 'note' : 'notes'}, oldest first, each under its own heading.`)}
          </p>
        </div>

        <fieldset className="field">
          <legend className="field__label">Format</legend>
          <div role="radiogroup" aria-label="Format" className="notes-export__options">
            {noteExportChoices(canMakePdf).map(([value, label]) => (
              <label key={value} className="notes-export__option">
                <input type="radio" name={`${id}-format`} value={value} checked={format === value} onChange={() => setFormat(value)} />
                {label}
              </label>
            ))}
          </div>
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-style`} className="field__label">
            Citations
          </label>
          <select id={`${id}-style`} className="select" value={citationStyle ?? ''} onChange={(e) => setCitationStyle((e.target.value || null) as CitationStyle | null)}>
            <option value="">No citations</option>
            {CITATION_STYLES.map((s) => (
              <option key={s} value={s}>
                {CITATION_STYLE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>

        {error && (
          <p className="form__error" role="alert">
            Could not export the notes: {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
