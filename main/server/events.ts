import type { ServerResponse } from 'node:http';

/** Server-sent events to the open pages: progress of long tasks and library changes. */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();

  attach(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  publish(type: string, payload: unknown): void {
    const data = `data: ${JSON.stringify({ type, payload })}\n\n`;
    for (const client of this.clients) client.write(data);
  }

  closeAll(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
