import type { ErrorInfo, Result } from '../../shared/errors';

/**
 * How the renderer reaches main: the Electron preload bridge when present, else HTTP to browser
 * mode's `POST /api/<method>` (authenticated by the session cookie the server set from the URL token).
 */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribe to events from main (progress of long tasks, library changes). Returns unsubscribe. */
  subscribe(listener: (event: AppEvent) => void): () => void;
}

export interface AppEvent {
  type: string;
  payload: unknown;
}

interface ElectronBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

declare global {
  interface Window {
    sourcebook?: ElectronBridge;
  }
}

const transportError = (message: string): { ok: false; error: ErrorInfo } => ({ ok: false, error: { code: 'internal', message } });

export function httpTransport(base = ''): Transport {
  return {
    async invoke(method, input) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
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
        try {
          listener(JSON.parse(message.data as string) as AppEvent);
        } catch {
          /* a malformed event is dropped; the next one will do */
        }
      };
      return () => source.close();
    },
  };
}

export function electronTransport(bridge: ElectronBridge): Transport {
  return { invoke: (method, input) => bridge.invoke(method, input), subscribe: (listener) => bridge.onEvent(listener) };
}

export function defaultTransport(): Transport {
  return window.sourcebook ? electronTransport(window.sourcebook) : httpTransport();
}
