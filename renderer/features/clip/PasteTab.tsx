import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { call } from '../../api/client';
import { describeError, errorField } from '../../lib/errors';
import { isPrimaryModifier, primaryKeyLabel } from '../../lib/keyboard';
import { useLibrary } from '../../lib/library-context';
import type { ClipTabProps, PasteFormat } from './clip-tabs';

const FORMATS: { value: PasteFormat; label: string; hint: string }[] = [
  { value: 'text', label: 'Plain text', hint: 'Blank lines separate paragraphs.' },
  { value: 'html', label: 'HTML', hint: 'Cleaned of scripts and styling before it is stored.' },
  { value: 'markdown', label: 'Markdown', hint: 'Headings, lists, links and emphasis are kept.' },
];

/** Create an article from pasted text, HTML or Markdown (`articles.create`). */
export function PasteTab({ onCreated, onCancel, initial }: ClipTabProps) {
  const { invalidate } = useLibrary();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [format, setFormat] = useState<PasteFormat>(initial?.format ?? 'text');
  const [content, setContent] = useState(initial?.content ?? '');
  const [contentError, setContentError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const id = useId();

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (isSaving) return;
    setFormError(null);
    if (!content.trim()) {
      setContentError('Paste or type the article’s text first — an article cannot be empty.');
      document.getElementById(`${id}-content`)?.focus();
      return;
    }
    setContentError(null);
    setIsSaving(true);
    try {
      const body = format === 'html' ? { html: content } : format === 'markdown' ? { markdown: content } : { text: content };
      const article = await call('articles.create', { ...(title.trim() ? { title: title.trim() } : {}), ...body });
      invalidate();
      onCreated(article);
    } catch (error) {
      const field = errorField(error);
      if (field === 'text' || field === 'html' || field === 'markdown') setContentError(describeError(error));
      else setFormError(describeError(error));
      setIsSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && isPrimaryModifier(event)) {
      event.preventDefault();
      void save();
    }
  };

  const hint = FORMATS.find((f) => f.value === format)?.hint;

  return (
    <form className="form" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} noValidate aria-busy={isSaving || undefined}>
      <div className="field">
        <label htmlFor={`${id}-title`} className="field__label">
          Title <span className="field__optional">(optional)</span>
        </label>
        <input
          id={`${id}-title`}
          className="input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={2000}
          placeholder="Taken from the first line when left empty"
          data-autofocus={initial?.content ? undefined : true}
        />
      </div>
      <fieldset className="field segmented">
        <legend className="field__label">Format</legend>
        <div className="segmented__options">
          {FORMATS.map((f) => (
            <label key={f.value} className={`segmented__option${format === f.value ? ' is-checked' : ''}`}>
              <input type="radio" name={`${id}-format`} value={f.value} checked={format === f.value} onChange={() => setFormat(f.value)} />
              {f.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field field--grow">
        <label htmlFor={`${id}-content`} className="field__label">
          Article text
        </label>
        <textarea
          id={`${id}-content`}
          className="input textarea textarea--code"
          value={content}
          onChange={(e) => {
            setContent(e.target.value);
            if (contentError) setContentError(null);
          }}
          aria-invalid={contentError ? true : undefined}
          aria-describedby={`${id}-hint${contentError ? ` ${id}-error` : ''}`}
          spellCheck={format === 'text'}
          rows={14}
          data-autofocus={initial?.content ? true : undefined}
        />
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
        {contentError && (
          <p id={`${id}-error`} className="field__error" role="alert">
            {contentError}
          </p>
        )}
      </div>
      {formError && (
        <p className="form__error" role="alert">
          {formError}
        </p>
      )}
      <div className="form__actions">
        <span className="form__shortcut">
          <kbd>{primaryKeyLabel}</kbd>+<kbd>Enter</kbd> saves
        </span>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={isSaving}>
          {isSaving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
