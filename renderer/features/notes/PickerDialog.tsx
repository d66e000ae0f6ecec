import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { EmbedPickerEntry } from '../../../shared/notes/resolved';
import { Dialog } from '../../components/Dialog';
import { describeError } from '../../lib/errors';
import { getPickerIndex, isPartialPickerIndex, searchPicker, type PickerIndex } from './picker-index';
import { mergeMatches, shouldAskServer, useServerMatches } from './picker-search';

const TYPE_LABEL: Record<EmbedPickerEntry['type'], string> = { quote: 'Quote', article: 'Article', speaker: 'Speaker', topic: 'Topic', note: 'Note' };

/**
 * Choose one item (a topic for the note, an article or quote to attach it to), by fuzzy search:
 * lunr's matches at once, the library search's added below them when lunr finds few (or holds only
 * part of the library).
 */
export function PickerDialog({ title, types, onPick, onClose }: { title: string; types: EmbedPickerEntry['type'][]; onPick(entry: EmbedPickerEntry): void; onClose(): void }) {
  const [index, setIndex] = useState<PickerIndex | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [input, setInput] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  useEffect(() => {
    let isCurrent = true;
    getPickerIndex().then(
      (i) => isCurrent && setIndex(i),
      (e: unknown) => isCurrent && setError(describeError(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, []);

  const local = useMemo(() => (index ? searchPicker(index, input, types) : []), [index, input, types]);
  const server = useServerMatches(input, types, index !== null && shouldAskServer(input, local.length, isPartialPickerIndex(index)));
  const matches = useMemo(() => mergeMatches(local, server.entries), [local, server.entries]);
  useEffect(() => setActive(0), [input]);

  const choose = (entry: EmbedPickerEntry | undefined) => {
    if (!entry) return;
    onPick(entry);
    onClose();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && matches.length) {
      e.preventDefault();
      setActive((a) => (a + 1) % matches.length);
    } else if (e.key === 'ArrowUp' && matches.length) {
      e.preventDefault();
      setActive((a) => (a - 1 + matches.length) % matches.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(matches[active]);
    }
  };
  const status =
    error ??
    (!index ? 'Loading…'
    : matches.length ? `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}${server.isSearching ? ', searching the whole library…' : ''}`
    : server.isSearching ? 'Searching the whole library…'
    : input.trim() ? `Nothing matches “${input.trim()}”.`
    : 'Nothing to choose from yet.');

  return (
    <Dialog title={title} onClose={onClose} size="medium">
      <div className="quick-open">
        <input
          data-autofocus
          className="input quick-open__input"
          role="combobox"
          aria-label={title}
          aria-expanded={matches.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={matches.length ? `${listId}-${active}` : undefined}
          placeholder="Type to search…"
          autoComplete="off"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p className="quick-open__status" role="status">
          {status}
        </p>
        <ul id={listId} role="listbox" aria-label="Matches" className="quick-open__list">
          {matches.map((entry, i) => (
            <li
              key={`${entry.type}:${entry.id}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`quick-open__option${i === active ? ' quick-open__option--active' : ''}`}
              onMouseMove={() => i !== active && setActive(i)}
              onClick={() => choose(entry)}
            >
              <span className={`cm-embed-badge cm-embed-badge--${entry.type}`}>{TYPE_LABEL[entry.type]}</span>
              <span className="quick-open__title">{entry.type === 'quote' ? `“${entry.title}”` : entry.title}</span>
              {entry.extra && <span className="quick-open__extra">{entry.extra}</span>}
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
