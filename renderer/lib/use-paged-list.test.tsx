// @vitest-environment jsdom
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from '../../shared/domain/entities';
import { ToastProvider } from '../components/Toasts';
import { mountRootPerTest } from '../test-support/react-root';
import { usePagedList, type PagedList } from './use-paged-list';

/** A server whose answers the test releases one by one, in any order. */
class SlowServer {
  readonly requests: { offset: number; answer(rows: string[], total: number): void }[] = [];
  fetch = (offset: number): Promise<Page<string>> =>
    new Promise((resolve) => {
      this.requests.push({ offset, answer: (rows, total) => resolve({ items: rows, total, offset, limit: 10 }) });
    });
}

let latest: PagedList<string> | null = null;
/** What every render saw: the list asked for, its total and first row. */
let renders: { resetKey: string; total: number | null; first: string | undefined }[] = [];
function Probe({ server, resetKey, revision }: { server: SlowServer; resetKey: string; revision: number }) {
  latest = usePagedList(server.fetch, resetKey, revision, 10);
  renders.push({ resetKey, total: latest.total, first: latest.getItem(0) });
  return null;
}

describe('usePagedList', () => {
  const view = mountRootPerTest();
  let server: SlowServer;
  const render = (revision: number, resetKey = 'all') =>
    view.render(
      <ToastProvider>
        <Probe server={server} resetKey={resetKey} revision={revision} />
      </ToastProvider>,
    );
  const answer = (index: number, rows: string[], total: number) => act(async () => server.requests[index]!.answer(rows, total));

  beforeEach(() => {
    server = new SlowServer();
    latest = null;
    renders = [];
  });

  it('shows rows while the library keeps changing faster than the server answers', async () => {
    await render(0);
    // Three changes elsewhere before the first answer: each asks again.
    await render(1);
    await render(2);
    await render(3);
    expect(server.requests).toHaveLength(4);
    expect(latest!.total).toBeNull();

    // The first (superseded) answer still fills the empty list…
    await answer(0, ['a0', 'b0'], 2);
    expect(latest!.total).toBe(2);
    expect(latest!.getItem(0)).toBe('a0');
    // …and the newest answer replaces it.
    await answer(3, ['a3', 'b3', 'c3'], 3);
    expect(latest!.getItem(0)).toBe('a3');
    expect(latest!.total).toBe(3);
    // An answer older than what is shown never takes it back in time.
    await answer(1, ['a1'], 1);
    expect(latest!.getItem(0)).toBe('a3');
    expect(latest!.total).toBe(3);
  });

  it('drops answers for a list the user has left (another filter or sort)', async () => {
    await render(0, 'filter-a');
    await render(0, 'filter-b');
    await answer(0, ['from a'], 1);
    expect(latest!.total).toBeNull();
    expect(latest!.getItem(0)).toBeUndefined();
    await answer(1, ['from b'], 1);
    expect(latest!.getItem(0)).toBe('from b');
  });

  it('never shows the old list as the new one, not even for the render before its effects', async () => {
    await render(0, 'filter-a');
    await answer(0, ['from a'], 1);
    expect(latest!.getItem(0)).toBe('from a');
    renders = [];
    await render(0, 'filter-b');
    // The first render for filter-b comes before the effect that drops filter-a's rows: a caller
    // that showed them (and its total, as "not busy") would present filter-a's result as filter-b's.
    expect(renders.length).toBeGreaterThan(0);
    for (const seen of renders) expect(seen).toEqual({ resetKey: 'filter-b', total: null, first: undefined });
    expect(latest!.findIndex((row) => row === 'from a')).toBe(-1);
    await answer(1, ['from b'], 1);
    expect(latest!.total).toBe(1);
    expect(latest!.getItem(0)).toBe('from b');
  });
});
