import type { ServerResponse } from 'node:http';
import type { AppEvent, AppEventPayloads, AppEventType } from '../../shared/api/events';

/**
 * Events for the open pages: progress of long tasks and library changes. Browser-mode pages get
 * them as server-sent events; in-process subscribers (the desktop window, through IPC) get them
 * as calls, since the Electron window does not hold the server's token.
 */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly listeners = new Set<(event: AppEvent) => void>();

  attach(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /** Hear every event published from now on; returns the unsubscribe function. */
  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  publish<T extends AppEventType>(type: T, payload: AppEventPayloads[T]): void {
    const event = { type, payload } as AppEvent;
    const data = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of this.clients) client.write(data);
    for (const listener of this.listeners) {
      // A failing listener must not keep the event from the others (or fail the request that raised it).
      try {
        listener(event);
      } catch (error) {
        console.error(`[sourcebook] a listener for the ${type} event failed:`, error);
      }
    }
  }

  closeAll(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
    this.listeners.clear();
  }
}
