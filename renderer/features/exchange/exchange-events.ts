/** Which exchange dialog to open. The sidebar's buttons and the shortcut ask; ExchangeDialogs listens. */
export type ExchangeDialogKind = 'export' | 'import' | 'backups';

const EVENT = 'sourcebook:exchange-open';

export function openExchangeDialog(kind: ExchangeDialogKind): void {
  window.dispatchEvent(new CustomEvent<ExchangeDialogKind>(EVENT, { detail: kind }));
}

export function onExchangeDialogRequest(listener: (kind: ExchangeDialogKind) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<ExchangeDialogKind>).detail);
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}

/** Ctrl/Cmd+Shift+E opens Export (free: no other shortcut uses it). */
export const EXPORT_SHORTCUT = 'Control+Shift+E';
