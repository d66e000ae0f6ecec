// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setTransport } from '../../api/client';
import type { Transport } from '../../api/transport';
import { ToastProvider } from '../../components/Toasts';
import { LibraryProvider } from '../../lib/library-context';
import { mountRootPerTest } from '../../test-support/react-root';
import { stubModalDialogs } from '../../test-support/modal-dialogs';
import { ImportDialog } from './ImportDialog';

const REPORT = { format: 'json', created: 3, merged: 0, skipped: 0, errors: [], byType: {} };
let calls: { method: string; input: unknown }[] = [];
let handedOver: File[] = [];

const invoke: Transport['invoke'] = async (method, input) => {
  calls.push({ method, input });
  return method === 'import.run' ? { ok: true, value: REPORT } : { ok: false, error: { code: 'internal', message: method } };
};
/** As browser mode does: the file goes to the server, the call names it by the id it answered. */
const uploading: Transport = {
  invoke,
  subscribe: () => () => {},
  fileForImport: async (file) => {
    handedOver.push(file);
    return { ok: true, value: { upload: 'a'.repeat(32) } };
  },
};

beforeAll(stubModalDialogs);

beforeEach(() => {
  calls = [];
  handedOver = [];
});
const view = mountRootPerTest();

/** A file whose size says `size` bytes (jsdom keeps only the few bytes given): its head is what it holds. */
function fileOf(name: string, head: string, size: number): File {
  const file = new File([head], name);
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

async function importFile(file: File): Promise<void> {
  await view.render(
    <ToastProvider>
      <LibraryProvider>
        <ImportDialog onClose={vi.fn()} />
      </LibraryProvider>
    </ToastProvider>,
  );
  const input = view.container.querySelector<HTMLInputElement>('input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => input.dispatchEvent(new Event('change', { bubbles: true })));
  const submit = [...view.container.querySelectorAll('button')].find((b) => b.textContent === 'Import')!;
  await act(async () => submit.click());
}

describe('ImportDialog', () => {
  it('hands a file to main without reading it (an upload, here), of any size when it is a library export', async () => {
    setTransport(uploading);
    const file = fileOf('library.json', '{\n  "format": "sourcebook-library",\n  "version": 1,', 3 * 1024 ** 3);
    await importFile(file);
    expect(handedOver).toEqual([file]);
    expect(calls).toEqual([{ method: 'import.run', input: { upload: 'a'.repeat(32), fileName: 'library.json' } }]);
    expect(view.container.textContent).toContain('Imported Sourcebook JSON: 3 created');
  });

  it('shows how much of the file has been sent while it uploads', async () => {
    let sendMore!: (sent: number) => void;
    let finish!: () => void;
    setTransport({
      ...uploading,
      fileForImport: (file, onProgress) =>
        new Promise((resolve) => {
          sendMore = (sent) => onProgress?.(sent, file.size);
          finish = () => resolve({ ok: true, value: { upload: 'b'.repeat(32) } });
        }),
    });
    await importFile(fileOf('library.json', '{\n  "format": "sourcebook-library",', 2000));
    await act(async () => sendMore(500));
    const bar = view.container.querySelector<HTMLProgressElement>('progress[aria-label="Sending the file"]')!;
    expect([bar.value, bar.max]).toEqual([500, 2000]);
    expect(view.container.textContent).toContain('Sending “library.json” to Sourcebook… 25%');
    await act(async () => sendMore(2000));
    expect(view.container.textContent).toContain('100%');
    await act(async () => finish());
    expect(view.container.querySelector('progress[aria-label="Sending the file"]')).toBeNull();
    expect(calls).toEqual([{ method: 'import.run', input: { upload: 'b'.repeat(32), fileName: 'library.json' } }]);
    expect(view.container.textContent).toContain('Imported Sourcebook JSON: 3 created');
  });

  it('stops an import under way: the import fails as cancelled, said without the format hint', async () => {
    let endImport!: (result: Awaited<ReturnType<Transport['invoke']>>) => void;
    setTransport({
      ...uploading,
      invoke: (method, input) => {
        calls.push({ method, input });
        if (method === 'import.run') return new Promise((resolve) => (endImport = resolve));
        endImport({ ok: false, error: { code: 'cancelled', message: 'The import was stopped; nothing of it was imported.' } });
        return Promise.resolve({ ok: true, value: { stopping: true } });
      },
    });
    await importFile(fileOf('library.json', '{\n  "format": "sourcebook-library",', 5 * 1024 * 1024));
    const stopButton = [...view.container.querySelectorAll('button')].find((b) => b.textContent === 'Stop import')!;
    await act(async () => stopButton.click());
    expect(calls.map((c) => c.method)).toEqual(['import.run', 'import.stop']);
    const alert = view.container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toBe('cancelled: The import was stopped; nothing of it was imported.');
    expect([...view.container.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Stop import');
  });

  it('refuses another format over 100 MB before anything is sent', async () => {
    setTransport(uploading);
    await importFile(fileOf('refs.bib', '@article{a, title = {A}}', 200 * 1024 * 1024));
    expect(handedOver).toEqual([]);
    expect(calls).toEqual([]);
    expect(view.container.textContent).toContain('is larger than 100 MB');
  });

  it('sends the content where the transport cannot hand the file over', async () => {
    setTransport({ invoke, subscribe: () => () => {} });
    await importFile(fileOf('refs.ris', 'TY  - NEWS\nER  - \n', 20));
    expect(calls).toEqual([{ method: 'import.run', input: { content: 'TY  - NEWS\nER  - \n', fileName: 'refs.ris' } }]);
  });
});
