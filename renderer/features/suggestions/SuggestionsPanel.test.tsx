// @vitest-environment jsdom
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QuoteSuggestion, SourceSuggestion } from '../../../shared/api/methods-clip';
import { setTransport } from '../../api/client';
import { ToastProvider } from '../../components/Toasts';
import { LibraryProvider } from '../../lib/library-context';
import { mountRootPerTest } from '../../test-support/react-root';
import { SuggestionsPanel } from './SuggestionsPanel';

const TEXT = 'We have patched it for a decade and the patches are now the problem,';
const quote = (id: string, text: string, speaker: string | null, start = 100): QuoteSuggestion => ({
  id, articleId: 'a1', text, start, end: start + text.length, speaker, speakerMention: speaker, speakerRole: null, status: 'pending', quoteId: null,
});
const source = (id: string, name: string, url: string | null = null): SourceSuggestion => ({ id, articleId: 'a1', name, url, status: 'pending', linkId: null });

let listed: { quotes: QuoteSuggestion[]; sources: SourceSuggestion[] };
let calls: { method: string; input: Record<string, unknown> }[];

setTransport({
  invoke: async (method, input) => {
    calls.push({ method, input: input as Record<string, unknown> });
    const id = (input as { id?: string }).id;
    switch (method) {
      case 'suggestions.list':
        return { ok: true, value: listed };
      case 'suggestions.accept':
        listed = { ...listed, quotes: listed.quotes.filter((q) => q.id !== id) };
        return { ok: true, value: { id: `quote-${id}`, speakerName: (input as { speaker?: string }).speaker ?? 'Marta Kowalczyk' } };
      case 'suggestions.acceptSource':
      case 'suggestions.dismiss':
        listed = { quotes: listed.quotes.filter((q) => q.id !== id), sources: listed.sources.filter((s) => s.id !== id) };
        return { ok: true, value: { id } };
      case 'speakers.list':
        return { ok: true, value: { items: [], total: 0, offset: 0, limit: 8 } };
      default:
        return { ok: false, error: { code: 'internal', message: `not in this test: ${method}` } };
    }
  },
  subscribe: () => () => {},
});

const view = mountRootPerTest();
beforeEach(async () => {
  calls = [];
  listed = {
    quotes: [quote('q1', TEXT, 'Marta Kowalczyk'), quote('q2', 'Nobody asked the fishermen,', null, 300)],
    sources: [source('s1', 'Reuters', 'https://www.reuters.com/world/ferries'), source('s2', 'The Guardian'), source('s3', 'The New York Times')],
  };
  await view.render(
    <ToastProvider>
      <LibraryProvider>
        <SuggestionsPanel articleId="a1" />
      </LibraryProvider>
    </ToastProvider>,
  );
});

const within = (label: string) => view.container.querySelector<HTMLElement>(`[aria-label="${label}"]`)!;
const items = (label: string) => [...within(label).querySelectorAll<HTMLElement>('[data-suggestion]')];
const press = async (target: Element, key: string, init: KeyboardEventInit = {}) =>
  act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 60)));
/** Sets a controlled field's value the way typing does (React listens for "input"). */
const typeInto = async (field: HTMLTextAreaElement | HTMLInputElement, value: string) =>
  act(async () => {
    const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
const sent = (method: string) => calls.filter((c) => c.method === method).map((c) => c.input);

describe('SuggestionsPanel: cited sources', () => {
  it('accepts with A and dismisses with D, like the quotations, moving the focus on', async () => {
    const [reuters, guardian, nyt] = items('Suggested sources');
    expect(reuters!.getAttribute('aria-label')).toBe('Reuters, reuters.com');
    expect(reuters!.getAttribute('aria-keyshortcuts')).toBe('A D');
    expect(reuters!.tabIndex).toBe(0);
    expect(guardian!.tabIndex).toBe(-1);

    reuters!.focus();
    await press(reuters!, 'a');
    expect(sent('suggestions.acceptSource')).toEqual([{ id: 's1' }]);
    expect(items('Suggested sources').map((li) => li.getAttribute('aria-label'))).toEqual(['The Guardian', 'The New York Times']);
    expect(document.activeElement).toBe(guardian);

    await press(guardian!, 'j');
    expect(document.activeElement).toBe(nyt);
    await press(nyt!, 'd');
    expect(sent('suggestions.dismiss')).toEqual([{ id: 's3' }]);
    expect(view.container.querySelector('[role="status"]')!.textContent).toBe('Dismissed The New York Times.');
  });

  it('names its buttons after the source', async () => {
    const buttons = [...within('Suggested sources').querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(buttons).toContain('Link as cited: The Guardian');
    expect(buttons).toContain('Dismiss: The Guardian');
  });

  it('ignores the keys with a modifier held', async () => {
    const [reuters] = items('Suggested sources');
    await press(reuters!, 'a', { ctrlKey: true });
    expect(sent('suggestions.acceptSource')).toEqual([]);
  });
});

describe('SuggestionsPanel: editing a quotation', () => {
  const openEditor = async () => {
    const [first] = items('Suggested quotes');
    first!.focus();
    await press(first!, 'e');
    await settle();
    return first!;
  };

  it('A accepts as suggested', async () => {
    const [first] = items('Suggested quotes');
    first!.focus();
    await press(first!, 'a');
    expect(sent('suggestions.accept')).toEqual([{ id: 'q1' }]);
  });

  it('E opens speaker, kind and passage; Enter accepts a trimmed passage with its kind and start', async () => {
    const item = await openEditor();
    const speaker = item.querySelector<HTMLInputElement>('[role="combobox"]')!;
    expect(document.activeElement).toBe(speaker);
    expect(speaker.value).toBe('Marta Kowalczyk');
    expect(item.querySelector('legend')!.textContent).toBe('Kind');

    const paraphrase = [...item.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.value === 'paraphrase')!;
    await act(async () => paraphrase.click());
    const passage = item.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(view.container.querySelector(`label[for="${passage.id}"]`)!.textContent).toBe('Quoted text');
    expect(passage.value).toBe(TEXT);
    await typeInto(passage, 'the patches are now the problem');
    await press(passage, 'Enter');

    expect(sent('suggestions.accept')).toEqual([
      { id: 'q1', speaker: 'Marta Kowalczyk', kind: 'paraphrase', text: 'the patches are now the problem', start: 100 + TEXT.indexOf('the patches') },
    ]);
  });

  it('sends no passage when only the kind or the speaker changed', async () => {
    const item = await openEditor();
    await typeInto(item.querySelector<HTMLInputElement>('[role="combobox"]')!, 'Anna Kowalczyk');
    const highlight = [...item.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.value === 'highlight')!;
    await act(async () => highlight.click());
    const accept = [...item.querySelectorAll('button')].find((b) => b.textContent === 'Accept')!;
    await act(async () => accept.click());
    expect(sent('suggestions.accept')).toEqual([{ id: 'q1', speaker: 'Anna Kowalczyk', kind: 'highlight' }]);
  });

  it('refuses words that are not in the suggested passage', async () => {
    const item = await openEditor();
    const passage = item.querySelector<HTMLTextAreaElement>('textarea')!;
    await typeInto(passage, 'we have fixed it for a decade');
    expect(passage.getAttribute('aria-invalid')).toBe('true');
    expect(item.querySelector('[role="alert"]')!.textContent).toMatch(/Only words from the suggested passage/);
    const accept = [...item.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Accept')!;
    expect(accept.disabled).toBe(true);
    await press(passage, 'Enter');
    expect(sent('suggestions.accept')).toEqual([]);
  });

  it('Esc closes the editor without accepting and gives the focus back to the suggestion', async () => {
    const item = await openEditor();
    await press(item.querySelector('textarea')!, 'Escape');
    expect(item.querySelector('textarea')).toBeNull();
    expect(document.activeElement).toBe(item);
    expect(sent('suggestions.accept')).toEqual([]);
  });

  it('does not take A or D typed into the editor for the list', async () => {
    const item = await openEditor();
    await press(item.querySelector('textarea')!, 'd');
    await press(item.querySelector('[role="combobox"]')!, 'a');
    expect(sent('suggestions.dismiss')).toEqual([]);
    expect(sent('suggestions.accept')).toEqual([]);
  });
});
