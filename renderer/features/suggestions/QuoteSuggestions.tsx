import { useState } from 'react';
import type { QuoteSuggestion } from '../../../shared/api/methods-clip';
import { Icon } from '../../components/Icon';
import { truncate } from '../../lib/format';
import { revealInReader } from '../reader/selection/reveal';
import { EditSuggestion, type SuggestionEdits } from './EditSuggestion';
import { SuggestionKeyHints } from './SuggestionKeyHints';
import { useSuggestionKeys } from './use-suggestion-keys';

interface QuoteSuggestionsProps {
  articleId: string;
  quotes: readonly QuoteSuggestion[];
  onAccept(suggestion: QuoteSuggestion, edits?: SuggestionEdits): Promise<void>;
  onDismiss(suggestion: QuoteSuggestion): void;
}

/** Suggested quotations: A accepts, E edits (speaker, kind, passage) then accepts, D dismisses, Enter shows it in the reader. */
export function QuoteSuggestions({ articleId, quotes, onAccept, onDismiss }: QuoteSuggestionsProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const show = (s: QuoteSuggestion) => revealInReader({ articleId, start: s.start, end: s.end, text: s.text });
  const keys = useSuggestionKeys(
    quotes,
    { accept: (s) => void onAccept(s), dismiss: onDismiss, edit: (s) => setEditing(s.id), open: show },
    editing !== null,
  );

  return (
    <>
      <SuggestionKeyHints
        hints={[
          ['A', 'accept'],
          ['E', 'edit'],
          ['D', 'dismiss'],
          ['J/K', 'move'],
        ]}
      />
      <ul ref={keys.listRef} className="plain-list suggestions__list" aria-label="Suggested quotes" onKeyDown={keys.onKeyDown}>
        {quotes.map((s, i) => (
          <li
            key={s.id}
            data-suggestion
            className={`suggestion${i === keys.index ? ' is-active' : ''}`}
            tabIndex={i === keys.index ? 0 : -1}
            aria-label={`“${truncate(s.text, 80)}” — ${s.speaker ?? 'speaker unknown'}`}
            aria-keyshortcuts="A E D"
            onFocus={(e) => {
              if (e.target === e.currentTarget) keys.setActive(i);
            }}
            onClick={(e) => {
              if ((e.target as Element).closest('button, input, textarea, label, [role="listbox"]')) return;
              keys.setActive(i);
              show(s);
            }}
          >
            <span className="suggestion__text">“{truncate(s.text, 220)}”</span>
            {editing === s.id ? (
              <EditSuggestion
                suggestion={s}
                onCancel={() => {
                  setEditing(null);
                  keys.focusAt(i);
                }}
                onAccept={(edits) => {
                  setEditing(null);
                  keys.keepFocus(s);
                  void onAccept(s, edits);
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
                  <button
                    type="button"
                    className="button button--small"
                    tabIndex={-1}
                    onClick={() => {
                      keys.keepFocus(s);
                      void onAccept(s);
                    }}
                    aria-keyshortcuts="A"
                  >
                    Accept
                  </button>
                  <button type="button" className="button button--small button--ghost" tabIndex={-1} onClick={() => setEditing(s.id)} aria-keyshortcuts="E">
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    tabIndex={-1}
                    onClick={() => {
                      keys.keepFocus(s);
                      onDismiss(s);
                    }}
                    aria-keyshortcuts="D"
                  >
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
