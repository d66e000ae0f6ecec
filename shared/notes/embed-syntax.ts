/**
 * The embed syntax of notes (documented in shared/notes/EMBED-SYNTAX.md):
 *
 *   ![[quote:<id>]]           an embed: the item rendered as a block (a quote card, a topic's matrix)
 *   [[article:<id>]]          a reference: the item's current title inline
 *   [[speaker:<id>|label]]    a reference shown with the writer's own label
 *
 * Tokens carry ids, never titles, so renaming a speaker or re-attributing a quote changes every
 * note at render time. A token never spans lines; tokens inside code (fenced blocks and `code
 * spans`) and after a backslash (`\[[`) are text. Parsing is total: any string yields a list.
 */

export const EMBED_TYPES = ['quote', 'article', 'speaker', 'topic', 'note'] as const;
export type EmbedType = (typeof EMBED_TYPES)[number];

export const MAX_EMBED_ID = 100;
export const MAX_EMBED_LABEL = 200;

export interface EmbedToken {
  /** `![[…]]` renders the item as a block; `[[…]]` is an inline reference. */
  isEmbed: boolean;
  type: EmbedType;
  id: string;
  label: string | null;
  /** Offsets into the parsed text: `text.slice(from, to)` is the whole token. */
  from: number;
  to: number;
}

const TYPE_ALTERNATION = EMBED_TYPES.join('|');
/** One token at the start of the string (sticky), or anywhere (global). Ids are UUIDs and the like. */
const TOKEN_SOURCE = `(!?)\\[\\[(${TYPE_ALTERNATION}):([A-Za-z0-9_-]{1,${MAX_EMBED_ID}})(?:\\|([^\\]|\\n\\r]{1,${MAX_EMBED_LABEL}}))?\\]\\]`;
const TOKEN_AT = new RegExp(TOKEN_SOURCE, 'y');

const isEscaped = (text: string, pos: number): boolean => {
  let backslashes = 0;
  for (let i = pos - 1; i >= 0 && text.charCodeAt(i) === 92; i--) backslashes++;
  return backslashes % 2 === 1;
};

/** The token starting exactly at `pos` (at its `!` or first `[`), or null. Escapes are the caller's business. */
export function matchEmbedAt(text: string, pos: number): EmbedToken | null {
  TOKEN_AT.lastIndex = pos;
  const m = TOKEN_AT.exec(text);
  if (!m) return null;
  const label = m[4]?.trim() ?? '';
  return { isEmbed: m[1] === '!', type: m[2] as EmbedType, id: m[3]!, label: label || null, from: pos, to: pos + m[0].length };
}

/** Tokens in one line of text that is not inside a fenced code block (code spans are skipped). */
export function scanLine(line: string, offset = 0): EmbedToken[] {
  const found: EmbedToken[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 96 /* ` */) {
      // A code span: a run of n backticks up to the next run of exactly n; unclosed, the run is text.
      let n = 1;
      while (line.charCodeAt(i + n) === 96) n++;
      const close = findBacktickRun(line, i + n, n);
      i = close === -1 ? i + n : close + n;
      continue;
    }
    if ((c === 33 /* ! */ || c === 91 /* [ */) && !isEscaped(line, i)) {
      const token = matchEmbedAt(line, i);
      if (token) {
        found.push({ ...token, from: token.from + offset, to: token.to + offset });
        i = token.to;
        continue;
      }
    }
    i++;
  }
  return found;
}

function findBacktickRun(line: string, from: number, n: number): number {
  for (let i = from; i < line.length; i++) {
    if (line.charCodeAt(i) !== 96) continue;
    let run = 1;
    while (line.charCodeAt(i + run) === 96) run++;
    if (run === n) return i;
    i += run - 1;
  }
  return -1;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Every token of a note, in order. Fenced code blocks (``` or ~~~, CommonMark's rules for the
 * closing fence) are skipped; indented code is not recognised (it is rare in notes, and a list's
 * continuation lines look the same).
 */
export function parseEmbeds(text: string): EmbedToken[] {
  const found: EmbedToken[] = [];
  let fence: { char: string; length: number } | null = null;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const opener = FENCE.exec(line);
    if (fence) {
      if (opener && opener[1]![0] === fence.char && opener[1]!.length >= fence.length && line.slice(opener[0].length).trim() === '') fence = null;
    } else if (opener && !(opener[1]![0] === '`' && line.slice(opener[0].length).includes('`'))) {
      fence = { char: opener[1]![0]!, length: opener[1]!.length };
    } else if (line.includes('[[')) {
      found.push(...scanLine(line, lineStart));
    }
    lineStart = lineEnd + 1;
  }
  return found;
}

/** The token text for an item. Labels lose what would end the token early. */
export function formatEmbed(ref: { type: EmbedType; id: string; isEmbed?: boolean; label?: string | null }): string {
  const label = ref.label?.replace(/[\]|\r\n]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_EMBED_LABEL);
  return `${ref.isEmbed ? '!' : ''}[[${ref.type}:${ref.id}${label ? `|${label}` : ''}]]`;
}

/** Each distinct item a text refers to, first occurrence first, with whether any occurrence embeds it. */
export function embeddedItems(text: string): { type: EmbedType; id: string; isEmbed: boolean; count: number; firstOffset: number }[] {
  const byId = new Map<string, { type: EmbedType; id: string; isEmbed: boolean; count: number; firstOffset: number }>();
  for (const t of parseEmbeds(text)) {
    const seen = byId.get(t.id);
    if (seen) {
      seen.count++;
      seen.isEmbed ||= t.isEmbed;
    } else byId.set(t.id, { type: t.type, id: t.id, isEmbed: t.isEmbed, count: 1, firstOffset: t.from });
  }
  return [...byId.values()];
}

export const isEmbedType = (value: string): value is EmbedType => (EMBED_TYPES as readonly string[]).includes(value);

/**
 * A quote's Obsidian block id: `q-` + the last 12 characters of its id. Ids are UUIDv7, whose
 * leading characters are the creation time (shared by every quote marked in the same minute) and
 * whose tail is random, so the tail names a quote on its own — the same id in every export (the
 * library vault and a note's export alike), whatever else the document holds.
 */
export function quoteBlockId(quoteId: string): string {
  return `q-${quoteId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(-12)}`;
}

/** Block ids for the quotes of one document; in the (astronomically unlikely) case two tails match, those use their whole id. */
export function quoteBlockIds(quoteIds: readonly string[]): Map<string, string> {
  const ids = [...new Set(quoteIds)];
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(quoteBlockId(id), (counts.get(quoteBlockId(id)) ?? 0) + 1);
  return new Map(ids.map((id) => [id, counts.get(quoteBlockId(id))! > 1 ? `q-${id.toLowerCase().replace(/[^a-z0-9]/g, '')}` : quoteBlockId(id)]));
}

/**
 * The picker's trigger: `[[` or `![[` followed by what was typed so far on the line (no `]`), or
 * null. `before` is the line's text up to the cursor.
 */
export function embedQueryBefore(before: string): { from: number; isEmbed: boolean; query: string } | null {
  const m = /(!?)\[\[([^\]\n[]{0,80})$/.exec(before);
  if (!m || isEscaped(before, m.index)) return null;
  return { from: m.index, isEmbed: m[1] === '!', query: m[2]! };
}
