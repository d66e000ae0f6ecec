// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { SearchResult } from '../../../shared/search/search-result';
import { setTransport } from '../../api/client';
import { mountRootPerTest } from '../../test-support/react-root';
import { SearchView } from './SearchView';

const EMPTY_FACETS = { type: [], speaker: [], stance: [], topic: [], tag: [], site: [], year: [], isExact: true, window: 200 };
const result = (title: string, extra: Partial<SearchResult> = {}): SearchResult => ({
  total: 1,
  isTotalExact: true,
  tookMs: 1,
  hits: [{ type: 'quote', id: `q-${title}`, title, snippet: `says \u0002${title}\u0003 <b>not html</b>`, score: 1, speakerName: 'Ana' }],
  facets: { ...EMPTY_FACETS, speaker: [{ value: 'Ana Reyes', label: 'Ana Reyes', count: 1, filter: 'speaker:"Ana Reyes"' }] },
  ...extra,
});

/** A transport whose answers the test releases one by one, in any order. */
let pending: { query: string; resolve(r: Result<unknown>): void }[] = [];
setTransport({
  invoke: (method, input) =>
    new Promise((resolve) => {
      if (method === 'search.query') pending.push({ query: (input as { query: string }).query, resolve });
      else resolve({ ok: true, value: [] });
    }),
  subscribe: () => () => {},
});

beforeEach(() => {
  vi.useFakeTimers();
  pending = [];
});
afterEach(() => {
  vi.useRealTimers();
});
const view = mountRootPerTest();

async function render(query: string, onQueryChange = vi.fn()) {
  await view.render(<SearchView query={query} onQueryChange={onQueryChange} onOpenItem={vi.fn()} />);
  await act(async () => vi.advanceTimersByTime(200));
}

describe('SearchView', () => {
  it('renders snippets as <mark> elements from the markers, never as HTML', async () => {
    await render('tram');
    await act(async () => pending[0]!.resolve({ ok: true, value: result('tram') }));
    const marks = [...view.container.querySelectorAll('.search-hit mark')].map((m) => m.textContent);
    expect(marks).toEqual(['tram']);
    expect(view.container.querySelector('.search-hit b')).toBeNull();
    expect(view.container.querySelector('.search-hit__snippet')!.textContent).toContain('<b>not html</b>');
    expect(view.container.querySelector('.search-badge')!.textContent).toBe('Quote');
  });

  it('marks a quote whose words changed in its source, and only such a quote', async () => {
    await render('tram');
    const base = result('tram').hits[0]!;
    const hits = [
      { ...base, id: 'q-exact', title: 'As marked', anchorStatus: 'exact' as const },
      { ...base, id: 'q-fuzzy', title: 'Reworded', anchorStatus: 'fuzzy' as const },
      { ...base, id: 'q-orphan', title: 'Gone', anchorStatus: 'orphan' as const },
    ];
    await act(async () => pending[0]!.resolve({ ok: true, value: result('tram', { total: 3, hits }) }));
    const badges = [...view.container.querySelectorAll('.search-hit')].map((li) => li.querySelector('[data-anchor-status]')?.textContent ?? null);
    expect(badges).toEqual([null, 'Changed in source', 'Not found in source']);
  });

  it('shows a lower-bound count as "1,000+" and pages on while pages are full', async () => {
    await render('tram');
    const hits = Array.from({ length: 20 }, (_, i) => ({ type: 'article' as const, id: `a${i}`, title: `Tram ${i}`, snippet: 'tram', score: 1 }));
    const typeFacet = { value: 'article', label: 'Articles', count: 1000, filter: 'type:article', isAtLeast: true };
    await act(async () => pending[0]!.resolve({ ok: true, value: result('tram', { total: 1000, isTotalExact: false, hits, facets: { ...EMPTY_FACETS, type: [typeFacet] } }) }));
    expect(view.container.querySelector('.search-view__status')!.textContent).toMatch(/^1,000\+ results/);
    expect(view.container.querySelector('.search-pager__range')!.textContent).toBe('1–20 of 1,000+');
    expect(view.container.querySelector('.search-facet__count')!.textContent).toBe('1,000+');
    const next = [...view.container.querySelectorAll<HTMLButtonElement>('.search-pager button')].find((b) => b.textContent === 'Next')!;
    expect(next.disabled).toBe(false);
  });

  it('drops a response that arrives after a newer one', async () => {
    const onQueryChange = vi.fn();
    await render('tr', onQueryChange);
    await render('tram', onQueryChange);
    expect(pending.map((p) => p.query)).toEqual(['tr', 'tram']);
    await act(async () => pending[1]!.resolve({ ok: true, value: result('tram') }));
    await act(async () => pending[0]!.resolve({ ok: true, value: result('tr') }));
    expect(view.container.querySelector('.search-hit__title')!.textContent).toBe('tram');
  });

  it('shows an invalid query inline with its position marked', async () => {
    await render('tram OR');
    await act(async () =>
      pending[0]!.resolve({ ok: false, error: { code: 'search/invalid-query', message: 'OR needs a word after it (at column 6)', details: { position: 5, end: 7 } } }),
    );
    const alert = view.container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('OR needs a word after it');
    expect(alert.querySelector('.search-error__at')!.textContent).toBe('OR');
  });

  it('adds a facet filter and a did-you-mean to the query on click', async () => {
    const onQueryChange = vi.fn();
    await render('tram', onQueryChange);
    await act(async () => pending[0]!.resolve({ ok: true, value: result('tram', { didYouMean: { query: 'train', corrections: [{ from: 'tram', to: 'train' }] } }) }));
    const facet = [...view.container.querySelectorAll<HTMLButtonElement>('.search-facet__value')].find((b) => b.textContent?.includes('Ana Reyes'))!;
    await act(async () => facet.click());
    expect(onQueryChange).toHaveBeenLastCalledWith('tram speaker:"Ana Reyes"');
    const dym = [...view.container.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'train')!;
    await act(async () => dym.click());
    expect(onQueryChange).toHaveBeenLastCalledWith('train');
  });

  it('opens the syntax help and closes it with Escape', async () => {
    await render('tram');
    const button = [...view.container.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Syntax')!;
    await act(async () => button.click());
    const panel = view.container.querySelector<HTMLElement>('[role="dialog"][aria-label="Search syntax"]')!;
    expect(panel.textContent).toContain('speaker:"Angela Merkel"');
    await act(async () => panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(view.container.querySelector('[aria-label="Search syntax"]')).toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });
});
