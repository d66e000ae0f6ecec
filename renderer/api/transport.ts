import { WINDOW_HEADER } from '../../shared/api/events';
import type { ErrorInfo, Result } from '../../shared/errors';

/**
 * How the renderer reaches main: the Electron preload bridge when present, else HTTP to browser
 * mode's `POST /api/<method>` (authenticated by the session cookie the server set from the URL token).
 */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribe to events from main (progress of long tasks, library changes). Returns unsubscribe. */
  subscribe(listener: (event: AppEvent) => void): () => void;
  /**
   * How main can read a file the user chose, without the page reading it: its path (desktop app)
   * or an upload (browser mode). Null where neither is possible (a file with no path on disk).
   */
  fileForImport?(file: File, onProgress?: (sent: number, total: number) => void): Promise<Result<ImportFileRef | null>>;
}

/** A chosen file as `import.run` takes it (besides its content). */
export type ImportFileRef = { path: string } | { upload: string };

export interface AppEvent {
  type: string;
  payload: unknown;
}

interface ElectronBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** The file's path on disk ('' when it has none); absent in a preload older than this page. */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    sourcebook?: ElectronBridge;
  }
}

const transportError = (message: string): { ok: false; error: ErrorInfo } => ({ ok: false, error: { code: 'internal', message } });

/**
 * A `changed` event caused by this page's own call: the page refetched for it when the call
 * returned (LibraryProvider), and another refetch would be wasted.
 */
const isOwnChange = (event: AppEvent, windowId: string) =>
  event.type === 'changed' && (event.payload as { window?: unknown } | null)?.window === windowId;

export function httpTransport(base = ''): Transport {
  // Names this page in the `changed` events its calls cause (two tabs each get their own).
  const windowId = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  return {
    async invoke(method, input) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', [WINDOW_HEADER]: windowId },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return transportError(`Cannot reach Sourcebook's local server (${(error as Error).message}). Is \`sourcebook serve\` still running?`);
      }
      try {
        return (await response.json()) as Result<unknown>;
      } catch {
        return transportError(`The local server answered ${response.status} without a readable body.`);
      }
    },
    subscribe(listener) {
      if (typeof EventSource === 'undefined') return () => {};
      const source = new EventSource(`${base}/api/events`, { withCredentials: true });
      source.onmessage = (message) => {
        let event: AppEvent;
        try {
          event = JSON.parse(message.data as string) as AppEvent;
        } catch {
          return; // a malformed event is dropped; the next one will do
        }
        if (!isOwnChange(event, windowId)) listener(event);
      };
      return () => source.close();
    },
    fileForImport(file, onProgress) {
      // The file itself is the body: the browser streams it from disk, the server to the library's
      // disk. XMLHttpRequest, not fetch: only it tells how much of the body has been sent.
      return new Promise((resolve) => {
        const request = new XMLHttpRequest();
        request.open('POST', `${base}/api/upload`);
        request.withCredentials = true;
        request.setRequestHeader('content-type', 'application/octet-stream');
        request.setRequestHeader(WINDOW_HEADER, windowId);
        request.upload.onprogress = (event) => {
          if (event.lengthComputable) onProgress?.(event.loaded, event.total);
        };
        request.onload = () => {
          try {
            resolve(JSON.parse(request.responseText) as Result<ImportFileRef>);
          } catch {
            resolve(transportError(`The local server answered the upload with ${request.status} and no readable body.`));
          }
        };
        request.onerror = () => resolve(transportError(`Could not upload ${file.name} to Sourcebook's local server (the connection failed). Is \`sourcebook serve\` still running?`));
        request.send(file);
      });
    },
  };
}

export function electronTransport(bridge: ElectronBridge): Transport {
  return {
    invoke: (method, input) => bridge.invoke(method, input),
    subscribe: (listener) => bridge.onEvent(listener),
    fileForImport: async (file) => {
      const path = bridge.pathForFile?.(file) ?? '';
      return { ok: true, value: path ? { path } : null };
    },
  };
}

export function defaultTransport(): Transport {
  return window.sourcebook ? electronTransport(window.sourcebook) : httpTransport();
}
