/**
 * Quotations in single marks (‘…’ and '…', the British style), found in the text that the double
 * marks leave. The same characters are apostrophes far more often than quotation marks (don’t,
 * O’Brien, the ’90s, the players’ union, rock ’n’ roll), so a span here is only a candidate:
 *
 * - it opens where a word starts (after a space, a bracket or a dash; never inside a word) and is
 *   not an elision (‘90s, ’em, ‘til, ’n’);
 * - it closes with the partner of its opening mark (‘ with ’, ' with ') after a word and before a
 *   space, punctuation or the end of the paragraph, in the same paragraph — a quotation running over
 *   paragraphs in single marks is not followed;
 * - "s’ " (the players’ union, the 90s’ sound) closes only when nothing better closes later, and
 *   not across a sentence end;
 * - single marks inside a double-quoted span are nested quotes, part of that quotation.
 *
 * The caller keeps a candidate only when a cue verb or an attribution sits with it ("…,’ she
 * said", "according to …"), so a stray pair of apostrophes costs nothing.
 */
import type { Paragraph, QuoteSpan } from './quote-spans';

const WORD_CHAR = /[\p{L}\p{N}]/u;
const OPEN_BEFORE = /[\s([{—–\-/]/u;
const CLOSE_AFTER = /[\s.,;:!?)\]}—–\-…"”»]/u;
/** Punctuation right before or after a mark that makes it a closing mark for sure. */
const PUNCT_BEFORE_CLOSE = /[.,;:!?…—–\-)\]]/u;
const PUNCT_AFTER_CLOSE = /[.,;:!?…)\]—–"”»]/u;
/** Words that start with an elision mark rather than a quotation: ‘90s, ’em, ‘til, rock ’n’ roll, the ’burbs. */
const ELISION = /^(?:\d\ds?|tis|twas|em|cause|cos|coz|til|till|bout|n|nuff|round|kay|burbs|cello|gator|possum|nother|fraid|scuse|ello)$/iu;

const isWordChar = (ch: string | undefined) => ch !== undefined && WORD_CHAR.test(ch);

/** The closing partner of an opening single mark. */
const CLOSER: Record<string, string> = { '‘': '’', "'": "'" };

/** The word after a mark at i, as [start, end). */
function wordAfter(text: string, i: number, p: Paragraph): [number, number] {
  let e = i + 1;
  while (e < p.end && isWordChar(text[e])) e++;
  return [i + 1, e];
}

/** The mark at i begins an elision (‘90s, ’em, rock ’n’ roll): the index to skip to, else -1. */
function elisionEnd(text: string, i: number, p: Paragraph): number {
  if (i > p.start && isWordChar(text[i - 1])) return -1;
  const [s, e] = wordAfter(text, i, p);
  if (e === s || !ELISION.test(text.slice(s, e))) return -1;
  // "’n’" and "'n'" carry a second mark of their own; any other mark after an elision may close a quotation.
  const isN = e - s === 1 && (text[s] === 'n' || text[s] === 'N');
  return isN && (text[e] === '’' || text[e] === "'") ? e + 1 : e;
}

function opensAt(text: string, i: number, p: Paragraph): boolean {
  const ch = text[i]!;
  if (CLOSER[ch] === undefined) return false;
  if (i > p.start && !OPEN_BEFORE.test(text[i - 1]!)) return false;
  return isWordChar(text[i + 1]);
}

/** 'definite' or 'weak' ("players’ union": more likely a plural possessive), or null if no close here. */
function closesAt(text: string, i: number, closer: string, p: Paragraph): 'definite' | 'weak' | null {
  if (text[i] !== closer || i === p.start) return null;
  const before = text[i - 1]!;
  const after = i + 1 < p.end ? text[i + 1]! : undefined;
  if (/\s/u.test(before)) return null;
  if (after !== undefined && !CLOSE_AFTER.test(after)) return null;
  if (after === undefined || PUNCT_BEFORE_CLOSE.test(before) || PUNCT_AFTER_CLOSE.test(after)) return 'definite';
  return before === 's' || before === 'S' ? 'weak' : 'definite';
}

/**
 * Candidate single-quoted spans, in text order. `outer` are the spans already found (double marks,
 * guillemets, corner brackets, interview answers): nothing inside them is looked at.
 */
export function findSingleQuoteSpans(text: string, paragraphs: Paragraph[], outer: readonly QuoteSpan[]): QuoteSpan[] {
  const blocked = outer.map((s) => [s.open, Math.max(s.closeEnd, s.end)] as const).sort((a, b) => a[0] - b[0]);
  const spans: QuoteSpan[] = [];
  let b = 0;
  for (const p of paragraphs) {
    let open = -1;
    let weak = -1;
    let hasNested = false;
    const emit = (closeAt: number) => {
      let s = open + 1;
      let e = closeAt;
      while (s < e && /\s/u.test(text[s]!)) s++;
      while (e > s && /\s/u.test(text[e - 1]!)) e--;
      // A weak close around a nested quotation or across a sentence end is more likely two
      // apostrophes ("the 'burbs … the Joneses' dog") than one quotation.
      const isUnlikely = closeAt === weak && (hasNested || /[.!?]\s+\p{Lu}/u.test(text.slice(s, e)));
      if (e > s && /\p{L}/u.test(text.slice(s, e)) && !isUnlikely) {
        spans.push({ open, start: s, end: e, closeEnd: closeAt + 1, family: 'single', isClosed: true });
      }
      open = -1;
      weak = -1;
      hasNested = false;
    };
    for (let i = p.start; i < p.end; i++) {
      while (b < blocked.length && blocked[b]![1] <= i) b++;
      const range = blocked[b];
      if (range && range[0] <= i) {
        if (open >= 0) hasNested = true;
        i = range[1] - 1;
        continue;
      }
      const ch = text[i]!;
      if (ch !== '‘' && ch !== '’' && ch !== "'") continue;
      const skip = elisionEnd(text, i, p);
      if (skip >= 0) {
        i = skip - 1;
        continue;
      }
      if (open >= 0) {
        const close = closesAt(text, i, CLOSER[text[open]!]!, p);
        if (close === 'definite') {
          emit(i);
          continue;
        }
        if (close === 'weak') {
          if (weak < 0) weak = i;
          continue;
        }
      }
      if (opensAt(text, i, p)) {
        // A new opening mark: the earlier one closed at its weak close, or was an apostrophe after all.
        if (open >= 0 && weak >= 0) emit(weak);
        open = i;
        weak = -1;
        hasNested = false;
      }
    }
    if (open >= 0 && weak >= 0) emit(weak);
  }
  return spans;
}
