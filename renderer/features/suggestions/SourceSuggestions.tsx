import type { SourceSuggestion } from '../../../shared/api/methods-clip';
import { hostOf } from '../../lib/format';
import { SuggestionKeyHints } from './SuggestionKeyHints';
import { useSuggestionKeys } from './use-suggestion-keys';

interface SourceSuggestionsProps {
  sources: readonly SourceSuggestion[];
  onAccept(source: SourceSuggestion): void;
  onDismiss(source: SourceSuggestion): void;
}

/** Cited sources found in the article, decided with the same keys as the quotations: A links it as cited, D dismisses. */
export function SourceSuggestions({ sources, onAccept, onDismiss }: SourceSuggestionsProps) {
  const keys = useSuggestionKeys(sources, { accept: onAccept, dismiss: onDismiss });
  return (
    <>
      <h3 className="suggestions__subheading">Cited sources</h3>
      <SuggestionKeyHints
        hints={[
          ['A', 'link as cited'],
          ['D', 'dismiss'],
          ['J/K', 'move'],
        ]}
      />
      <ul ref={keys.listRef} className="plain-list suggestions__sources" aria-label="Suggested sources" onKeyDown={keys.onKeyDown}>
        {sources.map((source, i) => {
          const host = hostOf(source.url) ?? source.url;
          return (
            <li
              key={source.id}
              data-suggestion
              className={`suggested-source${i === keys.index ? ' is-active' : ''}`}
              tabIndex={i === keys.index ? 0 : -1}
              aria-label={host ? `${source.name}, ${host}` : source.name}
              aria-keyshortcuts="A D"
              onFocus={(e) => {
                if (e.target === e.currentTarget) keys.setActive(i);
              }}
            >
              <span className="suggested-source__name">{source.name}</span>
              {host && <span className="suggested-source__url">{host}</span>}
              <span className="suggested-source__actions">
                <button
                  type="button"
                  className="button button--small"
                  tabIndex={-1}
                  aria-label={`Link as cited: ${source.name}`}
                  aria-keyshortcuts="A"
                  onClick={() => {
                    keys.keepFocus(source);
                    onAccept(source);
                  }}
                >
                  Link as cited
                </button>
                <button
                  type="button"
                  className="button button--small button--ghost"
                  tabIndex={-1}
                  aria-label={`Dismiss: ${source.name}`}
                  aria-keyshortcuts="D"
                  onClick={() => {
                    keys.keepFocus(source);
                    onDismiss(source);
                  }}
                >
                  Dismiss
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
