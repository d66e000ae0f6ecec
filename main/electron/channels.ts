/**
 * The two IPC channels between main and the preload. Imported by both sides (the preload bundle
 * inlines it), so it must stay free of any runtime import.
 */
export const INVOKE_CHANNEL = 'sourcebook:invoke';
export const EVENT_CHANNEL = 'sourcebook:event';

/**
 * Commands the app menu sends to the renderer as `{ type: 'menu', payload: { command } }`
 * (the renderer opens the matching dialog; main has no UI of its own for these).
 */
export const MENU_COMMANDS = ['articles.new', 'clip.url'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
