import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { QUOTE_KINDS, STANCE_VALUES, type Article, type Quote, type QuoteKind, type Speaker, type StanceValue } from '../../../../shared/domain/entities';
import { ApiError, call } from '../../../api/client';
import { STANCE_LABELS } from '../../../components/StanceChip';
import { describeError } from '../../../lib/errors';
import { isPrimaryModifier, primaryKeyLabel } from '../../../lib/keyboard';
import { useLibrary } from '../../../lib/library-context';
import { useQuery } from '../../../lib/use-query';
import { SpeakerCombobox } from '../../speakers/SpeakerCombobox';
import type { TextAnchor } from './text-offsets';

export const KIND_OPTIONS: Record<QuoteKind, string> = {
  direct: 'Direct',
  indirect: 'Indirect',
  paraphrase: 'Paraphrase',
  highlight: 'Highlight',
};

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The article's date as a said-at default: the day it was published, when known. */
/** The kind of a quote as radio buttons (the quote form, and editing a suggested quote). */
export function QuoteKindField({ name, value, onChange }: { name: string; value: QuoteKind; onChange(kind: QuoteKind): void }) {
  return (
    <fieldset className="field segmented">
      <legend className="field__label">Kind</legend>
      <div className="segmented__options">
        {QUOTE_KINDS.map((k) => (
          <label key={k} className={`segmented__option${value === k ? ' is-checked' : ''}`}>
            <input type="radio" name={name} value={k} checked={value === k} onChange={() => onChange(k)} />
            {KIND_OPTIONS[k]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function defaultSaidAt(article: Pick<Article, 'publishedAt'>): string {
  const published = article.publishedAt;
  if (!published) return '';
  const day = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(published);
  return day ? day[0] : '';
}

export interface QuoteFormProps {
  article: Pick<Article, 'id' | 'publishedAt'>;
  anchor: TextAnchor;
  /** `stanceError`: the quote was saved, but its stance could not be. */
  onSaved(quote: Quote, stanceError?: unknown): void;
  onCancel(): void;
}

/**
 * Who said the selected words, how, when, and (optionally) with which stance. The text itself is
 * read-only: it is exactly what was selected, so the anchor stays true to the article.
 */
export function QuoteForm({ article, anchor, onSaved, onCancel }: QuoteFormProps) {
  const id = useId();
  const { revision } = useLibrary();
  const [speakerText, setSpeakerText] = useState('');
  const [speaker, setSpeaker] = useState<Speaker | null>(null);
  const [role, setRole] = useState('');
  const [kind, setKind] = useState<QuoteKind>('direct');
  const [note, setNote] = useState('');
  const [tags, setTags] = useState('');
  const [saidAt, setSaidAt] = useState(() => defaultSaidAt(article));
  const [topic, setTopic] = useState('');
  const [stance, setStance] = useState<StanceValue | ''>('');
  const [error, setError] = useState<{ field?: 'saidAt' | 'topic'; message: string } | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const { data: topics } = useQuery(() => call('topics.list', { limit: 1000, sort: 'title', order: 'asc' }), [revision], 'Could not load topics');

  const save = async () => {
    if (isSaving) return;
    const date = saidAt.trim();
    if (date && !ISO_DATE.test(date)) {
      setError({ field: 'saidAt', message: 'Write the date as YYYY-MM-DD (or YYYY-MM, or YYYY), or leave it empty.' });
      return;
    }
    const topicTitle = topic.trim();
    if ((topicTitle && !stance) || (!topicTitle && stance)) {
      setError({ field: 'topic', message: topicTitle ? 'Choose the stance toward this topic, or clear the topic.' : 'Name the topic this stance is toward.' });
      return;
    }
    setIsSaving(true);
    setError(null);
    const name = speakerText.trim();
    const tagList = tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    let quote: Quote;
    try {
      quote = await call('quotes.create', {
        articleId: article.id,
        text: anchor.text,
        start: anchor.start,
        prefix: anchor.prefix,
        suffix: anchor.suffix,
        kind,
        ...(speaker ? { speakerId: speaker.id } : name ? { speaker: name } : {}),
        ...(role.trim() ? { speakerRole: role.trim() } : {}),
        saidAt: date || null,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(tagList.length ? { tags: tagList } : {}),
      });
    } catch (failure) {
      setIsSaving(false);
      if (failure instanceof ApiError && failure.code === 'not-found' && failure.info.details?.field === 'text') {
        setError({ message: 'The selected words are not in the stored text of this article (it may have been re-clipped). Select them again.' });
      } else setError({ message: describeError(failure) });
      return;
    }
    let stanceError: unknown;
    if (topicTitle && stance) {
      const existing = topics?.items.find((t) => t.title.toLowerCase() === topicTitle.toLowerCase());
      try {
        await call('stances.set', { subjectType: 'quote', subjectId: quote.id, value: stance, ...(existing ? { topicId: existing.id } : { topic: topicTitle }) });
      } catch (failure) {
        stanceError = failure;
      }
    }
    setIsSaving(false);
    onSaved(quote, stanceError);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && isPrimaryModifier(event)) {
      event.preventDefault();
      void save();
    }
  };

  const errorId = `${id}-error`;
  return (
    <form className="quote-form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        Quoted text
      </label>
      <textarea id={`${id}-text`} className="quote-form__text" readOnly value={anchor.text} rows={Math.min(4, Math.ceil(anchor.text.length / 46))} />
      <div className="quote-form__grid">
        <div className="field">
          <label htmlFor={`${id}-speaker`} className="field__label">
            Speaker <span className="field__optional">(optional)</span>
          </label>
          <SpeakerCombobox
            id={`${id}-speaker`}
            value={speakerText}
            onValueChange={setSpeakerText}
            selected={speaker}
            onSelect={(s) => {
              setSpeaker(s);
              if (s?.role && !role.trim()) setRole(s.role);
            }}
            allowNew
            autoFocus
            placeholder="Name or alias"
            onEnter={() => void save()}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`} className="field__label">
            Role <span className="field__optional">(then)</span>
          </label>
          <input id={`${id}-role`} className="input input--small" value={role} onChange={(e) => setRole(e.target.value)} placeholder="e.g. Mayor" maxLength={500} />
        </div>
      </div>
      <QuoteKindField name={`${id}-kind`} value={kind} onChange={setKind} />
      <div className="quote-form__grid">
        <div className="field">
          <label htmlFor={`${id}-said`} className="field__label">
            Said on
          </label>
          <input
            id={`${id}-said`}
            className="input input--small"
            value={saidAt}
            onChange={(e) => setSaidAt(e.target.value)}
            placeholder="YYYY-MM-DD"
            inputMode="numeric"
            aria-invalid={error?.field === 'saidAt' || undefined}
            aria-describedby={error?.field === 'saidAt' ? errorId : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tags`} className="field__label">
            Tags <span className="field__optional">(comma-separated)</span>
          </label>
          <input id={`${id}-tags`} className="input input--small" value={tags} onChange={(e) => setTags(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`} className="field__label">
          Note <span className="field__optional">(optional)</span>
        </label>
        <textarea id={`${id}-note`} className="input textarea quote-form__note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="quote-form__grid">
        <div className="field">
          <label htmlFor={`${id}-topic`} className="field__label">
            Topic <span className="field__optional">(optional)</span>
          </label>
          <input
            id={`${id}-topic`}
            className="input input--small"
            list={`${id}-topics`}
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
            placeholder="A claim or question"
            aria-invalid={error?.field === 'topic' || undefined}
            aria-describedby={error?.field === 'topic' ? errorId : undefined}
          />
          <datalist id={`${id}-topics`}>
            {(topics?.items ?? []).map((t) => (
              <option key={t.id} value={t.title} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-stance`} className="field__label">
            Stance
          </label>
          <select id={`${id}-stance`} className="select select--small" value={stance} onChange={(e) => setStance(e.target.value as StanceValue | '')}>
            <option value="">No stance</option>
            {STANCE_VALUES.map((v) => (
              <option key={v} value={v}>
                {STANCE_LABELS[v]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p id={errorId} className="form__error" role="alert">
          {error.message}
        </p>
      )}
      <div className="form__actions">
        <span className="form__shortcut">
          <kbd>{primaryKeyLabel}</kbd>+<kbd>Enter</kbd> saves
        </span>
        <button type="button" className="button button--small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary button--small" disabled={isSaving}>
          {isSaving ? 'Saving…' : 'Save quote'}
        </button>
      </div>
    </form>
  );
}
