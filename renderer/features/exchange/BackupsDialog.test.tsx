// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setTransport } from '../../api/client';
import { ToastProvider } from '../../components/Toasts';
import { LibraryProvider, useLibrary } from '../../lib/library-context';
import { mountRootPerTest } from '../../test-support/react-root';
import { stubModalDialogs } from '../../test-support/modal-dialogs';
import { BackupsDialog } from './BackupsDialog';

const BACKUP = { name: 'auto-2026-03-01.db', path: '/lib/backups/auto-2026-03-01.db', kind: 'auto', bytes: 40960, modifiedAt: '2026-03-01T12:00:00.000Z' };
const MESSAGE = 'Restored the library from auto-2026-03-01.db. The library as it was is kept as /lib/backups/sourcebook-replaced-x.db.';
let calls: { method: string; input: unknown }[] = [];

beforeAll(() => {
  stubModalDialogs();
  setTransport({
    invoke: async (method, input) => {
      calls.push({ method, input });
      if (method === 'backup.list') return { ok: true, value: { dir: '/lib/backups', backups: [BACKUP] } };
      if (method === 'backup.restore') return { ok: true, value: { restoredFrom: BACKUP.path, previousKeptAt: '/lib/backups/sourcebook-replaced-x.db', restartRequired: false, message: MESSAGE } };
      return { ok: false, error: { code: 'internal', message: method } };
    },
    subscribe: () => () => {},
  });
});

beforeEach(() => {
  calls = [];
});
const view = mountRootPerTest();

/** Every view refetches when the library's revision moves; show it so the test can read it. */
function Revision() {
  return <output data-testid="revision">{useLibrary().revision}</output>;
}
const button = (name: string) => [...view.container.querySelectorAll<HTMLButtonElement>('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name)!;

describe('BackupsDialog', () => {
  it('restores after confirming, then refreshes every view in place: no restart asked for', async () => {
    await view.render(
      <ToastProvider>
        <LibraryProvider>
          <Revision />
          <BackupsDialog onClose={vi.fn()} />
        </LibraryProvider>
      </ToastProvider>,
    );
    await act(async () => {});
    await act(async () => button(`Restore ${BACKUP.name}`).click());
    expect(view.container.textContent).toContain('The current library is kept as a backup first');
    expect(view.container.textContent).not.toMatch(/must restart/);
    await act(async () => button('Restore').click());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 60)));

    expect(calls.filter((c) => c.method === 'backup.restore')).toEqual([{ method: 'backup.restore', input: { name: BACKUP.name } }]);
    expect(view.container.querySelector('[aria-label="Backup progress"]')!.textContent).toBe(MESSAGE);
    expect(view.container.textContent).not.toMatch(/Restart/);
    expect(view.container.querySelector('[data-testid="revision"]')!.textContent).toBe('1');
    // The list is read again too: the replaced library now shows among the backups.
    expect(calls.filter((c) => c.method === 'backup.list').length).toBeGreaterThanOrEqual(2);
  });
});
