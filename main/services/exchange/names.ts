/**
 * File names for exported items. A slug keeps letters and digits of any script (Obsidian and every
 * current file system handle Unicode names), lower-cased, with everything else folded to `-`: no
 * path separators, no dots, nothing a wiki link treats as syntax (`[ ] # ^ |`), no Windows-reserved
 * names. A name once given to an item id is kept by later exports (see output.ts's manifest).
 */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;
const MAX_SLUG = 80;

export function slugify(text: string, fallback: string): string {
  const slug = [...text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '')]
    .slice(0, MAX_SLUG)
    .join('')
    .replace(/-+$/, '');
  const safe = slug || fallback;
  return WINDOWS_RESERVED.test(safe) ? `${safe}-` : safe;
}

/** A short, file-name-safe stand-in for an id (its last 8 letters or digits, lower-cased). */
export function shortId(id: string): string {
  const clean = id.toLowerCase().replace(/[^a-z0-9]/g, '');
  return clean.slice(-8) || 'x';
}

/**
 * Gives each item of one folder a file name: the name an earlier export used (from the manifest),
 * else its title's slug, else (when that is taken) the slug plus the id's short form.
 */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(
    private readonly previous: Record<string, string>,
    private readonly folder: string,
  ) {}

  /** Reserve the previous names of these ids first, so a newcomer can never take them. */
  reserve(ids: Iterable<string>): void {
    for (const id of ids) {
      const name = this.previous[id];
      if (name && name.startsWith(`${this.folder}/`)) this.taken.add(name.toLowerCase());
    }
  }

  nameOf(id: string, title: string, fallback: string): string {
    const kept = this.previous[id];
    if (kept && kept.startsWith(`${this.folder}/`)) return kept;
    const base = slugify(title, fallback);
    for (const candidate of [base, `${base}-${shortId(id)}`, `${base}-${id.toLowerCase().replace(/[^a-z0-9]/g, '')}`]) {
      const rel = `${this.folder}/${candidate}.md`;
      if (!this.taken.has(rel.toLowerCase())) {
        this.taken.add(rel.toLowerCase());
        return rel;
      }
    }
    throw new Error(`no free file name for ${id}`);
  }
}
