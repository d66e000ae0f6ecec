/**
 * The events main pushes to the open window: over IPC in Electron (`sourcebook:event`), as
 * server-sent events in browser mode (`GET /api/events`). One map of event type → payload, so the
 * senders (the loopback server's EventHub, the Electron bridge) and the renderer's listeners agree
 * on the names at compile time. Payloads are JSON, like API results.
 */
export interface AppEventPayloads {
  /** One step of a long task (import, export, re-anchoring); `method` is the call it belongs to. */
  progress: { method?: string; task: string; done: number; total: number; current?: string; errors?: number; message?: string };
  /** The library changed by a call this window did not make (a browser clip, another tab): views refetch. */
  changed: { method: string; id?: string };
  /** The desktop menu asks the renderer to open one of its dialogs. */
  menu: { command: string };
  /** A browser clicked the bookmarklet for the first time and waits for the user's approval. */
  'clipper-pair-request': { clientId: string; name: string };
}

export type AppEventType = keyof AppEventPayloads;

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
