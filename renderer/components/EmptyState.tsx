import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

/** What an empty view shows: what is missing and what to do next (STYLE §9). */
export function EmptyState({ icon, title, children, action }: { icon?: IconName; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      {icon && <Icon name={icon} size={28} className="empty-state__icon" />}
      <p className="empty-state__title">{title}</p>
      {children && <div className="empty-state__body">{children}</div>}
      {action && <div className="empty-state__action">{action}</div>}
    </div>
  );
}
