import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** Keyboard helpers shared by the global shortcuts and the lists. */

/** True when typing into this element must not trigger single-key shortcuts (N, /, j, k, Delete). */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

/** Ctrl on Linux/Windows, Cmd on macOS. */
export const isPrimaryModifier = (e: KeyboardEvent | ReactKeyboardEvent): boolean => e.ctrlKey || e.metaKey;

export const hasAnyModifier = (e: KeyboardEvent | ReactKeyboardEvent): boolean => e.ctrlKey || e.metaKey || e.altKey;

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const primaryKeyLabel = isMac ? '⌘' : 'Ctrl';
