import type { ComponentType } from 'react';
import type { Article } from '../../../shared/domain/entities';
import { BulkTab } from './BulkTab';
import { ClipperTab } from './ClipperTab';
import { FilesTab } from './FilesTab';
import { PasteTab } from './PasteTab';
import { UrlTab } from './UrlTab';

/** What a paste event (or a caller) pre-fills the dialog with. */
export interface ClipInitial {
  format: PasteFormat;
  content: string;
  title?: string;
  /** Open on this tab (e.g. 'url' for the Electron menu's "Clip URL…"). */
  tab?: string;
}

export type PasteFormat = 'text' | 'html' | 'markdown';

/** Every tab of the New article dialog gets these; each tab owns its form and Save button. */
export interface ClipTabProps {
  /**
   * The article is in the library: select it and close the dialog. `message` says what happened
   * when it was not simply added ("Already in your library", "Updated to version 2").
   */
  onCreated(article: Article, message?: string): void;
  onCancel(): void;
  initial?: ClipInitial;
}

export interface ClipTab {
  id: string;
  label: string;
  Panel: ComponentType<ClipTabProps>;
}

/**
 * The dialog's tabs, in order. Paste stays first: N and Ctrl+V open the dialog on it, and a pasted
 * web address opens the URL tab instead (ClipDialog decides).
 */
export const CLIP_TABS: readonly ClipTab[] = [
  { id: 'paste', label: 'Paste', Panel: PasteTab },
  { id: 'url', label: 'URL', Panel: UrlTab },
  { id: 'files', label: 'Files', Panel: FilesTab },
  { id: 'bulk', label: 'Bulk', Panel: BulkTab },
  { id: 'clipper', label: 'Browser clipper', Panel: ClipperTab },
];
