import { useCallback, useEffect, useRef, useState } from 'react';
import { isClipperPairRequest } from '../../../shared/api/events';
import type { ClipSource } from '../../../shared/api/methods-clip';
import type { Article } from '../../../shared/domain/entities';
import { ApiError, call } from '../../api/client';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { onAppEvent } from '../../lib/events';
import { plural } from '../../lib/format';
import { isEditableTarget } from '../../lib/keyboard';
import { useLibrary } from '../../lib/library-context';
import { describeClipProblem } from './clip-problem';
import { clipOne, NO_TARGET, type ClippedArticle } from './clip-result';
import { fileKindOf, fileToSource, isSingleUrl, normalizeUrl } from './clip-sources';
import { filesInFolder, MAX_FOLDER_FILES, splitDroppedFiles } from './dropped-folders';
import type { ClipInitial } from './clip-tabs';
import './clip.css';

export interface ClipIntakeProps {
  /** An article was clipped: select it and show `message`. */
  onClipped(article: Article, message?: string): void;
  /** Open the New article dialog pre-filled (a dropped local address needs the user's consent). */
  onOpenClip(initial: ClipInitial): void;
}

type DragKind = 'files' | 'link' | 'selection' | 'text';

interface Dropped {
  label: string;
  /** The dropped address, when it is one (offered in the URL tab if it is refused as private). */
  url?: string;
  load(): Promise<ClipSource>;
}

const CLIPPABLE_TYPES = ['Files', 'text/uri-list', 'text/html', 'text/plain'];
/** dragover repeats every ~50 ms while something is held over the window; silence means it left. */
const DRAG_IDLE_MS = 200;

const isModalOpen = () => document.querySelector('dialog[open], [aria-modal="true"]') !== null;

function dragKindOf(types: readonly string[]): DragKind | null {
  if (types.includes('Files')) return 'files';
  if (types.includes('text/uri-list')) return 'link';
  if (types.includes('text/html')) return 'selection';
  if (types.includes('text/plain')) return 'text';
  return null;
}

function describeDrag(kind: DragKind, fileCount: number): string {
  switch (kind) {
    case 'files':
      return fileCount > 1 ? `Drop to clip ${fileCount} files` : 'Drop to clip the file';
    case 'link':
      return 'Drop to clip the linked page';
    case 'selection':
      return 'Drop to clip the selection';
    case 'text':
      return 'Drop to clip the text';
  }
}

const fileDropped = (file: File): Dropped => ({ label: `“${file.webkitRelativePath || file.name}”`, load: () => fileToSource(file) });

/** What a drop carries, in order of intent: its files (splitDroppedFiles), links, an HTML selection, plain text. */
function droppedItems(data: DataTransfer, files: readonly File[]): Dropped[] {
  if (files.length > 0) return files.map(fileDropped);
  const links = data
    .getData('text/uri-list')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .flatMap((line) => {
      const url = /^https?:/i.test(line) ? normalizeUrl(line) : null;
      return url ? [url] : [];
    });
  if (links.length > 0) return links.map((url) => ({ label: url, url, load: async () => ({ kind: 'url' as const, url }) }));
  const html = data.getData('text/html');
  const text = data.getData('text/plain');
  if (text.trim() && isSingleUrl(text)) {
    const url = normalizeUrl(text)!;
    return [{ label: url, url, load: async () => ({ kind: 'url' as const, url }) }];
  }
  if (html.trim()) return [{ label: 'the dropped selection', load: async () => ({ kind: 'html' as const, html }) }];
  if (text.trim()) return [{ label: 'the dropped text', load: async () => ({ kind: 'text' as const, text }) }];
  return [];
}

/**
 * Clipping from outside the dialogs, app-wide: drag a link, files or a selection from another
 * application onto the window (an overlay shows where it goes, a live region says what happens, a
 * toast gives the result), and approve browsers asking to pair with the clipper.
 *
 * Drags that start inside the app (text moved within a note) are left alone, and so is text or a
 * link dropped onto a text field, which inserts it as usual.
 */
export function ClipIntake({ onClipped, onOpenClip }: ClipIntakeProps) {
  const toast = useToast();
  const { invalidate } = useLibrary();
  const [dragLabel, setDragLabel] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const isWorking = useRef(false);
  const callbacks = useRef({ onClipped, onOpenClip });
  callbacks.current = { onClipped, onOpenClip };

  const clipDropped = useCallback(
    async (items: Dropped[]) => {
      if (isWorking.current) {
        toast.info('Still clipping the previous drop; drop again when it is done.');
        return;
      }
      isWorking.current = true;
      const what = items.length === 1 ? items[0]!.label : plural(items.length, items[0]!.url ? 'link' : 'file');
      setBusy(`Clipping ${what}…`);
      setAnnouncement(`Clipping ${what}.`);
      const done: ClippedArticle[] = [];
      let failed = 0;
      try {
        for (const item of items) {
          try {
            done.push(await clipOne(await item.load(), NO_TARGET));
          } catch (error) {
            failed++;
            const problem = describeClipProblem(error);
            if (problem.isPrivateAddress && item.url && items.length === 1) {
              toast.info('That address is on this computer or your own network. Tick “Allow local/private addresses” to clip it.');
              callbacks.current.onOpenClip({ format: 'text', content: item.url });
            } else {
              // A file the renderer refused is not an API error; keep its own words in the toast.
              toast.error(error instanceof ApiError ? error : new ApiError({ code: 'validation', message: problem.message }), `Could not clip ${item.label} (${problem.title})`);
            }
          }
        }
      } finally {
        isWorking.current = false;
        setBusy(null);
      }
      const last = done[done.length - 1];
      if (!last) {
        setAnnouncement(`Nothing was clipped${failed ? `: ${plural(failed, 'item')} failed` : ''}.`);
        return;
      }
      invalidate();
      const message = done.length === 1 && failed === 0 ? last.message : `Clipped ${plural(done.length, 'article')} from the drop${failed ? `; ${failed} failed` : ''}.`;
      setAnnouncement(message);
      callbacks.current.onClipped(last.article, message);
    },
    [invalidate, toast],
  );

  /**
   * A drop holding folders: the files in them (subfolders included) and beside them; the web pages,
   * Markdown and text files among them are clipped, as the Files tab's folder picker does.
   */
  const clipWithFolders = useCallback(
    async ({ files, folders }: { files: File[]; folders: FileSystemDirectoryEntry[] }) => {
      const found = [...files];
      let isCut = false;
      for (const folder of folders) {
        try {
          const read = await filesInFolder(folder, MAX_FOLDER_FILES - found.length);
          found.push(...read.files);
          isCut ||= read.isCut;
        } catch {
          toast.info(`Could not read the folder “${folder.name}” from the drop. Choose it with “Choose a folder…” in the New article dialog’s Files tab instead.`);
          return;
        }
      }
      const articles = found.filter((file) => fileKindOf(file) !== null);
      const left = [
        ...(found.length > articles.length ? [`${plural(found.length - articles.length, 'other file')} left out`] : []),
        ...(isCut ? [`only the first ${MAX_FOLDER_FILES} files were read`] : []),
      ].join('; ');
      if (articles.length === 0) {
        toast.info(`Nothing to clip in the dropped folder: no web page, Markdown or text file${left ? ` (${left})` : ''}.`);
        return;
      }
      if (left) toast.info(`${plural(articles.length, 'file')} to clip from the dropped folder; ${left}.`);
      await clipDropped(articles.map(fileDropped));
    },
    [clipDropped, toast],
  );

  useEffect(() => {
    let isInternalDrag = false;
    let idleTimer: number | undefined;
    const hide = () => {
      window.clearTimeout(idleTimer);
      setDragLabel(null);
    };
    const onDragStart = () => {
      isInternalDrag = true;
    };
    const onDragEnd = () => {
      isInternalDrag = false;
    };
    const fileCountOf = (data: DataTransfer) => Array.from(data.items).filter((i) => i.kind === 'file').length;
    const onDragOver = (event: DragEvent) => {
      const data = event.dataTransfer;
      if (isInternalDrag || !data || event.defaultPrevented) return;
      const types = Array.from(data.types);
      if (!types.some((t) => CLIPPABLE_TYPES.includes(t))) return;
      const hasFiles = types.includes('Files');
      const target = event.target instanceof Element ? event.target : null;
      if (isModalOpen()) {
        // A file dropped beside a dialog's file field would make the browser open it in place of the app.
        if (hasFiles && !(target instanceof HTMLInputElement && target.type === 'file')) {
          event.preventDefault();
          data.dropEffect = 'none';
        }
        return;
      }
      if (!hasFiles && isEditableTarget(target)) {
        hide();
        return;
      }
      event.preventDefault();
      data.dropEffect = 'copy';
      const kind = dragKindOf(types);
      if (kind) setDragLabel(describeDrag(kind, fileCountOf(data)));
      window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(hide, DRAG_IDLE_MS);
    };
    const onDrop = (event: DragEvent) => {
      const data = event.dataTransfer;
      hide();
      if (isInternalDrag || !data || event.defaultPrevented) return;
      const types = Array.from(data.types);
      if (!types.some((t) => CLIPPABLE_TYPES.includes(t))) return;
      const hasFiles = types.includes('Files');
      const target = event.target instanceof Element ? event.target : null;
      if (isModalOpen()) {
        if (hasFiles && !(target instanceof HTMLInputElement && target.type === 'file')) event.preventDefault();
        return;
      }
      if (!hasFiles && isEditableTarget(target)) return;
      event.preventDefault();
      // Folders are read after the event, from entries that must be taken during it.
      const dropped = hasFiles ? splitDroppedFiles(data) : { files: [], folders: [] };
      if (dropped.folders.length > 0) {
        void clipWithFolders(dropped);
        return;
      }
      const items = droppedItems(data, dropped.files);
      if (items.length === 0) {
        toast.info('Nothing to clip in what was dropped: drop a link, a web page or text file, or a selection of text.');
        return;
      }
      void clipDropped(items);
    };
    const onDragLeaveWindow = (event: DragEvent) => {
      // Leaving the window has no related target; moving between elements has one.
      if (event.relatedTarget === null) hide();
    };
    document.addEventListener('dragstart', onDragStart);
    document.addEventListener('dragend', onDragEnd);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    window.addEventListener('dragleave', onDragLeaveWindow);
    return () => {
      window.clearTimeout(idleTimer);
      document.removeEventListener('dragstart', onDragStart);
      document.removeEventListener('dragend', onDragEnd);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('dragleave', onDragLeaveWindow);
    };
  }, [clipDropped, clipWithFolders, toast]);

  // The overlay's words, read out once when a drag arrives (not on every dragover).
  useEffect(() => {
    if (dragLabel) setAnnouncement(`${dragLabel} into Sourcebook.`);
  }, [dragLabel]);

  // The desktop menu's File → New article / Clip URL… (main sends them as `menu` events).
  useEffect(
    () =>
      onAppEvent((event) => {
        if (event.type !== 'menu' || isModalOpen()) return;
        const command = (event.payload as { command?: unknown } | null)?.command;
        if (command === 'clip.url') callbacks.current.onOpenClip({ format: 'text', content: '', tab: 'url' });
        else if (command === 'articles.new') callbacks.current.onOpenClip({ format: 'text', content: '', tab: 'paste' });
      }),
    [],
  );

  // A browser asking to pair: say so wherever the user is, with Approve at hand. (In the desktop
  // app the event comes from the clipper server through main: main/electron/app-events.ts.)
  useEffect(
    () =>
      onAppEvent((event) => {
        if (!isClipperPairRequest(event)) return;
        const { clientId } = event.payload;
        const name = event.payload.name.trim() || 'A browser';
        toast.info(`“${name}” asks to clip into this library. Approve it only if you just clicked the bookmarklet.`, {
          label: 'Approve',
          run: () => {
            call('clipper.approve', { clientId })
              .then(() => {
                invalidate();
                toast.info(`Approved “${name}”: it can clip into this library now.`);
              })
              .catch((error: unknown) => toast.error(error, `Could not approve “${name}”`));
          },
        });
      }),
    [invalidate, toast],
  );

  return (
    <>
      {dragLabel && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-overlay__card">
            <Icon name="plus" size={28} className="drop-overlay__icon" />
            <p className="drop-overlay__title">{dragLabel}</p>
            <p className="drop-overlay__hint">Links, web pages (.html), Markdown, text files and selections become articles.</p>
          </div>
        </div>
      )}
      {busy && (
        <div className="clip-busy" aria-hidden="true">
          <span className="spinner" />
          <span className="clip-busy__text">{busy}</span>
        </div>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
