import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { QuoteSuggestion, SourceSuggestion } from '../../../shared/api/methods-clip';
import { call } from '../../api/client';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { hostOf, plural, truncate } from '../../lib/format';
import { hasAnyModifier, isEditableTarget } from '../../lib/keyboard';
import { useLibrary } from '../../lib/library-context';
import { useQuery } from '../../lib/use-query';
import { revealInReader } from '../reader/selection/reveal';
import { SpeakerCombobox } from '../speakers/SpeakerCombobox';
import type { Speaker } from '../../../shared/domain/entities';
import './suggestions.css';

export interface SuggestionsPanelProps {
  articleId: string;
}

/**
 * Quotations and cited sources the suggester found in the open article, for the user to accept or
 * dismiss, fast, from the keyboard: on the focused suggestion A accepts, E edits the speaker then
 * accepts, D dismisses; ↑/↓ or J/K move. Clicking a suggestion (or Enter) shows it in the reader.
 */
export function SuggestionsPanel({ articleId }: SuggestionsPanelProps) {
  const { revision, invalidate } = useLibrary();
  const toast = useToast();
  const headingId = useId();
  const [isRerunning, setIsRerunning] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // Suggestions just accepted or dismissed disappear at once, before the list reloads.
  const [done, setDone] = useState<ReadonlySet<string>>(() => new Set());
  const { data, reload } = useQuery(() => call('suggestions.list', { articleId }), [articleId, revision], 'Could not load suggestions');
  const isCurrent = data && (data.quotes[0]?.articleId ?? data.sources[0]?.articleId ?? articleId) === articleId;
  const quotes = isCurrent ? data.quotes.filter((q) => q.status === 'pending' && !done.has(q.id)) : [];
  const sources = isCurrent ? data.sources.filter((s) => s.status === 'pending' && !done.has(s.id)) : [];

  useEffect(() => setDone(new Set()), [articleId]);

  const markDone = (id: string) => setDone((prev) => new Set(prev).add(id));
  const unmarkDone = (id: string) =>
    setDone((prev) => {
      const next = new Set(prev);
      next.delete(id);
      return next;
    });

  const accept = async (suggestion: QuoteSuggestion, speaker?: string | null) => {
    markDone(suggestion.id);
    try {
      const quote = await call('suggestions.accept', { id: suggestion.id, ...(speaker !== undefined ? { speaker } : {}) });
      setAnnouncement(`Accepted: quote${quote.speakerName ? ` by ${quote.speakerName}` : ''}.`);
      invalidate();
    } catch (error) {
      unmarkDone(suggestion.id);
      toast.error(error, 'Could not accept the suggestion');
    }
  };

  const dismiss = async (id: string, what: string) => {
    markDone(id);
    try {
      await call('suggestions.dismiss', { id });
      setAnnouncement(`Dismissed ${what}.`);
      invalidate();
    } catch (error) {
      unmarkDone(id);
      toast.error(error, 'Could not dismiss the suggestion');
    }
  };

  const acceptSource = async (source: SourceSuggestion) => {
    markDone(source.id);
    try {
      await call('suggestions.acceptSource', { id: source.id });
      setAnnouncement(`Linked: cites ${source.name}.`);
      invalidate();
    } catch (error) {
      unmarkDone(source.id);
      toast.error(error, `Could not link “${source.name}”`);
    }
  };

  const rerun = async () => {
    setIsRerunning(true);
    try {
      const result = await call('suggestions.rerun', { articleId });
      setDone(new Set());
      setAnnouncement(`Found ${plural(result.quotes.filter((q) => q.status === 'pending').length, 'quote')} and ${plural(result.sources.filter((s) => s.status === 'pending').length, 'source')}.`);
      reload();
      invalidate();
    } catch (error) {
      toast.error(error, 'Could not look for suggestions again');
    } finally {
      setIsRerunning(false);
    }
  };

  const count = quotes.length + sources.length;
  return (
    <section className="inspector__section suggestions" aria-label="Suggestions">
      <div className="suggestions__header">
        <h2 id={headingId} className="inspector__heading suggestions__heading">
          Suggestions
          {count > 0 && <span className="inspector__count">{count}</span>}
        </h2>
        <button type="button" className="button button--ghost button--small" onClick={() => void rerun()} disabled={isRerunning}>
          {isRerunning ? 'Finding…' : 'Find again'}
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {!data ? (
        <p className="muted">Looking for suggestions…</p>
      ) : count === 0 ? (
        <p className="muted">No open suggestions. “Find again” looks for quotations and cited sources in the text.</p>
      ) : null}
      {quotes.length > 0 && <QuoteSuggestions articleId={articleId} quotes={quotes} onAccept={accept} onDismiss={(s) => void dismiss(s.id, 'the quote')} />}
      {sources.length > 0 && (
        <>
          <h3 className="suggestions__subheading">Cited sources</h3>
          <ul className="plain-list suggestions__sources" aria-label="Suggested sources">
            {sources.map((source) => (
              <li key={source.id} className="suggested-source" aria-label={source.name}>
                <span className="suggested-source__name">{source.name}</span>
                {source.url && <span className="suggested-source__url">{hostOf(source.url) ?? source.url}</span>}
                <span className="suggested-source__actions">
                  <button type="button" className="button button--small" onClick={() => void acceptSource(source)}>
                    Link as cited
                  </button>
                  <button type="button" className="button button--small button--ghost" onClick={() => void dismiss(source.id, source.name)}>
                    Dismiss
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface QuoteSuggestionsProps {
  articleId: string;
  quotes: readonly QuoteSuggestion[];
  onAccept(suggestion: QuoteSuggestion, speaker?: string | null): Promise<void>;
  onDismiss(suggestion: QuoteSuggestion): void;
}

function QuoteSuggestions({ articleId, quotes, onAccept, onDismiss }: QuoteSuggestionsProps) {
  const [active, setActive] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const keepFocus = useRef(false);
  const index = Math.min(active, quotes.length - 1);

  // After an accept or dismiss from the keyboard, the focus moves to the suggestion now in its place.
  useEffect(() => {
    if (!keepFocus.current || editing) return;
    keepFocus.current = false;
    listRef.current?.querySelectorAll<HTMLElement>('[data-suggestion]')[index]?.focus();
  });

  const focusAt = (i: number) => {
    const next = Math.max(0, Math.min(quotes.length - 1, i));
    setActive(next);
    listRef.current?.querySelectorAll<HTMLElement>('[data-suggestion]')[next]?.focus();
  };

  const show = (s: QuoteSuggestion) => revealInReader({ articleId, start: s.start, end: s.end, text: s.text });

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (hasAnyModifier(event) || isEditableTarget(event.target)) return;
    const current = quotes[index];
    if (!current) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    switch (key) {
      case 'ArrowDown':
      case 'j':
        focusAt(index + 1);
        break;
      case 'ArrowUp':
      case 'k':
        focusAt(index - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(quotes.length - 1);
        break;
      case 'a':
        keepFocus.current = true;
        void onAccept(current);
        break;
      case 'd':
        keepFocus.current = true;
        onDismiss(current);
        break;
      case 'e':
        setEditing(current.id);
        break;
      case 'Enter':
        if ((event.target as HTMLElement).tagName === 'BUTTON') return;
        show(current);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <>
      <p className="suggestions__keys" aria-hidden="true">
        <span className="nowrap">
          <kbd>A</kbd> accept
        </span>{' '}
        ·{' '}
        <span className="nowrap">
          <kbd>E</kbd> edit speaker
        </span>{' '}
        ·{' '}
        <span className="nowrap">
          <kbd>D</kbd> dismiss
        </span>{' '}
        ·{' '}
        <span className="nowrap">
          <kbd>J</kbd>/<kbd>K</kbd> move
        </span>
      </p>
      <ul ref={listRef} className="plain-list suggestions__list" aria-label="Suggested quotes" onKeyDown={onKeyDown}>
        {quotes.map((s, i) => (
          <li
            key={s.id}
            data-suggestion
            className={`suggestion${i === index ? ' is-active' : ''}`}
            tabIndex={i === index ? 0 : -1}
            aria-label={`“${truncate(s.text, 80)}” — ${s.speaker ?? 'speaker unknown'}`}
            aria-keyshortcuts="A E D"
            onFocus={(e) => {
              if (e.target === e.currentTarget) setActive(i);
            }}
            onClick={(e) => {
              if ((e.target as Element).closest('button, input, [role="listbox"]')) return;
              setActive(i);
              show(s);
            }}
          >
            <span className="suggestion__text">“{truncate(s.text, 220)}”</span>
            {editing === s.id ? (
              <EditSpeaker
                suggestion={s}
                onCancel={() => {
                  setEditing(null);
                  focusAt(i);
                }}
                onAccept={(speaker) => {
                  setEditing(null);
                  keepFocus.current = true;
                  void onAccept(s, speaker);
                }}
              />
            ) : (
              <>
                <span className="suggestion__speaker">
                  <Icon name="speaker" size={12} />
                  {s.speaker ? (
                    <>
                      <span className="suggestion__name">{s.speaker}</span>
                      {s.speakerRole && <span className="suggestion__role">{truncate(s.speakerRole, 60)}</span>}
                    </>
                  ) : (
                    <span className="suggestion__role">Speaker unknown</span>
                  )}
                </span>
                <span className="suggestion__actions">
                  <button type="button" className="button button--small" tabIndex={-1} onClick={() => void onAccept(s)} aria-keyshortcuts="A">
                    Accept
                  </button>
                  <button type="button" className="button button--small button--ghost" tabIndex={-1} onClick={() => setEditing(s.id)} aria-keyshortcuts="E">
                    Edit speaker
                  </button>
                  <button type="button" className="button button--small button--ghost" tabIndex={-1} onClick={() => onDismiss(s)} aria-keyshortcuts="D">
                    Dismiss
                  </button>
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function EditSpeaker({ suggestion, onAccept, onCancel }: { suggestion: QuoteSuggestion; onAccept(speaker: string | null): void; onCancel(): void }) {
  const id = useId();
  const [value, setValue] = useState(suggestion.speaker ?? '');
  const [selected, setSelected] = useState<Speaker | null>(null);
  const submit = () => onAccept(selected?.name ?? (value.trim() || null));
  return (
    <div
      className="suggestion__edit"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label htmlFor={id} className="field__label">
        Speaker
      </label>
      <SpeakerCombobox id={id} value={value} onValueChange={setValue} selected={selected} onSelect={setSelected} allowNew autoFocus onEnter={submit} placeholder="Name (empty: no speaker)" />
      <span className="suggestion__actions">
        <button type="button" className="button button--small button--primary" onClick={submit}>
          Accept
        </button>
        <button type="button" className="button button--small button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </span>
    </div>
  );
}
