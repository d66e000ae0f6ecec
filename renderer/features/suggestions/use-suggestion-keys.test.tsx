// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { mountRootPerTest } from '../../test-support/react-root';
import { useSuggestionKeys } from './use-suggestion-keys';

type Item = { id: string; text: string };
const decided: string[] = [];

/** A suggestion list as the app's are: a roving tab stop, A accepts; the parent decides what the list holds. */
function List({ items }: { items: Item[] }) {
  const keys = useSuggestionKeys(items, { accept: (item) => decided.push(item.id), dismiss: (item) => decided.push(item.id) });
  return (
    <ul ref={keys.listRef} onKeyDown={keys.onKeyDown}>
      {items.map((item, i) => (
        <li key={item.id} data-suggestion tabIndex={i === keys.index ? 0 : -1} onFocus={() => keys.setActive(i)}>
          {item.text}
        </li>
      ))}
    </ul>
  );
}

describe('useSuggestionKeys', () => {
  afterEach(() => {
    decided.length = 0;
  });
  const view = mountRootPerTest();

  it('moves the focus on once the decided suggestion has left the list, not at a refresh that still shows it', async () => {
    const a = { id: 'a', text: 'first' };
    const b = { id: 'b', text: 'second' };
    const c = { id: 'c', text: 'third' };
    await view.render(<List items={[a, b, c]} />);
    const rows = () => [...view.container.querySelectorAll<HTMLElement>('[data-suggestion]')];
    await act(async () => rows()[1]!.focus());
    expect(document.activeElement?.textContent).toBe('second');

    await act(async () => rows()[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true })));
    expect(decided).toEqual(['b']);
    // A refresh from elsewhere arrives first (new objects, the decided one still listed): the focus stays.
    await view.render(<List items={[{ ...a }, { ...b }, { ...c }]} />);
    expect(document.activeElement?.textContent).toBe('second');
    // Then the accept lands and the suggestion goes: the one that takes its place gets the focus.
    await view.render(<List items={[{ ...a }, { ...c }]} />);
    expect(document.activeElement?.textContent).toBe('third');

    // Decided, then the user goes elsewhere before the suggestion leaves: the focus stays there.
    const elsewhere = document.createElement('button');
    document.body.appendChild(elsewhere);
    await act(async () => rows()[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'd', bubbles: true })));
    await act(async () => elsewhere.focus());
    await view.render(<List items={[{ ...a }]} />);
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });
});
