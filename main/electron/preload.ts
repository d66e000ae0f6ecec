import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

/**
 * The sandboxed preload: exposes exactly `window.sourcebook = { invoke, pathForFile, onEvent }` (the shape
 * renderer/api/transport.ts expects), never ipcRenderer itself. Bundled by scripts/build-electron.mjs
 * into ONE CommonJS file whose only require is 'electron', as sandboxed preloads must be.
 * Keep imports to ./channels: anything else would end up in the page's preload bundle.
 */

interface ErrorResult {
  ok: false;
  error: { code: 'validation' | 'internal'; message: string };
}

const MAX_METHOD_LENGTH = 200;

const failure = (code: ErrorResult['error']['code'], message: string): ErrorResult => ({ ok: false, error: { code, message } });

const bridge = {
  /** Resolves to the router's Result; never rejects (transport failures become an `internal` Result). */
  invoke(method: unknown, input: unknown): Promise<unknown> {
    if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
      return Promise.resolve(failure('validation', 'method: must be a non-empty string such as "articles.list"'));
    }
    try {
      return ipcRenderer
        .invoke(INVOKE_CHANNEL, method, input)
        .catch((error: unknown) => failure('internal', `The app did not answer ${method}: ${(error as Error)?.message ?? String(error)}`));
    } catch (error) {
      // Input that cannot be structured-cloned (a function, a DOM node) throws synchronously.
      return Promise.resolve(failure('validation', `input: cannot be sent to the app (${(error as Error)?.message ?? String(error)})`));
    }
  },

  /**
   * The path on disk of a file the user chose ('' for one with none), so that an import reads it
   * in main, of any size, rather than the page sending its content.
   */
  pathForFile(file: unknown): string {
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      return ''; // not a File
    }
  },

  /** Subscribe to events from main; returns the unsubscribe function. */
  onEvent(listener: unknown): () => void {
    if (typeof listener !== 'function') throw new TypeError('onEvent expects a function');
    const forward = (_event: IpcRendererEvent, appEvent: unknown): void => {
      (listener as (event: unknown) => void)(appEvent);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('sourcebook', bridge);
