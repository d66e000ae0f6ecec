import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { hasAnyModifier, isEditableTarget } from '../../lib/keyboard';

/** What the keys do to the focused suggestion; a list without `edit` or `open` ignores E or Enter. */
export interface SuggestionKeyActions<T> {
  accept(item: T): void;
  dismiss(item: T): void;
  edit?(item: T): void;
  open?(item: T): void;
}

export interface SuggestionKeys<T> {
  listRef: RefObject<HTMLUListElement | null>;
  /** The focusable (tabIndex 0) item: one tab stop for the whole list. */
  index: number;
  setActive(index: number): void;
  focusAt(index: number): void;
  /** After an accept or dismiss of `item` by mouse or key, focus the suggestion that takes its place once it has left the list. */
  keepFocus(item: T): void;
  onKeyDown(event: KeyboardEvent<HTMLUListElement>): void;
}

/**
 * One key per decision, the same in every suggestion list: A accepts, D dismisses, E edits, Enter
 * shows; ↑/↓ or J/K, Home and End move (a roving tab stop, so Tab leaves the list). Items carry
 * `data-suggestion`. `isEditing` pauses the keys while a field in the list has the focus.
 */
export function useSuggestionKeys<T extends { id: string }>(items: readonly T[], actions: SuggestionKeyActions<T>, isEditing = false): SuggestionKeys<T> {
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  /** The suggestion just accepted or dismissed, whose place the focus moves on to once it is gone. */
  const decidedId = useRef<string | null>(null);
  const index = Math.max(0, Math.min(active, items.length - 1));
  const itemsAt = () => listRef.current?.querySelectorAll<HTMLElement>('[data-suggestion]');

  // After an accept or dismiss the list re-renders without the item: focus whatever is now there.
  // Renders before that (a refresh from elsewhere, the call's own state) still show the item, which
  // keeps the focus; moving on then would leave nothing to restore the focus when it goes.
  useEffect(() => {
    if (decidedId.current === null || isEditing) return;
    if (items.some((item) => item.id === decidedId.current)) return;
    decidedId.current = null;
    // Not taken from where the user has since gone (the decision's call may have taken a while).
    const focused = document.activeElement;
    if (focused && focused !== document.body && !listRef.current?.contains(focused)) return;
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
        decidedId.current = current.id;
        actions.accept(current);
        break;
      case 'd':
        decidedId.current = current.id;
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

  const keepFocus = (item: T) => {
    decidedId.current = item.id;
  };
  return { listRef, index, setActive, focusAt, keepFocus, onKeyDown };
}
