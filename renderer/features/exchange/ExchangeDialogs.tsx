import { useEffect, useState } from 'react';
import { isEditableTarget, isPrimaryModifier } from '../../lib/keyboard';
import { BackupsDialog } from './BackupsDialog';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { onExchangeDialogRequest, type ExchangeDialogKind } from './exchange-events';

/**
 * The Export, Import and Backups dialogs, opened by the sidebar's buttons (through
 * exchange-events) or Ctrl/Cmd+Shift+E for Export. One at a time.
 */
export function ExchangeDialogs({ selectedArticleId }: { selectedArticleId: string | null }) {
  const [open, setOpen] = useState<ExchangeDialogKind | null>(null);

  useEffect(() => onExchangeDialogRequest(setOpen), []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isPrimaryModifier(event) || event.altKey || !event.shiftKey || event.key.toLowerCase() !== 'e') return;
      if (event.target instanceof Element && event.target.closest('dialog, [role="dialog"]')) return;
      if (isEditableTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setOpen('export');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const close = () => setOpen(null);
  switch (open) {
    case 'export':
      return <ExportDialog selectedArticleId={selectedArticleId} onClose={close} onOpenBackups={() => setOpen('backups')} />;
    case 'import':
      return <ImportDialog onClose={close} />;
    case 'backups':
      return <BackupsDialog onClose={close} />;
    default:
      return null;
  }
}
