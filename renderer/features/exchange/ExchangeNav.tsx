import { useId } from 'react';
import { Icon, type IconName } from '../../components/Icon';
import { openExchangeDialog, EXPORT_SHORTCUT, type ExchangeDialogKind } from './exchange-events';

/** The sidebar's "Library" actions: Export…, Import…, Backups. */
export function ExchangeNav() {
  const headingId = useId();
  const item = (kind: ExchangeDialogKind, icon: IconName, label: string, shortcut?: string) => (
    <li>
      <button type="button" className="nav-item" onClick={() => openExchangeDialog(kind)} aria-keyshortcuts={shortcut}>
        <Icon name={icon} className="nav-item__icon" />
        <span className="nav-item__label">{label}</span>
      </button>
    </li>
  );
  return (
    <>
      <h2 id={headingId} className="sidebar__heading">
        Import &amp; export
      </h2>
      <ul className="sidebar__list" aria-labelledby={headingId}>
        {item('export', 'external', 'Export…', EXPORT_SHORTCUT)}
        {item('import', 'plus', 'Import…')}
        {item('backups', 'restore', 'Backups')}
      </ul>
    </>
  );
}
