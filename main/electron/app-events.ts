import type { WebContents } from 'electron';
import type { AppEvent, AppEventType } from '../../shared/api/events';
import type { EventHub } from '../server/events';
import { EVENT_CHANNEL } from './channels';

/** Send an event to one window's renderer (received by `window.sourcebook.onEvent`). */
export function sendEvent(contents: Pick<WebContents, 'isDestroyed' | 'send'>, event: AppEvent): void {
  if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
}

/**
 * What the loopback server raises that the desktop window must hear: a browser asking to pair
 * (ClipIntake and the Browser clipper panel show it with Approve) and a clip that arrived from the
 * browser (the views refetch). Browser-mode pages get these as server-sent events; the window is
 * not one of them (it has no token and talks over IPC), so they are forwarded. Not `progress`:
 * that belongs to the HTTP caller whose long task it is, and the window's own tasks report theirs
 * over IPC already.
 */
export const SERVER_EVENTS_FOR_WINDOW: readonly AppEventType[] = ['clipper-pair-request', 'changed'];

/**
 * Forward the server's events to whichever window is open when they happen (none while a macOS
 * app has its window closed: a pending pairing is listed when the window opens again).
 * Returns the function that stops forwarding.
 */
export function forwardServerEvents(hub: Pick<EventHub, 'subscribe'>, window: () => Pick<WebContents, 'isDestroyed' | 'send'> | undefined): () => void {
  return hub.subscribe((event) => {
    if (!SERVER_EVENTS_FOR_WINDOW.includes(event.type)) return;
    const contents = window();
    if (contents) sendEvent(contents, event);
  });
}
