/**
 * Unsaved text kept in localStorage until the library confirms the save, so a crash, a killed tab
 * or a lost connection never costs a keystroke: reopening the note offers the draft back.
 *
 * Drafts are kept per window (tab) as well as per note: with one key per note, a save in window A
 * removed window B's unsaved draft of the same note. Each window has an id in sessionStorage, which
 * a reload of the same window keeps (so it finds its own draft after a crash) and another window
 * does not share. A window clears only its own draft when its save succeeds; reopening a note
 * offers a draft from any window, since the window that wrote it may be gone for good.
 */
export interface NoteDraft {
  noteId: string;
  title: string;
  body: string;
  /** The stored version the draft was written on top of (for the conflict check on restore). */
  baseUpdatedAt: string | null;
  /** When the draft was last written (local clock). */
  savedAt: string;
  /** The window that wrote it; null for a draft kept by an older version (one per note, no window). */
  tabId: string | null;
}

const PREFIX = 'sourcebook.noteDraft.';
const TAB_ID_KEY = 'sourcebook.tabId';
/** `<prefix><noteId>` (an older version's draft) or `<prefix><noteId>@<tabId>`. Note ids never hold `@`. */
const keyOf = (noteId: string, tabId: string | null) => `${PREFIX}${noteId}${tabId === null ? '' : `@${tabId}`}`;

let memoryTabId: string | null = null;

const newTabId = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** This window's id: kept in sessionStorage, so it survives a reload but is not shared with other windows. */
export function currentTabId(): string {
  try {
    const stored = sessionStorage.getItem(TAB_ID_KEY);
    if (stored) return stored;
    const id = memoryTabId ?? newTabId();
    sessionStorage.setItem(TAB_ID_KEY, id);
    memoryTabId = id;
    return id;
  } catch {
    // sessionStorage disabled: an id for this page's life (a reload then finds the draft as another window's).
    return (memoryTabId ??= newTabId());
  }
}

function parse(raw: string | null, noteId: string, tabId: string | null): NoteDraft | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<NoteDraft>;
    if (typeof value.body !== 'string' || typeof value.title !== 'string') return null;
    return { noteId, title: value.title, body: value.body, baseUpdatedAt: value.baseUpdatedAt ?? null, savedAt: value.savedAt ?? '', tabId };
  } catch {
    return null;
  }
}

/** This window's draft of the note, if any. */
export function readDraft(noteId: string): NoteDraft | null {
  try {
    return parse(localStorage.getItem(keyOf(noteId, currentTabId())), noteId, currentTabId());
  } catch {
    return null;
  }
}

/** Every window's draft of the note: this window's first, then the newest. */
export function readDrafts(noteId: string): NoteDraft[] {
  const own = currentTabId();
  const found: NoteDraft[] = [];
  try {
    const exact = keyOf(noteId, null);
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key === null) continue;
      const tabId = key === exact ? null : key.startsWith(`${exact}@`) ? key.slice(exact.length + 1) : undefined;
      if (tabId === undefined) continue;
      const draft = parse(localStorage.getItem(key), noteId, tabId);
      if (draft) found.push(draft);
    }
  } catch {
    return found;
  }
  return found.sort((a, b) => Number(b.tabId === own) - Number(a.tabId === own) || b.savedAt.localeCompare(a.savedAt));
}

/**
 * Keep this window's draft. False when the browser refused (storage full or disabled): the caller
 * says so. Other drafts are never evicted to make room: they are unsaved text too.
 */
export function writeDraft(draft: Omit<NoteDraft, 'tabId'>): boolean {
  const tabId = currentTabId();
  try {
    localStorage.setItem(keyOf(draft.noteId, tabId), JSON.stringify({ ...draft, tabId }));
    return true;
  } catch {
    return false;
  }
}

/** Remove this window's draft of the note (its save succeeded); other windows' drafts stay. */
export function clearDraft(noteId: string): void {
  removeKey(keyOf(noteId, currentTabId()));
}

/** Remove one particular draft (the writer restored or discarded it, or it equals the stored note). */
export function discardDraft(draft: Pick<NoteDraft, 'noteId' | 'tabId'>): void {
  removeKey(keyOf(draft.noteId, draft.tabId));
}

export const isOwnDraft = (draft: Pick<NoteDraft, 'tabId'>): boolean => draft.tabId === currentTabId();

function removeKey(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept either.
  }
}
