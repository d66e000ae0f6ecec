import { domToTextWithOrigins, type TextNodeLike, type TextOrigin } from '../../../../shared/text/dom-text';

/**
 * The inverse of the reader's highlighting: a DOM selection in the rendered article → character
 * offsets into the article's plain text (shared/text/dom-text.ts), plus the W3C-style anchor
 * (exact text, 32 characters of prefix and suffix). And back again: offsets → a DOM Range, to
 * point at a suggestion in the reader.
 *
 * `domToTextWithOrigins` gives, for every character of the text, the text node and offset it came
 * from, in document order. A character is inside the selection when its start point (node, offset)
 * is not before the range's start and its end point (node, offset + 1) is not after the range's
 * end; both tests are monotonic along the text, so two binary searches find the span.
 */
export const CONTEXT_CHARS = 32;

export interface TextAnchor {
  start: number;
  end: number;
  /** The exact text, `text.slice(start, end)` of the article's plain text. */
  text: string;
  prefix: string;
  suffix: string;
}

interface BoundaryRange {
  comparePoint(node: Node, offset: number): number;
}

/** Index (into `indexes`) of the first entry for which `isPast` holds; `indexes.length` if none. */
function firstWhere(indexes: readonly number[], isPast: (i: number) => boolean): number {
  let lo = 0;
  let hi = indexes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isPast(indexes[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Offsets of a selection in the rendered text (before any adjustment to the stored text). */
export function rangeToRenderedOffsets(root: Node, range: BoundaryRange): { text: string; start: number; end: number } | null {
  const { text, origins } = domToTextWithOrigins(root as unknown as TextNodeLike);
  const placed: number[] = [];
  for (let i = 0; i < origins.length; i++) if (origins[i]) placed.push(i);
  const point = (i: number) => origins[i] as TextOrigin;
  const safeCompare = (node: Node, offset: number) => {
    try {
      return range.comparePoint(node, offset);
    } catch {
      return -1;
    }
  };
  const from = firstWhere(placed, (i) => safeCompare(point(i).node as unknown as Node, point(i).offset) >= 0);
  const to = firstWhere(placed, (i) => safeCompare(point(i).node as unknown as Node, point(i).offset + 1) > 0);
  if (from >= to || from >= placed.length) return null;
  const start = placed[from]!;
  const end = placed[to - 1]! + 1;
  return { text, start, end };
}

/** Trim white space at both ends of [start, end) (a double-click often takes the space after a word). */
function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}

export function anchorAt(text: string, start: number, end: number): TextAnchor {
  return {
    start,
    end,
    text: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
  };
}

/** The occurrence of `needle` in `haystack` nearest to `near`, or -1. */
export function nearestOccurrence(haystack: string, needle: string, near: number): number {
  let best = -1;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best;
}

/**
 * A selection in the reader → an anchor in the stored plain text. When the rendered text is not
 * exactly the stored one (the reader dropped something main kept), the selected words are looked
 * up in the stored text nearest to where they were selected. Null when nothing usable is selected.
 */
export function selectionToAnchor(root: Node, range: BoundaryRange, storedText: string): TextAnchor | null {
  const rendered = rangeToRenderedOffsets(root, range);
  if (!rendered) return null;
  const [start, end] = trimSpan(rendered.text, rendered.start, rendered.end);
  if (start >= end) return null;
  if (rendered.text === storedText) return anchorAt(storedText, start, end);
  const exact = rendered.text.slice(start, end);
  const at = nearestOccurrence(storedText, exact, start);
  return at < 0 ? null : anchorAt(storedText, at, at + exact.length);
}

/** A DOM Range over [start, end) of the plain text (for pointing at a suggestion); null when out of reach. */
export function offsetsToRange(root: Node, storedText: string, start: number, end: number, exact?: string): Range | null {
  const { text, origins } = domToTextWithOrigins(root as unknown as TextNodeLike);
  let from = start;
  let to = end;
  if (text !== storedText && exact) {
    const at = nearestOccurrence(text, exact, start);
    if (at < 0) return null;
    from = at;
    to = at + exact.length;
  }
  let first: TextOrigin | null = null;
  let last: TextOrigin | null = null;
  for (let i = from; i < to && i < origins.length; i++) {
    const origin = origins[i];
    if (!origin) continue;
    first ??= origin;
    last = origin;
  }
  if (!first || !last) return null;
  const doc = (root as Node).ownerDocument ?? document;
  const range = doc.createRange();
  range.setStart(first.node as unknown as Node, first.offset);
  range.setEnd(last.node as unknown as Node, last.offset + 1);
  return range;
}
