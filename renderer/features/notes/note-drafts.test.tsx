// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Note } from '../../../shared/domain/entities';
import { setTransport } from '../../api/client';
import { mountRootPerTest } from '../../test-support/react-root';
import { clearDraft, currentTabId, discardDraft, isOwnDraft, readDraft, readDrafts, writeDraft } from './note-drafts';
import { useNoteAutosave } from './use-note-autosave';

/** Each window has its own sessionStorage; here one jsdom window plays several by swapping the id kept there. */
const actAs = (tabId: string) => sessionStorage.setItem('sourcebook.tabId', tabId);
const draft = (noteId: string, body: string, savedAt: string) => ({ noteId, title: '', body, baseUpdatedAt: null, savedAt });
const bodies = (noteId: string) => readDrafts(noteId).map((d) => `${d.tabId}:${d.body}`);

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('note drafts, per window', () => {
  it('keeps one window’s id through a reload (sessionStorage) and gives another window its own', () => {
    const first = currentTabId();
    expect(sessionStorage.getItem('sourcebook.tabId')).toBe(first);
    writeDraft(draft('n1', 'typed before the crash', '2026-01-01T10:00:00Z'));
    // The reload: same sessionStorage, so the same window finds its own draft.
    expect(readDraft('n1')?.body).toBe('typed before the crash');
    // Another window (its own sessionStorage) does not see it as its own, but is offered it.
    actAs('another window');
    expect(readDraft('n1')).toBeNull();
    expect(readDrafts('n1').map((d) => [d.tabId, d.body])).toEqual([[first, 'typed before the crash']]);
  });

  it('offers every window’s draft of a note (own first, then newest), including an older version’s shared one', () => {
    actAs('A');
    writeDraft(draft('n1', 'from A', '2026-01-01T10:00:00Z'));
    writeDraft(draft('n10', 'another note', '2026-01-01T12:00:00Z'));
    actAs('B');
    writeDraft(draft('n1', 'from B', '2026-01-01T11:00:00Z'));
    localStorage.setItem('sourcebook.noteDraft.n1', JSON.stringify(draft('n1', 'from an older version', '2026-01-01T09:00:00Z')));
    actAs('C');
    expect(bodies('n1')).toEqual(['B:from B', 'A:from A', 'null:from an older version']);
    actAs('A');
    expect(bodies('n1')).toEqual(['A:from A', 'B:from B', 'null:from an older version']);
    expect(isOwnDraft(readDrafts('n1')[0]!)).toBe(true);
  });

  it('clears only this window’s draft; discarding removes exactly the one chosen', () => {
    actAs('A');
    writeDraft(draft('n1', 'from A', '2026-01-01T10:00:00Z'));
    actAs('B');
    writeDraft(draft('n1', 'from B', '2026-01-01T11:00:00Z'));
    clearDraft('n1');
    expect(bodies('n1')).toEqual(['A:from A']);
    discardDraft(readDrafts('n1')[0]!);
    expect(bodies('n1')).toEqual([]);
  });
});

describe('useNoteAutosave in two windows', () => {
  let autosave: ReturnType<typeof useNoteAutosave>;
  let text = { title: 'Memo', body: '' };
  beforeEach(() => {
    vi.useFakeTimers();
    setTransport({
      invoke: async (method, input) => {
        if (method !== 'notes.update') return { ok: false, error: { code: 'internal', message: method } };
        const i = input as { id: string; title: string; body: string };
        const note: Note = { id: i.id, title: i.title, body: i.body, attachedId: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:05Z', deletedAt: null, tags: [] };
        return { ok: true, value: note };
      },
      subscribe: () => () => {},
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const view = mountRootPerTest();

  function Probe() {
    autosave = useNoteAutosave('n1', () => text, () => {});
    return null;
  }

  it('a save in window A leaves window B’s unsaved draft of the same note alone', async () => {
    actAs('B');
    writeDraft(draft('n1', 'B is still typing', '2026-01-01T10:00:00Z'));
    actAs('A');
    await view.render(<Probe />);
    await act(async () => autosave.reset({ updatedAt: '2026-01-01T00:00:00Z', title: 'Memo', body: '' }));
    text = { title: 'Memo', body: 'A typed this' };
    await act(async () => autosave.changed(text.body.length));
    expect(bodies('n1')).toEqual(['A:A typed this', 'B:B is still typing']);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(600);
    });
    expect(autosave.status.kind).toBe('saved');
    expect(bodies('n1')).toEqual(['B:B is still typing']);
  });

  it('keeps this window’s draft on load while it is on offer (a second crash must not lose it)', async () => {
    actAs('A');
    writeDraft(draft('n1', 'unsaved', '2026-01-01T10:00:00Z'));
    await view.render(<Probe />);
    await act(async () => autosave.reset({ updatedAt: '2026-01-01T00:00:00Z', title: 'Memo', body: '' }, { keepsDraft: true }));
    expect(bodies('n1')).toEqual(['A:unsaved']);
    await act(async () => autosave.reset({ updatedAt: '2026-01-01T00:00:00Z', title: 'Memo', body: '' }));
    expect(bodies('n1')).toEqual([]);
  });
});
