import type { ItemType } from '../../../shared/domain/entities';

/** Ctrl/Cmd+K quick-open palette (owned by the Search work; this is its mounting point). */
export interface QuickOpenProps {
  isOpen: boolean;
  onClose(): void;
  onOpenItem(id: string, type: ItemType): void;
}

export function QuickOpen({ isOpen }: QuickOpenProps) {
  if (!isOpen) return null;
  return null;
}
