import type { DiffPart } from '../../../../shared/api/methods-clip';

/** Word counts and display segments for `articles.diff` (a word diff, white space kept). */

const wordsIn = (text: string): number => text.match(/\S+/g)?.length ?? 0;

export interface DiffCounts {
  added: number;
  removed: number;
}

export function countChanges(parts: readonly DiffPart[]): DiffCounts {
  let added = 0;
  let removed = 0;
  for (const part of parts) {
    if (part.added) added += wordsIn(part.value);
    else if (part.removed) removed += wordsIn(part.value);
  }
  return { added, removed };
}

export type DiffSegment =
  | { kind: 'added' | 'removed' | 'same'; text: string }
  /** A long unchanged stretch folded away; `text` is what it hides. */
  | { kind: 'gap'; text: string; words: number };

/**
 * The parts as segments, with long unchanged stretches folded down to `context` words on each
 * side of a change, so a one-word edit in a long article is found at a glance.
 */
export function diffSegments(parts: readonly DiffPart[], context = 25): DiffSegment[] {
  const segments: DiffSegment[] = [];
  parts.forEach((part, index) => {
    if (part.added || part.removed) {
      segments.push({ kind: part.added ? 'added' : 'removed', text: part.value });
      return;
    }
    // Tokens alternate word / white space; slicing them keeps the original spacing.
    const tokens = part.value.split(/(\s+)/).filter((t) => t !== '');
    const wordIndexes = tokens.flatMap((t, i) => (/\S/.test(t) ? [i] : []));
    const keepStart = index > 0 ? context : 0;
    const keepEnd = index < parts.length - 1 ? context : 0;
    if (wordIndexes.length <= keepStart + keepEnd + context) {
      segments.push({ kind: 'same', text: part.value });
      return;
    }
    const headEnd = keepStart > 0 ? wordIndexes[keepStart - 1]! + 1 : 0;
    const tailStart = keepEnd > 0 ? wordIndexes[wordIndexes.length - keepEnd]! : tokens.length;
    const head = tokens.slice(0, headEnd).join('');
    const hidden = tokens.slice(headEnd, tailStart).join('');
    const tail = tokens.slice(tailStart).join('');
    if (head) segments.push({ kind: 'same', text: head });
    segments.push({ kind: 'gap', text: hidden, words: wordsIn(hidden) });
    if (tail) segments.push({ kind: 'same', text: tail });
  });
  return segments;
}
