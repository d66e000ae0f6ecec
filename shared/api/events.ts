/**
 * The events main pushes to the open window: over IPC in Electron (`sourcebook:event`), as
 * server-sent events in browser mode (`GET /api/events`). One map of event type → payload, so the
 * senders (the loopback server's EventHub, the Electron bridge) and the renderer's listeners agree
 * on the names at compile time. Payloads are JSON, like API results.
 */
export interface AppEventPayloads {
  /** One step of a long task (import, export, re-anchoring); `method` is the call it belongs to. */
  progress: { method?: string; task: string; done: number; total: number; current?: string; errors?: number; message?: string };
  /**
   * The library changed (a call from a page, a browser clip): views refetch. `window` names the
   * browser-mode page whose call it was (its WINDOW_HEADER), so that page can tell its own writes,
   * which it has refetched for already, from everyone else's.
   */
  changed: { method: string; id?: string; window?: string };
  /** The desktop menu asks the renderer to open one of its dialogs. */
  menu: { command: string };
  /** A browser clicked the bookmarklet for the first time and waits for the user's approval. */
  'clipper-pair-request': { clientId: string; name: string };
}

export type AppEventType = keyof AppEventPayloads;

/** The header a browser-mode page sends with each call: its own random id, echoed in `changed` events. */
export const WINDOW_HEADER = 'x-sourcebook-window';
/** What the server accepts as a window id (anything else is left out of the event). */
export const WINDOW_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export type AppEvent<T extends AppEventType = AppEventType> = { [K in T]: { type: K; payload: AppEventPayloads[K] } }[T];

/**
 * A `clipper-pair-request` as the renderer receives it. The payload crossed a process boundary, so
 * its shape is checked rather than trusted.
 */
export function isClipperPairRequest(event: { type: string; payload: unknown }): event is AppEvent<'clipper-pair-request'> {
  if (event.type !== ('clipper-pair-request' satisfies AppEventType)) return false;
  const payload = event.payload as Partial<Record<string, unknown>> | null;
  return typeof payload?.clientId === 'string' && typeof payload.name === 'string';
}
