import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ItemType } from '../../../shared/domain/entities';
import type { QuickOpenEntry, QuickOpenType } from '../../../shared/search/search-result';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Icon, type IconName } from '../../components/Icon';
import { describeError } from '../../lib/errors';
import { buildPaletteIndex, searchPalette, signatureOf, type PaletteIndex } from './quick-open-index';
import './search.css';

/** Ctrl/Cmd+K quick-open palette (owned by the Search work; this is its mounting point). */
export interface QuickOpenProps {
  isOpen: boolean;
  onClose(): void;
  onOpenItem(id: string, type: ItemType): void;
}

const TYPE_LABELS: Record<QuickOpenType, { label: string; icon: IconName }> = {
  article: { label: 'Article', icon: 'library' },
  note: { label: 'Note', icon: 'note' },
  speaker: { label: 'Speaker', icon: 'speaker' },
  topic: { label: 'Topic', icon: 'topic' },
  tag: { label: 'Tag', icon: 'tag' },
  collection: { label: 'Collection', icon: 'collection' },
};

/**
 * Kept between openings: the palette opens instantly with the last index and refreshes it in the
 * background (rebuilding only when the list changed: building is the slow part).
 */
let cached: PaletteIndex | null = null;

function usePaletteIndex(isOpen: boolean): { index: PaletteIndex | null; error: string | null } {
  const [index, setIndex] = useState<PaletteIndex | null>(cached);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!isOpen) return;
    let isCurrent = true;
    call('search.quickOpenIndex', {}).then(
      (entries) => {
        if (!isCurrent) return;
        if (!cached || cached.signature !== signatureOf(entries)) cached = buildPaletteIndex(entries);
        setIndex(cached);
        setError(null);
      },
      (e: unknown) => isCurrent && setError(describeError(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [isOpen]);
  return { index, error };
}

function Palette({ onClose, onOpenItem }: Omit<QuickOpenProps, 'isOpen'>) {
  const { index, error } = usePaletteIndex(true);
  const [input, setInput] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;
  const listRef = useRef<HTMLUListElement>(null);

  const matches = useMemo(() => (index ? searchPalette(index, input) : []), [index, input]);
  useEffect(() => setActive(0), [input, index]);
  useEffect(() => {
    listRef.current?.querySelector(`#${CSS.escape(optionId(active))}`)?.scrollIntoView({ block: 'nearest' });
  });

  const open = (entry: QuickOpenEntry | undefined) => {
    if (!entry) return;
    onClose();
    onOpenItem(entry.id, entry.type);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = matches.length;
    if (event.key === 'ArrowDown' && count) {
      event.preventDefault();
      setActive((a) => (a + 1) % count);
    } else if (event.key === 'ArrowUp' && count) {
      event.preventDefault();
      setActive((a) => (a - 1 + count) % count);
    } else if (event.key === 'Home' && count && event.ctrlKey) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End' && count && event.ctrlKey) {
      event.preventDefault();
      setActive(count - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(matches[active]);
    }
  };

  const status = error ?? (!index ? 'Loading…' : matches.length === 0 ? (input.trim() ? `Nothing matches “${input.trim()}”.` : 'The library is empty: add an article first.') : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`);

  return (
    <Dialog title="Go to" onClose={onClose} size="medium">
      <div className="quick-open">
        <input
          data-autofocus
          className="input quick-open__input"
          role="combobox"
          aria-label="Go to an article, speaker, topic, tag, collection or note"
          aria-expanded={matches.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={matches.length ? optionId(active) : undefined}
          placeholder="Type a title or a name…"
          autoComplete="off"
          spellCheck={false}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p className="quick-open__status" role="status" aria-live="polite">
          {status}
        </p>
        <ul ref={listRef} id={listId} role="listbox" aria-label="Matches" className="quick-open__list">
          {matches.map((entry, i) => {
            const t = TYPE_LABELS[entry.type];
            return (
              <li
                key={`${entry.type}:${entry.id}`}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={`quick-open__option${i === active ? ' quick-open__option--active' : ''}`}
                onMouseMove={() => i !== active && setActive(i)}
                onClick={() => open(entry)}
              >
                <span className={`search-badge search-badge--${entry.type}`}>
                  <Icon name={t.icon} size={12} />
                  {t.label}
                </span>
                <span className="quick-open__title">{entry.title}</span>
                {entry.extra && <span className="quick-open__extra">{entry.extra}</span>}
              </li>
            );
          })}
        </ul>
        <p className="quick-open__keys" aria-hidden="true">
          <kbd>↑</kbd>
          <kbd>↓</kbd> choose · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close
        </p>
      </div>
    </Dialog>
  );
}

export function QuickOpen({ isOpen, onClose, onOpenItem }: QuickOpenProps) {
  if (!isOpen) return null;
  return <Palette onClose={onClose} onOpenItem={onOpenItem} />;
}
