import type { ImportCounts } from '../../../shared/api/methods-exchange';

/** Record kinds that are library items; memberships (taggings, collection items) are counted apart. */
const ITEM_KINDS = new Set(['articles', 'quotes', 'speakers', 'topics', 'stances', 'links', 'tags', 'collections', 'notes']);

/** Counts of what an import created, merged into existing records, and left out — in total and per kind. */
export class Tally {
  readonly byType: Record<string, ImportCounts> = {};

  private bump(kind: string, key: keyof ImportCounts, n = 1): void {
    const counts = (this.byType[kind] ??= { created: 0, merged: 0, skipped: 0 });
    counts[key] += n;
  }

  created(kind: string, n = 1): void {
    this.bump(kind, 'created', n);
  }

  merged(kind: string, n = 1): void {
    this.bump(kind, 'merged', n);
  }

  skipped(kind: string, n = 1): void {
    this.bump(kind, 'skipped', n);
  }

  /** Totals over items (not over memberships, suggestions or saved searches). */
  totals(): ImportCounts {
    const totals = { created: 0, merged: 0, skipped: 0 };
    for (const [kind, c] of Object.entries(this.byType)) {
      if (!ITEM_KINDS.has(kind)) continue;
      totals.created += c.created;
      totals.merged += c.merged;
      totals.skipped += c.skipped;
    }
    return totals;
  }
}
