/**
 * Unsaved text kept in localStorage until the library confirms the save, so a crash, a killed tab
 * or a lost connection never costs a keystroke: reopening the note offers the draft back.
 */
export interface NoteDraft {
  noteId: string;
  title: string;
  body: string;
  /** The stored version the draft was written on top of (for the conflict check on restore). */
  baseUpdatedAt: string | null;
  /** When the draft was last written (local clock). */
  savedAt: string;
}

const PREFIX = 'sourcebook.noteDraft.';
const keyOf = (noteId: string) => `${PREFIX}${noteId}`;

export function readDraft(noteId: string): NoteDraft | null {
  try {
    const raw = localStorage.getItem(keyOf(noteId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<NoteDraft>;
    if (typeof value.body !== 'string' || typeof value.title !== 'string') return null;
    return { noteId, title: value.title, body: value.body, baseUpdatedAt: value.baseUpdatedAt ?? null, savedAt: value.savedAt ?? '' };
  } catch {
    return null;
  }
}

/**
 * False when the browser refused (storage full or disabled): the caller says so. Other notes'
 * drafts are never evicted to make room: they are unsaved text too.
 */
export function writeDraft(draft: NoteDraft): boolean {
  try {
    localStorage.setItem(keyOf(draft.noteId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(noteId: string): void {
  try {
    localStorage.removeItem(keyOf(noteId));
  } catch {
    // Storage disabled: nothing was kept either.
  }
}
