/** Dates and personal names as the citation formats need them. */

const pad = (n: number) => String(n).padStart(2, '0');

/** `2024`, `2024-03` or `2024-03-05` from parts, or null when the year is not a plausible year. */
export function isoFromParts(year: unknown, month?: unknown, day?: unknown): string | null {
  const y = Number(year);
  if (!Number.isInteger(y) || y < 1 || y > 9999) return null;
  const m = Number(month);
  if (month === undefined || month === null || month === '' || !Number.isInteger(m) || m < 1 || m > 12) return String(y).padStart(4, '0');
  const d = Number(day);
  if (day === undefined || day === null || day === '' || !Number.isInteger(d) || d < 1 || d > 31) return `${String(y).padStart(4, '0')}-${pad(m)}`;
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A date as the library stores it (ISO 8601: a year, a month, a day or a date-time), from what a
 * file gives: ISO, `2024/03/05` (RIS), `2024/03//` , a BibTeX month name, or anything Date parses.
 */
export function normalizeDate(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim();
  if (!text) return null;
  if (/^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.test(text)) return text.replace(' ', 'T');
  const slashed = /^(\d{4})(?:[/.-](\d{1,2})?(?:[/.-](\d{1,2})?)?)?(?:[/.-].*)?$/.exec(text);
  if (slashed) return isoFromParts(slashed[1], slashed[2], slashed[3]);
  const parsed = Date.parse(text);
  if (!Number.isNaN(parsed)) {
    const d = new Date(parsed);
    // A bare date ("March 5, 2024") is a day, not a midnight in this machine's time zone.
    return /\d{1,2}:\d{2}/.test(text) ? d.toISOString() : isoFromParts(d.getFullYear(), d.getMonth() + 1, d.getDate());
  }
  return null;
}

export function monthNumber(raw: string): number | null {
  const t = raw.trim().toLowerCase();
  if (/^\d{1,2}$/.test(t)) return Number(t);
  const i = MONTHS.indexOf(t.slice(0, 3));
  return i >= 0 ? i + 1 : null;
}

/** [year, month?, day?] of an ISO date (what CSL's date-parts and RIS's DA want). */
export function dateParts(iso: string | null): number[] | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso ?? '');
  if (!m) return null;
  return [m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
}

export interface PersonName {
  family?: string;
  given?: string;
  literal?: string;
}

const ORG_WORDS = /\b(inc|ltd|llc|gmbh|agency|association|bureau|committee|council|department|ministry|news|press|reuters|staff|team|university|institute|office|group|foundation|editors?|editorial board)\b/i;
export const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'ten', 'ter', 'bin', 'al']);

/**
 * "Given Family" or "Family, Given" as CSL name parts. One word, or a name that is clearly an
 * organization ("Reuters Staff"), stays one literal name; lower-case particles join the family
 * name ("Ludwig van Beethoven" → family "van Beethoven").
 */
export function splitName(name: string): PersonName {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) return { literal: '' };
  if (clean.includes(',')) {
    const [family, ...rest] = clean.split(',');
    const given = rest.join(',').trim();
    return given ? { family: family!.trim(), given } : { literal: family!.trim() };
  }
  const words = clean.split(' ');
  if (words.length === 1 || ORG_WORDS.test(clean)) return { literal: clean };
  let cut = words.length - 1;
  while (cut > 1 && PARTICLES.has(words[cut - 1]!)) cut--;
  return { family: words.slice(cut).join(' '), given: words.slice(0, cut).join(' ') };
}

/** A CSL name back to how the library stores authors: "Given Family". */
export function joinName(n: PersonName): string {
  if (n.literal) return n.literal.trim();
  return [n.given, n.family].filter((x) => x && x.trim()).map((x) => x!.trim()).join(' ');
}
