// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/errors';
import { setTransport } from '../../api/client';
import { ToastProvider } from '../../components/Toasts';
import { LibraryProvider } from '../../lib/library-context';
import { mountRootPerTest } from '../../test-support/react-root';
import { stubModalDialogs } from '../../test-support/modal-dialogs';
import { ExportNotesDialog } from './ExportNotesDialog';

const COLLECTIONS = [
  { id: 'c1', name: 'Memos', description: '', itemCount: 3, createdAt: '', updatedAt: '', deletedAt: null },
  { id: 'c2', name: 'Sources only', description: '', itemCount: 4, createdAt: '', updatedAt: '', deletedAt: null },
];
const NOTES_IN: Record<string, number> = { c1: 2, c2: 0 };

let exports: unknown[] = [];
let exportAnswer: Result<unknown> = { ok: true, value: { fileName: 'Memos.docx', mimeType: 'application/octet-stream', base64: btoa('PK') } };
const downloads: string[] = [];

beforeAll(() => {
  stubModalDialogs();
  URL.createObjectURL = () => 'blob:test';
  URL.revokeObjectURL = () => {};
  HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
    downloads.push(this.download);
  };
  setTransport({
    invoke: async (method, input) => {
      switch (method) {
        case 'collections.list':
          return { ok: true, value: { items: COLLECTIONS, total: 2, offset: 0, limit: 1000 } };
        case 'notes.list':
          return { ok: true, value: { items: [], total: NOTES_IN[(input as { collectionId: string }).collectionId] ?? 0, offset: 0, limit: 1 } };
        case 'app.capabilities.get':
          return { ok: true, value: { pdf: false } };
        case 'notes.export':
          exports.push(input);
          return exportAnswer;
        default:
          return { ok: false, error: { code: 'internal', message: method } };
      }
    },
    subscribe: () => () => {},
  });
});

beforeEach(() => {
  exports = [];
  downloads.length = 0;
  localStorage.clear();
});
const view = mountRootPerTest();

async function open() {
  const onClose = vi.fn();
  const onExported = vi.fn();
  await view.render(
    <ToastProvider>
      <LibraryProvider>
        <ExportNotesDialog onClose={onClose} onExported={onExported} />
      </LibraryProvider>
    </ToastProvider>,
  );
  await act(async () => {});
  return { onClose, onExported };
}
const $ = <E extends Element>(selector: string) => view.container.querySelector<E>(selector)!;
const labelled = <E extends HTMLElement>(text: string): E => {
  const label = [...view.container.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)!;
  return (label.control ?? label.querySelector('input')) as E;
};
const exportButton = () => [...view.container.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Export')!;

describe('ExportNotesDialog', () => {
  it('exports the chosen collection’s notes in the chosen format, from labelled controls', async () => {
    const { onClose, onExported } = await open();
    expect($('dialog').getAttribute('aria-labelledby')).toBeTruthy();
    const collection = labelled<HTMLSelectElement>('Collection');
    expect(collection.value).toBe('c1');
    expect(document.activeElement).toBe(collection);
    expect($('[role="status"]').textContent).toBe('2 notes, oldest first, each under its own heading.');
    const radios = [...view.container.querySelectorAll<HTMLInputElement>('[role="radiogroup"][aria-label="Format"] input[type="radio"]')];
    expect(radios.map((r) => r.value)).toEqual(['md', 'html', 'docx']);
    expect(radios.find((r) => r.checked)!.value).toBe('docx');
    await act(async () => labelled<HTMLInputElement>('Markdown (.md)').click());
    const style = labelled<HTMLSelectElement>('Citations');
    await act(async () => {
      style.value = 'apa';
      style.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // Enter in the form submits it.
    await act(async () => $<HTMLFormElement>('form').requestSubmit());
    expect(exports).toEqual([{ collectionId: 'c1', format: 'md', citationStyle: 'apa' }]);
    expect(downloads).toEqual(['Memos.docx']);
    expect(onExported).toHaveBeenCalledWith('Memos.docx');
    expect(onClose).toHaveBeenCalled();
  });

  it('says so when the collection holds no notes, and does not offer to export it', async () => {
    await open();
    const collection = labelled<HTMLSelectElement>('Collection');
    await act(async () => {
      collection.value = 'c2';
      collection.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => {});
    expect($('[role="status"]').textContent).toContain('The collection “Sources only” holds no notes yet.');
    expect(exportButton().disabled).toBe(true);
  });

  it('shows a failed export in the dialog and stays open', async () => {
    exportAnswer = { ok: false, error: { code: 'not-found', message: 'The collection "Memos" holds no notes; add notes to it first.' } };
    const { onClose } = await open();
    await act(async () => exportButton().click());
    expect($('[role="alert"]').textContent).toContain('holds no notes; add notes to it first.');
    expect(onClose).not.toHaveBeenCalled();
  });
});
