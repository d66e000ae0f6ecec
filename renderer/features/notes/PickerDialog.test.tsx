// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { EmbedPickerEntry } from '../../../shared/notes/resolved';
import type { SearchHit } from '../../../shared/search/search-result';
import { setTransport } from '../../api/client';
import { mountRootPerTest } from '../../test-support/react-root';
import { stubModalDialogs } from '../../test-support/modal-dialogs';
import { PickerDialog } from './PickerDialog';
import { getPickerIndex, invalidatePickerIndex } from './picker-index';
import { SERVER_DELAY_MS } from './picker-search';

const ENTRIES: EmbedPickerEntry[] = [
  { type: 'quote', id: 'q-new', title: 'The tram will be built', extra: 'Ana · Post' },
  ...Array.from({ length: 6 }, (_, i) => ({ type: 'quote' as const, id: `q-b${i}`, title: `The budget, part ${i}`, extra: '' })),
];
const hit = (h: Partial<SearchHit> & Pick<SearchHit, 'type' | 'id' | 'title'>): SearchHit => ({ snippet: '', score: 1, ...h });

/** Searches the test answers one by one, in any order. */
let pending: { query: string; resolve(r: Result<unknown>): void }[] = [];
const answer = (i: number, hits: SearchHit[]) => act(async () => pending[i]!.resolve({ ok: true, value: { hits } }));

beforeAll(() => {
  stubModalDialogs();
  setTransport({
    invoke: (method, input) =>
      new Promise((resolve) => {
        if (method === 'notes.embedIndex.list') resolve({ ok: true, value: ENTRIES });
        else if (method === 'search.query') pending.push({ query: (input as { query: string }).query, resolve });
        else resolve({ ok: false, error: { code: 'internal', message: method } });
      }),
    subscribe: () => () => {},
  });
});
beforeEach(async () => {
  invalidatePickerIndex();
  await getPickerIndex();
  vi.useFakeTimers();
  pending = [];
});
afterEach(() => {
  vi.useRealTimers();
});
const view = mountRootPerTest();

async function open(onPick = vi.fn(), types: EmbedPickerEntry['type'][] = ['quote', 'article']) {
  await view.render(<PickerDialog title="Embed" types={types} onPick={onPick} onClose={vi.fn()} />);
  return onPick;
}
const input = () => view.container.ownerDocument.querySelector<HTMLInputElement>('input[role="combobox"]')!;
const options = () => [...view.container.ownerDocument.querySelectorAll('[role="option"] .quick-open__title')].map((o) => o.textContent);
const status = () => view.container.ownerDocument.querySelector('.quick-open__status')!.textContent;

async function type(text: string) {
  await act(async () => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setValue.call(input(), text);
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const pause = (ms = SERVER_DELAY_MS) => act(async () => vi.advanceTimersByTime(ms));

describe('PickerDialog: lunr first, the library search below it', () => {
  it('asks the search when lunr finds few matches and appends its matches without moving lunr’s', async () => {
    const onPick = await open();
    await type('tram');
    expect(options()).toEqual(['“The tram will be built”']);
    expect(pending).toEqual([]);
    await pause();
    expect(pending.map((p) => p.query)).toEqual(['type:quote,article tram']);
    expect(status()).toBe('1 match, searching the whole library…');
    await answer(0, [
      hit({ type: 'quote', id: 'q-new', title: 'Post story', snippet: 'The tram will be built' }),
      hit({ type: 'quote', id: 'q-old', title: 'Gazette 1990', snippet: 'the \u0002tram\u0003 of 1990', speakerName: 'Berg' }),
      hit({ type: 'article', id: 'a-old', title: 'Tram history', siteName: 'Gazette' }),
    ]);
    expect(options()).toEqual(['“The tram will be built”', '“the tram of 1990”', 'Tram history']);
    expect(status()).toBe('3 matches');
    // The keyboard reaches the added rows.
    const key = (k: string) => act(async () => input().dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));
    await key('ArrowDown');
    await key('ArrowDown');
    await key('Enter');
    expect(onPick).toHaveBeenCalledWith({ type: 'article', id: 'a-old', title: 'Tram history', extra: 'Gazette' });
  });

  it('shows only the answer for what is typed now, whatever order the answers come in', async () => {
    await open();
    await type('tra');
    await pause();
    await type('tramway');
    await pause();
    expect(pending.map((p) => p.query)).toEqual(['type:quote,article tra', 'type:quote,article tramway']);
    await answer(1, [hit({ type: 'article', id: 'a-new', title: 'Tramway plans' })]);
    await answer(0, [hit({ type: 'article', id: 'a-stale', title: 'Traffic' })]);
    expect(options()).toEqual(['Tramway plans']);
  });

  it('waits for a pause in typing, and asks nothing when lunr finds enough', async () => {
    await open();
    await type('t');
    await pause(SERVER_DELAY_MS / 2);
    await type('tr');
    await pause(SERVER_DELAY_MS / 2);
    await type('budget');
    await pause(1000);
    expect(options()).toHaveLength(6);
    expect(pending.map((p) => p.query)).toEqual([]);
  });

  it('keeps lunr’s matches when the search fails', async () => {
    await open();
    await type('tram');
    await pause();
    await act(async () => pending[0]!.resolve({ ok: false, error: { code: 'internal', message: 'busy' } }));
    expect(options()).toEqual(['“The tram will be built”']);
    expect(status()).toBe('1 match');
  });
});
