import fs from 'node:fs';
import path from 'node:path';
import { MIN_WINDOW_SIZE } from './security';

/**
 * The main window's size, position and theme, kept in userData (not the library folder: a library
 * may be synced between machines whose displays differ). Plain Node, so it is unit-tested.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type ThemeSource = 'system' | 'light' | 'dark';

export interface WindowState {
  bounds: Rect;
  isMaximized: boolean;
  theme: ThemeSource;
}

export const WINDOW_STATE_FILE = 'window-state.json';

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseRect(value: unknown): Rect | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { x, y, width, height } = value as Record<string, unknown>;
  if (![x, y, width, height].every(isFiniteNumber)) return undefined;
  const rect = { x: Math.round(x as number), y: Math.round(y as number), width: Math.round(width as number), height: Math.round(height as number) };
  return rect.width > 0 && rect.height > 0 ? rect : undefined;
}

/** A partial or damaged file yields what can be trusted; anything unreadable yields undefined. */
export function parseWindowState(text: string): Partial<WindowState> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  const state: Partial<WindowState> = {};
  const bounds = parseRect(record.bounds);
  if (bounds) state.bounds = bounds;
  if (typeof record.isMaximized === 'boolean') state.isMaximized = record.isMaximized;
  if (record.theme === 'system' || record.theme === 'light' || record.theme === 'dark') state.theme = record.theme;
  return state;
}

export function loadWindowState(file: string): Partial<WindowState> {
  try {
    return parseWindowState(fs.readFileSync(file, 'utf8')) ?? {};
  } catch {
    return {};
  }
}

/** Write-then-rename, so a crash mid-write never leaves a truncated file. Failures are not fatal. */
export function saveWindowState(file: string, state: WindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
    fs.renameSync(temp, file);
  } catch (error) {
    console.warn(`[sourcebook] could not save the window state to ${file}: ${(error as Error).message}`);
  }
}

function intersection(a: Rect, b: Rect): Rect | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : undefined;
}

/** How much of the window's top strip must be on a display for the user to grab and move it. */
export const VISIBLE_GRIP = { width: 120, height: 32 } as const;

/**
 * Saved bounds are reused only when the window's title strip lies on one of the current displays'
 * work areas (a monitor may have been unplugged); the size is shrunk to fit that display.
 * Returns undefined to mean "use the default size, centred".
 */
export function fitToDisplays(bounds: Rect | undefined, workAreas: readonly Rect[]): Rect | undefined {
  if (!bounds) return undefined;
  const grip: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(VISIBLE_GRIP.height, bounds.height) };
  for (const area of workAreas) {
    const visible = intersection(grip, area);
    if (!visible || visible.width < Math.min(VISIBLE_GRIP.width, bounds.width) || visible.height < grip.height) continue;
    const width = Math.max(Math.min(bounds.width, area.width), Math.min(MIN_WINDOW_SIZE.width, area.width));
    const height = Math.max(Math.min(bounds.height, area.height), Math.min(MIN_WINDOW_SIZE.height, area.height));
    const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
    const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
    return { x, y, width, height };
  }
  return undefined;
}
