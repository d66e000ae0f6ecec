import { Compartment } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { openSearchPanel } from '@codemirror/search';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ItemType, Note } from '../../../shared/domain/entities';
import { CITATION_STYLES, CITATION_STYLE_LABELS, type CitationStyle, type NoteExportFormat } from '../../../shared/notes/resolved';
import { call } from '../../api/client';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { useCapabilities } from '../../lib/capabilities';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { primaryKeyLabel } from '../../lib/keyboard';
import { useLibrary } from '../../lib/library-context';
import { ConflictPanel } from './ConflictPanel';
import { createEditorState } from './editor/create-editor';
import { insertEmbedTrigger } from './editor/embed-completion';
import { createPortalRegistry, embedsResolved, type EmbedWidgets } from './editor/embed-widgets';
import type { EmbedActions } from './EmbedCard';
import { EmbedPortals } from './EmbedPortals';
import { embedStore, refreshAllCitations } from './embed-store';
import { clearDraft, discardDraft, isOwnDraft, readDrafts, type NoteDraft } from './note-drafts';
import { downloadNoteExport, noteExportChoices } from './note-export';
import { NoteMeta } from './NoteMeta';
import { NotePreview } from './NotePreview';
import { invalidatePickerIndex } from './picker-index';
import { useNoteAutosave } from './use-note-autosave';
import { useStoredChoice } from './use-stored-choice';
import './notes.css';

const LAYOUTS = ['write', 'split', 'preview'] as const;
type Layout = (typeof LAYOUTS)[number];
const STYLE_CHOICES = [null, ...CITATION_STYLES] as const;
const PREVIEW_DELAY_MS = 250;
const SHORT_STYLE_LABELS: Record<CitationStyle, string> = { 'chicago-note': 'Chicago notes', 'chicago-author-date': 'Chicago author-date', apa: 'APA 7' };

/**
 * The note editor: CodeMirror 6 with Markdown, live embeds (`[[` to pick a quote, article, speaker
 * or topic), undo/redo, search (Mod-f) and autosave with crash-safe drafts and conflict merging.
 * The document lives in CodeMirror, not React state: typing re-renders nothing here.
 */
export function NoteEditor({ id, onTrashed, onOpenItem }: { id: string; onTrashed(): void; onOpenItem(id: string, type: ItemType): void }) {
  const { revision, invalidate } = useLibrary();
  const toast = useToast();
  const [note, setNote] = useState<Note | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  // Unsaved drafts of this note (this window's first, then other windows' newest first), offered one at a time.
  const [draftOffers, setDraftOffers] = useState<NoteDraft[]>([]);
  const draftOffer = draftOffers[0] ?? null;
  const [layout, setLayout] = useStoredChoice<Layout>('sourcebook.notes.layout', LAYOUTS, 'write');
  const [citationStyle, setCitationStyle] = useStoredChoice<CitationStyle | null>('sourcebook.notes.citationStyle', STYLE_CHOICES, null);
  const [previewBody, setPreviewBody] = useState('');
  const [isPrinting, setIsPrinting] = useState(false);
  const [isExportOpen, setIsExportOpen] = useState(false);
  const canMakePdf = useCapabilities()?.pdf === true;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const widgets = useRef<EmbedWidgets | null>(null);
  const titleRef = useRef('');
  const editable = useMemo(() => new Compartment(), []);
  const registry = useMemo(createPortalRegistry, []);
  const previewTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const titleId = useId();

  const read = useCallback(() => ({ title: titleRef.current, body: view.current?.state.doc.toString() ?? '' }), []);
  const onSaved = useCallback(
    (saved: Note) => {
      setNote((n) => (n && n.id === saved.id ? { ...n, updatedAt: saved.updatedAt } : n));
      invalidate();
    },
    [invalidate],
  );
  const autosave = useNoteAutosave(id, read, onSaved);
  const autosaveRef = useRef(autosave);
  autosaveRef.current = autosave;

  const resolveVisible = useCallback(() => {
    const state = view.current?.state;
    if (state && widgets.current) embedStore.request(widgets.current.idsIn(state));
  }, []);

  const schedulePreview = useCallback(() => {
    if (layoutRef.current === 'write') return;
    if (previewTimer.current !== null) clearTimeout(previewTimer.current);
    previewTimer.current = setTimeout(() => {
      previewTimer.current = null;
      setPreviewBody(view.current?.state.doc.toString() ?? '');
    }, PREVIEW_DELAY_MS);
  }, []);

  /** Replace the whole text (a restored draft, a conflict choice) as one undoable change. */
  const replaceText = useCallback((body: string, nextTitle: string) => {
    titleRef.current = nextTitle;
    setTitle(nextTitle);
    const v = view.current;
    if (v) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: body } });
    setPreviewBody(body);
  }, []);

  // Load the note and build the editor once per note.
  useEffect(() => {
    let isCurrent = true;
    call('notes.get', { id }).then(
      (loaded) => {
        if (!isCurrent || !host.current) return;
        const drafts = readDrafts(id);
        const offers = drafts.filter((d) => d.body !== loaded.body || d.title !== loaded.title);
        // A draft equal to the stored note holds nothing unsaved, whichever window wrote it.
        for (const d of drafts) if (!offers.includes(d)) discardDraft(d);
        const hasDraft = offers.length > 0;
        const setup = createEditorState({
          doc: loaded.body,
          registry,
          // Read-only while a recovered draft waits for a choice, so typing cannot overwrite it.
          extensions: [
            editable.of(EditorView.editable.of(!hasDraft)),
            // Mod-s saves now (and keeps the browser's "save page" dialog away).
            keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (void autosaveRef.current.save(), true) }]),
          ],
          onChange: (update) => {
            autosaveRef.current.changed(update.state.doc.length);
            resolveVisible();
            schedulePreview();
          },
          onBlur: () => void autosaveRef.current.save(),
        });
        widgets.current = setup.widgets;
        view.current = new EditorView({ state: setup.state, parent: host.current });
        titleRef.current = loaded.title;
        setTitle(loaded.title);
        setNote(loaded);
        setPreviewBody(loaded.body);
        // The drafts on offer stay stored until the writer chooses: another crash must not lose them.
        autosaveRef.current.reset(loaded, { keepsDraft: true });
        if (hasDraft) setDraftOffers(offers);
        resolveVisible();
      },
      (error: unknown) => {
        if (!isCurrent) return;
        setLoadError(describeError(error));
        toast.error(error, 'Could not open the note');
      },
    );
    return () => {
      isCurrent = false;
      view.current?.destroy();
      view.current = null;
      widgets.current = null;
      if (previewTimer.current !== null) clearTimeout(previewTimer.current);
    };
  }, [id, registry, editable, resolveVisible, schedulePreview, toast]);

  // Resolved data arrived or changed: chips and cards redraw.
  useEffect(() => embedStore.subscribe(() => view.current?.dispatch({ effects: embedsResolved.of(null) })), []);

  // The library changed (here, in another window, through the API): embeds are looked up again.
  const firstRevision = useRef(true);
  useEffect(() => {
    if (firstRevision.current) {
      firstRevision.current = false;
      return;
    }
    const state = view.current?.state;
    invalidatePickerIndex();
    if (!state || !widgets.current) return;
    const ids = widgets.current.idsIn(state);
    embedStore.refresh(ids);
    refreshAllCitations(ids);
  }, [revision]);

  useEffect(() => {
    if (layout !== 'write') setPreviewBody(view.current?.state.doc.toString() ?? '');
  }, [layout]);

  const actions: EmbedActions = useMemo(
    () => ({
      onOpenItem,
      onChanged: invalidate,
      onError: (error, context) => toast.error(error, context),
    }),
    [onOpenItem, invalidate, toast],
  );

  const restoreDraft = () => {
    if (!draftOffer || !note) return;
    replaceText(draftOffer.body, draftOffer.title);
    view.current?.dispatch({ effects: editable.reconfigure(EditorView.editable.of(true)) });
    // Saved against the version the draft was written on: if the note moved on since, that is a conflict to merge.
    autosave.reset({ updatedAt: draftOffer.baseUpdatedAt ?? note.updatedAt, title: note.title, body: note.body }, { isDirty: true });
    // The text now lives in this window's draft (reset kept it); another window's copy can go. Any
    // other drafts stay stored and are offered when the note is next opened.
    if (!isOwnDraft(draftOffer)) discardDraft(draftOffer);
    setDraftOffers([]);
    view.current?.focus();
  };
  const discardOffered = () => {
    if (!draftOffer) return;
    discardDraft(draftOffer);
    const rest = draftOffers.slice(1);
    setDraftOffers(rest);
    if (rest.length > 0) return;
    view.current?.dispatch({ effects: editable.reconfigure(EditorView.editable.of(true)) });
    view.current?.focus();
  };

  const trash = async () => {
    try {
      await autosave.save();
      await call('items.trash', { id });
      clearDraft(id);
      invalidate();
      toast.info('Moved the note to the trash.');
      onTrashed();
    } catch (error) {
      toast.error(error, 'Could not move the note to the trash');
    }
  };

  const appendBibliography = async () => {
    if (!citationStyle) return;
    try {
      await autosave.save();
      const bib = await call('notes.bibliography.get', { noteId: id, style: citationStyle });
      const v = view.current;
      if (!v) return;
      if (!bib.markdown) {
        toast.info('Nothing in this note can be cited yet: embed a quote or an article first.');
        return;
      }
      const end = v.state.doc.length;
      const gap = v.state.doc.sliceString(Math.max(0, end - 2)).endsWith('\n\n') ? '' : v.state.doc.sliceString(end - 1) === '\n' ? '\n' : '\n\n';
      v.dispatch({ changes: { from: end, insert: `${end ? gap : ''}${bib.markdown}` }, scrollIntoView: true, userEvent: 'input' });
    } catch (error) {
      toast.error(error, 'Could not build the bibliography');
    }
  };

  const exportAs = async (format: NoteExportFormat) => {
    setIsExportOpen(false);
    try {
      await autosave.save();
      const fileName = await downloadNoteExport({ id }, format, citationStyle);
      toast.info(`Exported “${fileName}”.`);
    } catch (error) {
      toast.error(error, 'Could not export the note');
    }
  };

  useEffect(() => {
    if (!isPrinting) return;
    const done = () => setIsPrinting(false);
    window.addEventListener('afterprint', done);
    // Let the print view render (and its embeds resolve) before the dialog freezes the page.
    const timer = setTimeout(() => window.print(), 400);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('afterprint', done);
    };
  }, [isPrinting]);

  const { status } = autosave;
  const statusText =
    !note ? (loadError ? '' : 'Loading…')
    : draftOffer ? 'Unsaved text found'
    : status.kind === 'saving' ? 'Saving…'
    : status.kind === 'dirty' ? 'Unsaved changes'
    : status.kind === 'saved' ? 'Saved'
    : status.kind === 'conflict' ? 'Changed elsewhere'
    : 'Not saved';

  const isConflict = status.kind === 'conflict';
  return (
    <section className={`detail-pane note-editor note-editor--${layout}`} aria-label="Note">
      <div className="note-editor__toolbar" role="toolbar" aria-label="Note tools">
        <span className={`note-editor__status note-editor__status--${status.kind}`} role="status" title={note ? `Last saved ${formatDateTime(note.updatedAt)}` : undefined}>
          {statusText}
        </span>
        {!autosave.isDraftKept && <span className="badge badge--warning" title="The browser refused to keep an offline copy (storage full or disabled).">No offline copy</span>}
        <span className="toolbar-spacer" />
        <div className="note-layout" role="radiogroup" aria-label="Layout">
          {LAYOUTS.map((l) => (
            <button key={l} type="button" role="radio" aria-checked={layout === l} className={`note-layout__option${layout === l ? ' is-active' : ''}`} onClick={() => setLayout(l)}>
              {l === 'write' ? 'Write' : l === 'split' ? 'Split' : 'Preview'}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => view.current && insertEmbedTrigger(view.current)}
          disabled={!note || layout === 'preview' || isConflict}
          title={`Embed a quote, article, speaker or topic (type [[ or ${primaryKeyLabel}+Shift+E)`}
        >
          <Icon name="quote" size={14} />
          Embed
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => view.current && openSearchPanel(view.current)} disabled={!note || layout === 'preview'} title={`Find and replace (${primaryKeyLabel}+F)`}>
          <Icon name="search" size={14} />
          Find
        </button>
        <label className="note-editor__style">
          <span className="visually-hidden">Citation style</span>
          <select className="input input--small" value={citationStyle ?? ''} onChange={(e) => setCitationStyle((e.target.value || null) as CitationStyle | null)} aria-label="Citation style">
            <option value="">No citations</option>
            {CITATION_STYLES.map((s) => (
              <option key={s} value={s} title={CITATION_STYLE_LABELS[s]}>
                {SHORT_STYLE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => void appendBibliography()}
          disabled={!note || !citationStyle || isConflict || draftOffer !== null}
          title={citationStyle ? 'Add the bibliography of everything this note cites at the end' : 'Choose a citation style first'}
        >
          Bibliography
        </button>
        <div className="menu-anchor">
          <button type="button" className="button button--ghost button--small" aria-haspopup="menu" aria-expanded={isExportOpen} onClick={() => setIsExportOpen((o) => !o)} disabled={!note}>
            Export
          </button>
          {isExportOpen && (
            <ul
              className="menu"
              role="menu"
              aria-label="Export"
              onKeyDown={(e) => {
                if (e.key === 'Escape') setIsExportOpen(false);
              }}
            >
              {/* The desktop app prints the HTML export to PDF itself; browser mode uses Print below. */}
              {noteExportChoices(canMakePdf).map(([format, label]) => (
                <li key={format} role="none">
                  <button type="button" role="menuitem" className="menu__item" autoFocus={format === 'md'} onClick={() => void exportAs(format)}>
                    {label}
                  </button>
                </li>
              ))}
              <li role="none">
                <button
                  type="button"
                  role="menuitem"
                  className="menu__item"
                  onClick={() => {
                    setIsExportOpen(false);
                    void autosave.save();
                    setPreviewBody(view.current?.state.doc.toString() ?? '');
                    setIsPrinting(true);
                  }}
                >
                  Print or save as PDF…
                </button>
              </li>
            </ul>
          )}
        </div>
        <button type="button" className="icon-button" onClick={() => void trash()} disabled={!note} aria-label="Move to trash" title="Move the note to the trash">
          <Icon name="trash" />
        </button>
      </div>

      {draftOffer && (
        <div className="banner banner--warning" role="alert">
          <p>
            This note has text that was never saved (kept {isOwnDraft(draftOffer) ? 'by this window' : 'by another window'} on this computer{' '}
            {draftOffer.savedAt ? formatDateTime(draftOffer.savedAt) : 'earlier'}). Restore it, or discard it and keep the stored version.
            {draftOffers.length > 1 && ` ${draftOffers.length - 1} more unsaved ${draftOffers.length === 2 ? 'version is' : 'versions are'} kept; discarding this one shows the next.`}
          </p>
          <div className="banner__actions">
            <button type="button" className="button button--small button--primary" onClick={restoreDraft}>
              Restore unsaved text
            </button>
            <button type="button" className="button button--small button--ghost" onClick={discardOffered}>
              Discard it
            </button>
          </div>
        </div>
      )}
      {status.kind === 'error' && (
        <div className="banner banner--danger" role="alert">
          <p>
            Could not save: {status.message} Your text is kept on this computer; saving is retried every few seconds.
          </p>
          <div className="banner__actions">
            <button type="button" className="button button--small" onClick={() => void autosave.save()}>
              Try again now
            </button>
          </div>
        </div>
      )}
      {loadError && (
        <div className="banner banner--danger" role="alert">
          <p>{loadError}</p>
        </div>
      )}

      {isConflict && (
        <ConflictPanel
          stored={status.stored}
          mine={status.mine}
          onKeepMerged={(merged) => {
            replaceText(merged.body, merged.title);
            autosave.reset(status.stored, { isDirty: true });
            setNote(status.stored);
          }}
          onTakeStored={() => {
            replaceText(status.stored.body, status.stored.title);
            autosave.reset(status.stored);
            setNote(status.stored);
          }}
        />
      )}

      <div className="note-editor__body-area" hidden={isConflict}>
        <div className="note-editor__pane note-editor__pane--write" hidden={layout === 'preview'}>
          <label htmlFor={titleId} className="visually-hidden">
            Note title
          </label>
          <input
            id={titleId}
            className="note-editor__title"
            placeholder="Title"
            value={title}
            disabled={!note || draftOffer !== null}
            maxLength={2000}
            onChange={(e) => {
              titleRef.current = e.target.value;
              setTitle(e.target.value);
              autosave.changed(view.current?.state.doc.length ?? 0);
            }}
            onBlur={() => void autosave.save()}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || (e.key === 'ArrowDown' && !e.shiftKey)) {
                e.preventDefault();
                view.current?.focus();
              }
            }}
          />
          {note && <NoteMeta note={note} onOpenItem={onOpenItem} onNoteChanged={(n) => {
            setNote(n);
            autosave.base.current.updatedAt = n.updatedAt;
          }} />}
          <div ref={host} className="note-editor__cm" />
        </div>
        {layout !== 'write' && (
          <div className="note-editor__pane note-editor__pane--preview" aria-label="Preview" role="region">
            <NotePreview body={previewBody} title={title} actions={actions} citationStyle={citationStyle} />
          </div>
        )}
      </div>
      <EmbedPortals registry={registry} actions={actions} citationStyle={citationStyle} />
      {isPrinting && note && createPortal(<PrintView title={title} body={previewBody} noteId={id} actions={actions} citationStyle={citationStyle} />, document.body)}
    </section>
  );
}

/** What window.print() prints: the rendered note alone (the rest of the app is hidden for print). */
function PrintView({ title, body, noteId, actions, citationStyle }: { title: string; body: string; noteId: string; actions: EmbedActions; citationStyle: CitationStyle | null }) {
  const [bibliography, setBibliography] = useState<{ heading: string; entries: { sourceId: string; text: string }[] } | null>(null);
  useEffect(() => {
    if (!citationStyle) return;
    call('notes.bibliography.get', { noteId, style: citationStyle }).then(setBibliography, () => setBibliography(null));
  }, [noteId, citationStyle]);
  return (
    <div className="note-print" aria-hidden="true">
      <NotePreview body={body} title={title} actions={actions} citationStyle={citationStyle} />
      {bibliography && bibliography.entries.length > 0 && (
        <section className="note-print__bibliography">
          <h2>{bibliography.heading}</h2>
          <ul>
            {bibliography.entries.map((e) => (
              <li key={e.sourceId}>{e.text}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
