import { useId, useRef, useState, type FormEvent } from 'react';
import { Icon } from '../../components/Icon';
import { plural } from '../../lib/format';
import { useLibrary } from '../../lib/library-context';
import { BatchView } from './BatchView';
import { describeClipProblem, type ClipProblem } from './clip-problem';
import { clipOne } from './clip-result';
import { FILE_ACCEPT, fileKindOf, fileToSource, formatBytes, type FileKind } from './clip-sources';
import type { ClipTabProps } from './clip-tabs';
import { ClipProblemView } from './ClipProblemView';
import { ClipTargetFields, useClipTargetFields } from './ClipTargetFields';
import { useBatchClip, useBatchFocus } from './use-batch-clip';
import './clip.css';

const KIND_LABELS: Record<FileKind, string> = { html: 'Web page', markdown: 'Markdown', text: 'Plain text' };

interface Chosen {
  key: string;
  file: File;
  kind: FileKind | null;
}

/** Clip files saved on disk: web pages (.html), Markdown and plain text, one or many. */
export function FilesTab({ onCreated, onCancel }: ClipTabProps) {
  const id = useId();
  const { invalidate } = useLibrary();
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [filesError, setFilesError] = useState<string | null>(null);
  const [folderNote, setFolderNote] = useState<string | null>(null);
  const [problem, setProblem] = useState<ClipProblem | null>(null);
  const [isClipping, setIsClipping] = useState(false);
  const fields = useClipTargetFields();
  const batch = useBatchClip();
  const inputRef = useRef<HTMLInputElement>(null);
  const actionRef = useRef<HTMLButtonElement>(null);
  const isIdle = batch.phase === 'idle';
  const isBusy = batch.isBusy;
  useBatchFocus(isIdle, isBusy, inputRef, actionRef);

  const supported = chosen.filter((c) => c.kind !== null);

  const add = (files: FileList | null, options: { isFolder?: boolean } = {}) => {
    if (!files?.length) return;
    setFilesError(null);
    setProblem(null);
    let list = Array.from(files).map((file) => ({ key: `${file.webkitRelativePath || file.name}:${file.size}:${file.lastModified}`, file, kind: fileKindOf(file) }));
    // A folder brings whatever else it holds (images, PDFs): only its articles are listed.
    if (options.isFolder) {
      const skipped = list.filter((c) => c.kind === null).length;
      list = list.filter((c) => c.kind !== null);
      setFolderNote(`${plural(list.length, 'file')} to clip from the folder${skipped ? `; ${plural(skipped, 'other file')} left out` : ''}.`);
    }
    setChosen((current) => {
      const known = new Set(current.map((c) => c.key));
      return [...current, ...list.filter((c) => !known.has(c.key))];
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isClipping || batch.isBusy) return;
    setProblem(null);
    if (supported.length === 0) {
      setFilesError(chosen.length ? 'None of the chosen files can be clipped: choose .html, .md or .txt files.' : 'Choose at least one file to clip.');
      inputRef.current?.focus();
      return;
    }
    if (supported.length > 1) {
      void batch.start(
        supported.map((c) => ({ key: c.key, label: c.file.name, load: () => fileToSource(c.file) })),
        fields.target,
        false,
      );
      return;
    }
    setIsClipping(true);
    try {
      const clipped = await clipOne(await fileToSource(supported[0]!.file), fields.target);
      invalidate();
      onCreated(clipped.article, clipped.message);
    } catch (error) {
      setProblem(describeClipProblem(error));
      setIsClipping(false);
    }
  };

  const finish = () => {
    const done = batch.entries.flatMap((e) => (e.state.status === 'done' ? [e.state.clipped] : []));
    const last = done[done.length - 1];
    if (!last) {
      onCancel();
      return;
    }
    onCreated(last.article, `Clipped ${plural(done.length, 'file')}${batch.progress.errors ? `; ${batch.progress.errors} failed` : ''}.`);
  };

  if (!isIdle) {
    return (
      <div className="form">
        <BatchView batch={batch} noun="file" onOpen={(clipped) => onCreated(clipped.article, clipped.message)} />
        <div className="form__actions">
          {isBusy ? (
            <button ref={actionRef} type="button" className="button" onClick={batch.cancel} aria-disabled={batch.phase === 'cancelling' || undefined}>
              {batch.phase === 'cancelling' ? 'Cancelling…' : 'Cancel'}
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setChosen([]);
                  setFolderNote(null);
                  batch.reset();
                }}
              >
                Clip other files
              </button>
              <button ref={actionRef} type="button" className="button button--primary" onClick={finish}>
                Done
              </button>
            </>
          )}
        </div>
      </div>
    );
  }

  const unsupported = chosen.length - supported.length;
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={isClipping || undefined}>
      <div className="field">
        <label htmlFor={`${id}-files`} className="field__label">
          Files to clip
        </label>
        <div className={`file-drop${filesError ? ' is-invalid' : ''}`}>
          <Icon name="note" size={22} className="file-drop__icon" />
          <span className="file-drop__text">
            <span className="file-drop__title">Choose files, or drop them here</span>
            <span className="file-drop__hint">Web pages (.html, .htm), Markdown (.md) and plain text (.txt); several at once.</span>
          </span>
          <input
            ref={inputRef}
            id={`${id}-files`}
            type="file"
            multiple
            accept={FILE_ACCEPT}
            className="file-drop__input"
            aria-invalid={filesError ? true : undefined}
            aria-describedby={filesError ? `${id}-error` : undefined}
            disabled={isClipping}
            onChange={(e) => {
              add(e.target.files);
              e.target.value = '';
            }}
            data-autofocus
          />
        </div>
        <label className="button file-drop__folder">
          Choose a folder…
          <input
            type="file"
            multiple
            className="visually-hidden"
            // Not in React's types: the browsers' way to pick a folder (all of its files, subfolders included).
            {...{ webkitdirectory: '' }}
            disabled={isClipping}
            onChange={(e) => {
              add(e.target.files, { isFolder: true });
              e.target.value = '';
            }}
          />
        </label>
        {folderNote && (
          <p className="field__hint" role="status">
            {folderNote}
          </p>
        )}
        {filesError && (
          <p id={`${id}-error`} className="field__error" role="alert">
            {filesError}
          </p>
        )}
      </div>
      {chosen.length > 0 && (
        <ul className="file-list" aria-label="Chosen files">
          {chosen.map((c) => (
            <li key={c.key} className={`file-list__item${c.kind ? '' : ' is-unsupported'}`} aria-label={c.file.name}>
              <span className="file-list__name">{c.file.name}</span>
              <span className="file-list__meta">
                {c.kind ? KIND_LABELS[c.kind] : 'Not supported: skipped'} · {formatBytes(c.file.size)}
              </span>
              <button
                type="button"
                className="icon-button icon-button--small"
                aria-label={`Remove ${c.file.name}`}
                title="Remove"
                disabled={isClipping}
                onClick={() => setChosen((list) => list.filter((x) => x.key !== c.key))}
              >
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {unsupported > 0 && <p className="field__hint clip-warning">{plural(unsupported, 'file')} cannot be clipped (only HTML, Markdown and text) and will be skipped.</p>}
      <ClipTargetFields fields={fields} disabled={isClipping} appliesTo={supported.length > 1 ? 'every clipped article' : 'the clipped article'} />
      {problem && <ClipProblemView problem={problem} />}
      <div className="form__actions">
        {isClipping && (
          <span className="form__shortcut clip-busy-text" role="status">
            <span className="spinner" aria-hidden="true" />
            Reading and clipping…
          </span>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={isClipping}>
          {isClipping ? 'Clipping…' : supported.length > 1 ? `Clip ${plural(supported.length, 'file')}` : 'Clip file'}
        </button>
      </div>
    </form>
  );
}
