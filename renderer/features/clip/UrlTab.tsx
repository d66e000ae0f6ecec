import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useToast } from '../../components/Toasts';
import { useLibrary } from '../../lib/library-context';
import { describeClipProblem, type ClipProblem } from './clip-problem';
import { clipOne } from './clip-result';
import { isSingleUrl, normalizeUrl } from './clip-sources';
import type { ClipTabProps } from './clip-tabs';
import { ClipProblemView } from './ClipProblemView';
import { ClipTargetFields, useClipTargetFields } from './ClipTargetFields';
import './clip.css';

/** Clip one web page by its address (`articles.clip` with a `url` source). */
export function UrlTab({ onCreated, onCancel, initial }: ClipTabProps) {
  const { invalidate } = useLibrary();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState(() => (initial && isSingleUrl(initial.content) ? initial.content.trim() : ''));
  const [allowPrivate, setAllowPrivate] = useState(false);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [problem, setProblem] = useState<ClipProblem | null>(null);
  const [isClipping, setIsClipping] = useState(false);
  const fields = useClipTargetFields();
  const toast = useToast();
  // Closing the dialog does not stop a fetch already under way; its failure then goes to a toast.
  const isMounted = useRef(true);
  useEffect(() => {
    isMounted.current = true;
    return () => {
      isMounted.current = false;
    };
  }, []);

  const clip = async (options: { allowPrivate: boolean }) => {
    if (isClipping) return;
    setProblem(null);
    const normalized = normalizeUrl(url);
    if (!normalized) {
      setUrlError(url.trim() ? 'That is not a web address. Enter a full address such as https://example.com/article.' : 'Enter the address of the page to clip.');
      inputRef.current?.focus();
      return;
    }
    setUrlError(null);
    if (normalized !== url.trim()) setUrl(normalized);
    setIsClipping(true);
    try {
      const clipped = await clipOne({ kind: 'url', url: normalized }, fields.target, options.allowPrivate);
      invalidate();
      onCreated(clipped.article, clipped.message);
    } catch (error) {
      const found = describeClipProblem(error);
      if (!isMounted.current) {
        toast.error(error, `Could not clip ${normalized}`);
        return;
      }
      if (found.isInvalidInput) {
        setUrlError(found.message);
        inputRef.current?.focus();
      } else {
        setProblem(found);
      }
      setIsClipping(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void clip({ allowPrivate });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={isClipping || undefined}>
      <div className="field">
        <label htmlFor={`${id}-url`} className="field__label">
          Web address
        </label>
        <input
          ref={inputRef}
          id={`${id}-url`}
          className="input"
          type="url"
          inputMode="url"
          value={url}
          onChange={(e) => {
            setUrl(e.target.value);
            if (urlError) setUrlError(null);
          }}
          placeholder="https://example.com/news/article"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={`${id}-url-hint${urlError ? ` ${id}-url-error` : ''}`}
          disabled={isClipping}
          data-autofocus
        />
        <p id={`${id}-url-hint`} className="field__hint">
          Sourcebook fetches the page once, extracts the article and keeps a snapshot of the original, so it stays readable offline.
        </p>
        {urlError && (
          <p id={`${id}-url-error`} className="field__error" role="alert">
            {urlError}
          </p>
        )}
      </div>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={allowPrivate} onChange={(e) => setAllowPrivate(e.target.checked)} disabled={isClipping} aria-describedby={`${id}-private-hint`} />
          Allow local/private addresses
        </label>
        <p id={`${id}-private-hint`} className="field__hint checkbox__hint">
          For pages on this computer or your own network (an intranet, a local server). Leave it off for pages from the web.
        </p>
      </div>
      <ClipTargetFields fields={fields} disabled={isClipping} appliesTo="the clipped article" />
      {problem && (
        <ClipProblemView
          problem={problem}
          action={
            problem.isPrivateAddress && !allowPrivate ? (
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  setAllowPrivate(true);
                  void clip({ allowPrivate: true });
                }}
              >
                Allow and clip again
              </button>
            ) : undefined
          }
        />
      )}
      <div className="form__actions">
        {isClipping && (
          <span className="form__shortcut clip-busy-text" role="status">
            <span className="spinner" aria-hidden="true" />
            Fetching the page…
          </span>
        )}
        <button type="button" className="button" onClick={onCancel}>
          {isClipping ? 'Close' : 'Cancel'}
        </button>
        <button type="submit" className="button button--primary" disabled={isClipping}>
          {isClipping ? 'Clipping…' : 'Clip'}
        </button>
      </div>
    </form>
  );
}
