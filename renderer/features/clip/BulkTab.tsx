import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { plural } from '../../lib/format';
import { BatchView } from './BatchView';
import { parseUrlList, urlsFromListFile } from './clip-sources';
import type { ClipTabProps } from './clip-tabs';
import { ClipTargetFields, useClipTargetFields } from './ClipTargetFields';
import { useBatchClip, useBatchFocus } from './use-batch-clip';
import './clip.css';

const MAX_URLS = 10_000;

/** Clip many web pages: a list of addresses, typed or pasted, or read from a bookmarks export. */
export function BulkTab({ onCreated, onCancel }: ClipTabProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [listError, setListError] = useState<string | null>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [allowPrivate, setAllowPrivate] = useState(false);
  const fields = useClipTargetFields();
  const batch = useBatchClip();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const list = useMemo(() => parseUrlList(text), [text]);
  const actionRef = useRef<HTMLButtonElement>(null);
  const isIdle = batch.phase === 'idle';
  const isBusy = batch.isBusy;
  useBatchFocus(isIdle, isBusy, textRef, actionRef);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setFileNote(null);
    try {
      const found = urlsFromListFile(file.name, await file.text());
      if (found.urls.length === 0) {
        setFileNote(`No web addresses found in “${file.name}”. Choose a bookmarks export (HTML) or a text file with one URL per line.`);
        return;
      }
      const known = new Set(list.urls);
      const added = found.urls.filter((u) => !known.has(u));
      setText((current) => [current.trimEnd(), ...added].filter(Boolean).join('\n'));
      setListError(null);
      setFileNote(`Added ${plural(added.length, 'address', 'addresses')} from “${file.name}”${added.length < found.urls.length ? ` (${found.urls.length - added.length} already listed)` : ''}.`);
    } catch (error) {
      setFileNote(`Could not read “${file.name}”: ${(error as Error).message}`);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (batch.isBusy) return;
    if (list.urls.length === 0) {
      setListError(list.invalid.length ? 'None of these lines is a web address. Each line needs one address, such as https://example.com/article.' : 'Add at least one web address, one per line.');
      textRef.current?.focus();
      return;
    }
    if (list.urls.length > MAX_URLS) {
      setListError(`That is ${list.urls.length.toLocaleString()} addresses; clip at most ${MAX_URLS.toLocaleString()} at a time.`);
      return;
    }
    setListError(null);
    void batch.start(
      list.urls.map((url, i) => ({ key: `${i}:${url}`, label: url, load: async () => ({ kind: 'url' as const, url }) })),
      fields.target,
      allowPrivate,
    );
  };

  const finish = () => {
    const done = batch.entries.flatMap((e) => (e.state.status === 'done' ? [e.state.clipped] : []));
    const last = done[done.length - 1];
    if (!last) {
      onCancel();
      return;
    }
    const failed = batch.progress.errors;
    onCreated(last.article, `Clipped ${plural(done.length, 'page')}${failed ? `; ${failed} failed` : ''}.`);
  };

  if (batch.phase !== 'idle') {
    return (
      <div className="form">
        <BatchView batch={batch} noun="URL" onOpen={(clipped) => onCreated(clipped.article, clipped.message)} />
        <div className="form__actions">
          {batch.isBusy ? (
            <button ref={actionRef} type="button" className="button" onClick={batch.cancel} aria-disabled={batch.phase === 'cancelling' || undefined}>
              {batch.phase === 'cancelling' ? 'Cancelling…' : 'Cancel'}
            </button>
          ) : (
            <>
              <button type="button" className="button" onClick={batch.reset}>
                Back to the list
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

  const invalidShown = list.invalid.slice(0, 3).map((line) => (line.length > 60 ? `${line.slice(0, 60)}…` : line));
  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-urls`} className="field__label">
          Web addresses, one per line
        </label>
        <textarea
          ref={textRef}
          id={`${id}-urls`}
          className="input textarea textarea--code"
          rows={8}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (listError) setListError(null);
          }}
          placeholder={'https://example.com/news/first-article\nhttps://example.org/2026/05/second'}
          spellCheck={false}
          aria-invalid={listError ? true : undefined}
          aria-describedby={`${id}-count${listError ? ` ${id}-error` : ''}`}
          data-autofocus
        />
        <p id={`${id}-count`} className="field__hint" aria-live="polite">
          {list.urls.length === 0 ? 'Paste a list of addresses, or import them from a bookmarks file below.' : `${plural(list.urls.length, 'address', 'addresses')} to clip`}
          {list.duplicates > 0 && ` (${list.duplicates} repeated, clipped once)`}
          {list.invalid.length > 0 && (
            <span className="clip-warning">
              {' '}
              · {plural(list.invalid.length, 'line')} skipped, not a web address: {invalidShown.join(', ')}
              {list.invalid.length > 3 ? '…' : ''}
            </span>
          )}
        </p>
        {listError && (
          <p id={`${id}-error`} className="field__error" role="alert">
            {listError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-bookmarks`} className="field__label">
          Import from a bookmarks file <span className="field__optional">(optional)</span>
        </label>
        <input
          id={`${id}-bookmarks`}
          type="file"
          className="file-input"
          accept=".html,.htm,.txt,text/html,text/plain"
          aria-describedby={`${id}-bookmarks-hint`}
          onChange={(e) => {
            void importFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <p id={`${id}-bookmarks-hint`} className="field__hint">
          A browser’s bookmarks export (Bookmarks → Export to HTML) or a text file of addresses; its links are added to the list above.
        </p>
        {fileNote && (
          <p className="field__hint clip-note" role="status">
            {fileNote}
          </p>
        )}
      </div>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={allowPrivate} onChange={(e) => setAllowPrivate(e.target.checked)} aria-describedby={`${id}-private-hint`} />
          Allow local/private addresses
        </label>
        <p id={`${id}-private-hint`} className="field__hint checkbox__hint">
          For pages on this computer or your own network. Leave it off for pages from the web.
        </p>
      </div>
      <ClipTargetFields fields={fields} appliesTo="every clipped article" />
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary">
          {list.urls.length > 0 ? `Clip ${plural(list.urls.length, 'page')}` : 'Clip pages'}
        </button>
      </div>
    </form>
  );
}
