import { subscribe } from '../api/client';
import type { AppEvent } from '../api/transport';

/**
 * One subscription to main's events (server-sent events in browser mode, the preload bridge in
 * Electron), fanned out to every component that listens, so the app holds a single connection.
 */
type Listener = (event: AppEvent) => void;
const listeners = new Set<Listener>();
let unsubscribe: (() => void) | null = null;

export function startAppEvents(): void {
  if (unsubscribe) return;
  unsubscribe = subscribe((event) => {
    for (const listener of listeners) listener(event);
  });
}

export function onAppEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Payload of a `progress` event: main emits one per step of a long task (import, export, re-anchor). */
export interface ProgressPayload {
  task: string;
  done: number;
  total: number;
  current?: string;
  errors?: number;
}

export function isProgressPayload(value: unknown): value is ProgressPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.task === 'string' && typeof v.done === 'number' && typeof v.total === 'number';
}
