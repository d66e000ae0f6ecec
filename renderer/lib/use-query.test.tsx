// @vitest-environment jsdom
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ToastProvider } from '../components/Toasts';
import { mountRootPerTest } from '../test-support/react-root';
import { useQuery, type QueryState } from './use-query';

/** Requests the test settles by hand, in any order. */
const pending: { id: string; resolve(value: string): void; reject(error: Error): void }[] = [];
const fetchItem = (id: string) => new Promise<string>((resolve, reject) => pending.push({ id, resolve, reject }));

let latest: QueryState<string> | null = null;
function Probe({ id }: { id: string | null }) {
  latest = useQuery(id ? () => fetchItem(id) : null, [id], 'Could not open the article');
  return null;
}

describe('useQuery', () => {
  const view = mountRootPerTest();
  const render = (id: string | null) =>
    view.render(
      <ToastProvider>
        <Probe id={id} />
      </ToastProvider>,
    );
  const alerts = () => [...document.querySelectorAll('[role="alert"]')].map((n) => n.textContent ?? '').join('');

  beforeEach(() => {
    pending.length = 0;
    latest = null;
  });

  it('shows a failure of the question asked', async () => {
    await render('a');
    await act(async () => pending[0]!.reject(new Error('no such article')));
    expect(latest!.error).toBeInstanceOf(Error);
    expect(alerts()).toContain('no such article');
  });

  it('drops the answer, and never shows the failure, of a question withdrawn while it was on its way', async () => {
    await render('a');
    // The selection is cleared (the article went to the trash) before its request comes back.
    await render(null);
    await act(async () => pending[0]!.reject(new Error('The article a is in the trash')));
    expect(latest!.error).toBeUndefined();
    expect(latest!.data).toBeUndefined();
    expect(alerts()).not.toContain('in the trash');
    // A later question is answered as usual.
    await render('b');
    await act(async () => pending[1]!.resolve('article b'));
    expect(latest!.data).toBe('article b');
  });
});
