// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setTransport } from '../../api/client';
import type { Transport } from '../../api/transport';
import { ToastProvider } from '../../components/Toasts';
import { LibraryProvider } from '../../lib/library-context';
import { mountRootPerTest } from '../../test-support/react-root';
import { stubModalDialogs } from '../../test-support/modal-dialogs';
import { ExportDialog } from './ExportDialog';

let calls: string[] = [];
/** Ends the export under way with this result. */
let endExport: (result: Awaited<ReturnType<Transport['invoke']>>) => void = () => {};
let stopAnswer = { stopping: true };

const invoke: Transport['invoke'] = async (method) => {
  calls.push(method);
  switch (method) {
    case 'library.info':
      return { ok: true, value: { counts: { articles: 900, quotes: 4200 } } };
    case 'collections.list':
    case 'topics.list':
      return { ok: true, value: { items: [], total: 0 } };
    case 'app.capabilities.get':
      return { ok: true, value: { pdf: false } };
    case 'export.run':
      return new Promise((resolve) => (endExport = resolve));
    case 'export.stop':
      if (stopAnswer.stopping) endExport({ ok: false, error: { code: 'cancelled', message: 'The export was stopped; no file was written (one it would have replaced is unchanged).' } });
      return { ok: true, value: stopAnswer };
    default:
      return { ok: false, error: { code: 'internal', message: method } };
  }
};

beforeAll(stubModalDialogs);
beforeEach(() => {
  calls = [];
  stopAnswer = { stopping: true };
  setTransport({ invoke, subscribe: () => () => {} });
});
const view = mountRootPerTest();

const buttons = () => [...view.container.querySelectorAll('button')].map((b) => b.textContent);
const button = (text: string) => [...view.container.querySelectorAll('button')].find((b) => b.textContent === text)!;

async function startExport(): Promise<void> {
  await view.render(
    <ToastProvider>
      <LibraryProvider>
        <ExportDialog selectedArticleId={null} onClose={vi.fn()} onOpenBackups={vi.fn()} />
      </LibraryProvider>
    </ToastProvider>,
  );
  const out = [...view.container.querySelectorAll('label')].find((l) => l.textContent === 'Output file')!;
  const input = document.getElementById(out.htmlFor) as HTMLInputElement;
  // React tracks an input's value: set it through the prototype's setter so the change is seen.
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '/tmp/library.json');
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => button('Export').click());
}

describe('ExportDialog', () => {
  it('stops an export under way: it fails as cancelled, said without the path hint, and Stop goes away', async () => {
    await startExport();
    expect(calls).toContain('export.run');
    expect(buttons()).toContain('Stop export');
    await act(async () => button('Stop export').click());
    expect(calls.filter((m) => m.startsWith('export.'))).toEqual(['export.run', 'export.stop']);
    const alert = view.container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('The export was stopped; no file was written');
    expect(alert.textContent).not.toContain('Replace if it exists');
    expect(buttons()).not.toContain('Stop export');
    expect(buttons()).toContain('Export');
  });

  it('keeps the export going when none runs on a worker (a small library: it ends in a moment)', async () => {
    stopAnswer = { stopping: false };
    await startExport();
    await act(async () => button('Stop export').click());
    expect(buttons()).toContain('Stop export'); // not "Stopping…": nothing was stopped
    await act(async () => endExport({ ok: true, value: { format: 'json', out: '/tmp/library.json', files: ['library.json'], removed: [], scope: { kind: 'library', label: 'the whole library' }, counts: { articles: 2, quotes: 3, speakers: 1, topics: 0 } } }));
    expect(view.container.textContent).toContain('Exported 2 articles, 3 quotes, 1 speaker and 0 topics');
    expect(buttons()).not.toContain('Stop export');
  });
});
