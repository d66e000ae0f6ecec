import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { hasAnyModifier, isEditableTarget } from '../../lib/keyboard';

/** What the keys do to the focused suggestion; a list without `edit` or `open` ignores E or Enter. */
export interface SuggestionKeyActions<T> {
  accept(item: T): void;
  dismiss(item: T): void;
  edit?(item: T): void;
  open?(item: T): void;
}

export interface SuggestionKeys {
  listRef: RefObject<HTMLUListElement | null>;
  /** The focusable (tabIndex 0) item: one tab stop for the whole list. */
  index: number;
  setActive(index: number): void;
  focusAt(index: number): void;
  /** After an accept or dismiss by mouse or key, focus the suggestion that takes its place. */
  keepFocus(): void;
  onKeyDown(event: KeyboardEvent<HTMLUListElement>): void;
}

/**
 * One key per decision, the same in every suggestion list: A accepts, D dismisses, E edits, Enter
 * shows; ↑/↓ or J/K, Home and End move (a roving tab stop, so Tab leaves the list). Items carry
 * `data-suggestion`. `isEditing` pauses the keys while a field in the list has the focus.
 */
export function useSuggestionKeys<T>(items: readonly T[], actions: SuggestionKeyActions<T>, isEditing = false): SuggestionKeys {
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const shouldKeepFocus = useRef(false);
  const index = Math.max(0, Math.min(active, items.length - 1));
  const itemsAt = () => listRef.current?.querySelectorAll<HTMLElement>('[data-suggestion]');

  // After an accept or dismiss the list re-renders without the item: focus whatever is now there.
  useEffect(() => {
    if (!shouldKeepFocus.current || isEditing) return;
    shouldKeepFocus.current = false;
    itemsAt()?.[index]?.focus();
  });

  const focusAt = (i: number) => {
    const next = Math.max(0, Math.min(items.length - 1, i));
    setActive(next);
    itemsAt()?.[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (hasAnyModifier(event) || isEditableTarget(event.target)) return;
    const current = items[index];
    if (current === undefined) return;
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
        focusAt(items.length - 1);
        break;
      case 'a':
        shouldKeepFocus.current = true;
        actions.accept(current);
        break;
      case 'd':
        shouldKeepFocus.current = true;
        actions.dismiss(current);
        break;
      case 'e':
        if (!actions.edit) return;
        actions.edit(current);
        break;
      case 'Enter':
        if (!actions.open || (event.target as HTMLElement).tagName === 'BUTTON') return;
        actions.open(current);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const keepFocus = () => {
    shouldKeepFocus.current = true;
  };
  return { listRef, index, setActive, focusAt, keepFocus, onKeyDown };
}
