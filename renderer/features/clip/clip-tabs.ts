import type { ComponentType } from 'react';
import type { Article } from '../../../shared/domain/entities';
import { PasteTab } from './PasteTab';

/** What a paste event (or a caller) pre-fills the dialog with. */
export interface ClipInitial {
  format: PasteFormat;
  content: string;
  title?: string;
}

export type PasteFormat = 'text' | 'html' | 'markdown';

/** Every tab of the New article dialog gets these; each tab owns its form and Save button. */
export interface ClipTabProps {
  onCreated(article: Article): void;
  onCancel(): void;
  initial?: ClipInitial;
}

export interface ClipTab {
  id: string;
  label: string;
  Panel: ComponentType<ClipTabProps>;
}

/**
 * The dialog's tabs, in order. Clipping adds its own here (e.g. `{ id: 'url', label: 'From URL',
 * Panel: UrlTab }`, `{ id: 'file', … }`) without touching the dialog.
 */
export const CLIP_TABS: readonly ClipTab[] = [{ id: 'paste', label: 'Paste', Panel: PasteTab }];
