import { useSyncExternalStore } from 'react';
import type { CitationStyle, FormattedCitation, ResolvedEmbed } from '../../../shared/notes/resolved';
import { call } from '../../api/client';

/**
 * Resolved embeds, shared by the editor's widgets, the preview and the print view. Notes store
 * only ids: what a quote says, who said it and where is asked for at render time (in batches), so
 * an edit anywhere in the library shows in every note on the next refresh.
 *
 * A plain external store (not React state): CodeMirror widgets read it directly, and React views
 * subscribe with useSyncExternalStore. Only a real change of an item's data bumps its version.
 */
type Listener = () => void;

class BatchedStore<V> {
  private readonly values = new Map<string, V>();
  private readonly versions = new Map<string, number>();
  private readonly signatures = new Map<string, string>();
  private readonly queued = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private revision = 0;
  error: unknown = null;

  constructor(private readonly load: (ids: string[]) => Promise<Record<string, V>>) {}

  get(id: string): V | undefined {
    return this.values.get(id);
  }

  version(id: string): number {
    return this.versions.get(id) ?? 0;
  }

  /** Increases whenever any value changes: a snapshot for useSyncExternalStore. */
  get snapshot(): number {
    return this.revision;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Ask for ids not known yet (batched with other requests made in the same moment). */
  request(ids: Iterable<string>): void {
    for (const id of ids) if (!this.values.has(id) && !this.inFlight.has(id)) this.queued.add(id);
    this.schedule();
  }

  /** Ask again for these ids (or everything known): the library changed. */
  refresh(ids?: Iterable<string>): void {
    for (const id of ids ?? this.values.keys()) this.queued.add(id);
    this.schedule();
  }

  private schedule(): void {
    if (this.queued.size === 0 || this.timer !== null) return;
    this.timer = setTimeout(() => void this.flush(), 25);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    const ids = [...this.queued].slice(0, 500);
    for (const id of ids) {
      this.queued.delete(id);
      this.inFlight.add(id);
    }
    try {
      const result = await this.load(ids);
      let changed = false;
      for (const [id, value] of Object.entries(result)) {
        const signature = JSON.stringify(value);
        if (this.signatures.get(id) === signature) continue;
        this.signatures.set(id, signature);
        this.values.set(id, value);
        this.versions.set(id, this.version(id) + 1);
        changed = true;
      }
      this.error = null;
      if (changed) this.emit();
    } catch (error) {
      this.error = error;
      this.emit();
    } finally {
      for (const id of ids) this.inFlight.delete(id);
      this.schedule();
    }
  }

  private emit(): void {
    this.revision++;
    for (const listener of this.listeners) listener();
  }
}

export const embedStore = new BatchedStore<ResolvedEmbed>((ids) => call('notes.embeds.get', { ids }));

const citationStores = new Map<CitationStyle, BatchedStore<FormattedCitation | null>>();
/** Formatted citations per style (null: the id cannot be cited, e.g. a speaker). */
export function citationStore(style: CitationStyle): BatchedStore<FormattedCitation | null> {
  let store = citationStores.get(style);
  if (!store) {
    store = new BatchedStore(async (ids) => {
      const result = await call('notes.citations.get', { ids, style });
      const out: Record<string, FormattedCitation | null> = Object.fromEntries(ids.map((id) => [id, null]));
      for (const c of result.citations) out[c.id] = c;
      return out;
    });
    citationStores.set(style, store);
  }
  return store;
}

export function refreshAllCitations(ids?: Iterable<string>): void {
  for (const store of citationStores.values()) store.refresh(ids);
}

/** Re-render when resolved embeds change. */
export function useEmbedStoreVersion(): number {
  return useSyncExternalStore(embedStore.subscribe, () => embedStore.snapshot);
}

export function useCitationStoreVersion(style: CitationStyle | null): number {
  const store = style ? citationStore(style) : null;
  return useSyncExternalStore(store?.subscribe ?? noopSubscribe, () => store?.snapshot ?? 0);
}

const noopSubscribe = () => () => {};
export type { BatchedStore };
