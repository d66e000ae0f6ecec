/**
 * Finding quoted spans in an article's plain text (domToText output: paragraphs separated by
 * "\n\n"). Here only double-quote families open a quotation — straight and curly double quotes,
 * „German“, «French» (and »reversed«), and CJK 「」/『』 — so apostrophes (don't, O’Brien, ’90s)
 * and nested single quotes can never open or close one. Single-quoted quotations (‘…’, the British
 * style) are looked for afterwards, outside these spans, under stricter rules: single-quotes.ts.
 *
 * A quotation that runs over several paragraphs follows the print convention: an opening mark
 * starts each continued paragraph and only the last one is closed. It comes back as ONE span whose
 * text includes the paragraph breaks and the continuation marks, so the user highlights the whole
 * statement at once and `text.slice(start, end)` still equals the quote.
 */

export type QuoteFamily = 'double' | 'single' | 'guillemet' | 'cjk' | 'interview';

export interface QuoteSpan {
  /** Index of the opening mark (the first answer character for interview answers). */
  open: number;
  /** The quoted words: text.slice(start, end), without marks or surrounding spaces. */
  start: number;
  end: number;
  /** Index just past the closing mark (equals `end` when the quote is never closed). */
  closeEnd: number;
  family: QuoteFamily;
  isClosed: boolean;
  /** The interview label ("A", "Cole") for answers in a Q&A. */
  label?: string;
}

export interface Paragraph {
  start: number;
  end: number;
}

export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /\n{2,}/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

const SPACE_RE = /\s/u;
const OPEN_CONTEXT_RE = /[\s([{—–\-/‘'“„«「]/u;
const CLOSE_CONTEXT_RE = /[\s.,;:!?)\]}—–\-…’'”»」]/u;

const isSpace = (ch: string | undefined) => ch === undefined || SPACE_RE.test(ch);
/** The mark at i sits where an opening mark would: after a space or bracket, before a word. */
const opensHere = (text: string, i: number) => (i === 0 || OPEN_CONTEXT_RE.test(text[i - 1]!)) && !isSpace(text[i + 1]);
/** The mark at i sits where a closing mark would: after a word, before a space or punctuation. */
const closesHere = (text: string, i: number) => i > 0 && !isSpace(text[i - 1]) && (i + 1 >= text.length || CLOSE_CONTEXT_RE.test(text[i + 1]!));

interface OpenState {
  family: Exclude<QuoteFamily, 'interview' | 'single'>;
  open: number;
  closer: string;
}

function openerAt(text: string, i: number): OpenState | null {
  const ch = text[i]!;
  switch (ch) {
    case '“':
    case '„':
    case '‟':
      return isSpace(text[i + 1]) ? null : { family: 'double', open: i, closer: '' };
    case '"':
      // A straight quote after a word and before a space is a closing mark or an inch sign.
      if (isSpace(text[i + 1]) || (closesHere(text, i) && !opensHere(text, i))) return null;
      return { family: 'double', open: i, closer: '' };
    case '”':
      return opensHere(text, i) ? { family: 'double', open: i, closer: '' } : null;
    case '«':
      return { family: 'guillemet', open: i, closer: '»' };
    case '»':
      return opensHere(text, i) ? { family: 'guillemet', open: i, closer: '«' } : null;
    case '「':
      return { family: 'cjk', open: i, closer: '」' };
    case '『':
      return { family: 'cjk', open: i, closer: '』' };
    default:
      return null;
  }
}

function closesState(text: string, i: number, state: OpenState): boolean {
  const ch = text[i]!;
  if (state.family === 'double') {
    if (ch === '”' || ch === '"') return true;
    // "„…“" closes with “; a stray “ in closing position closes too.
    if (ch === '“') return closesHere(text, i);
    return false;
  }
  return ch === state.closer;
}

/** An opening mark of the same family at the start of a paragraph continues a quotation. */
function continuesAt(text: string, i: number, state: OpenState): boolean {
  const ch = text[i];
  if (ch === undefined) return false;
  if (state.family === 'double') return ch === '“' || ch === '„' || ch === '"' || (ch === '”' && !isSpace(text[i + 1]));
  if (state.family === 'guillemet') return ch === (state.closer === '»' ? '«' : '»');
  return ch === '「' || ch === '『';
}

function trimmedSpan(text: string, from: number, to: number): [number, number] {
  let s = from;
  let e = to;
  while (s < e && SPACE_RE.test(text[s]!)) s++;
  while (e > s && SPACE_RE.test(text[e - 1]!)) e--;
  return [s, e];
}

/** At most this many paragraphs in one quotation; beyond it the marks are unbalanced, not prose. */
const MAX_CONTINUED_PARAGRAPHS = 12;

export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let state: OpenState | null = null;
  let paragraphsInQuote = 0;
  const emit = (closeAt: number, isClosed: boolean) => {
    if (!state) return;
    const [s, e] = trimmedSpan(text, state.open + 1, closeAt);
    if (e > s) spans.push({ open: state.open, start: s, end: e, closeEnd: isClosed ? closeAt + 1 : e, family: state.family, isClosed });
    state = null;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' && text[i + 1] === '\n') {
      let next = i + 2;
      while (text[next] === '\n') next++;
      if (state) {
        const current: OpenState = state;
        if (continuesAt(text, next, current) && paragraphsInQuote < MAX_CONTINUED_PARAGRAPHS) {
          paragraphsInQuote++;
          i = next; // skip the continuation mark
          continue;
        }
        emit(i, false);
      }
      i = next - 1;
      continue;
    }
    if (state) {
      if (closesState(text, i, state)) emit(i, true);
      continue;
    }
    const opened = openerAt(text, i);
    if (opened) {
      state = opened;
      paragraphsInQuote = 0;
    }
  }
  if (state) emit(text.length, false);
  return spans;
}

const LABEL_RE = /^(Q|A|Question|Answer|F|Frage|Antwort|R|Réponse|[\p{Lu}][\p{L}’'.-]*(?: [\p{Lu}][\p{L}’'.-]*){0,2})\s?:\s+(?=\S)/u;
const NOT_SPEAKER_LABELS = new Set(['note', 'update', 'correction', 'photo', 'source', 'editor’s note', "editor's note", 'related', 'read more', 'watch', 'listen', 'credit', 'disclosure', 'clarification', 'warning', 'caption', 'image']);

/**
 * Answers in an interview transcript ("Q: … / A: …" or "Hadley: … / Cole: …"): each answer paragraph
 * is a direct quotation of the interviewee, without quote marks. Returns spans with the answer's
 * label; the caller decides who the label names.
 */
export function findInterviewAnswers(text: string, paragraphs: Paragraph[]): { spans: QuoteSpan[]; questionLabel: string | null } {
  const labelled: { index: number; label: string; contentStart: number; endsWithQuestion: boolean }[] = [];
  paragraphs.forEach((p, index) => {
    const head = text.slice(p.start, Math.min(p.end, p.start + 80));
    const m = LABEL_RE.exec(head);
    if (!m) return;
    const label = m[1]!;
    if (NOT_SPEAKER_LABELS.has(label.toLowerCase())) return;
    labelled.push({ index, label, contentStart: p.start + m[0].length, endsWithQuestion: /\?\s*$/.test(text.slice(p.start, p.end)) });
  });
  const none = { spans: [], questionLabel: null };
  if (labelled.length < 4) return none;
  const counts = new Map<string, number>();
  for (const l of labelled) counts.set(l.label, (counts.get(l.label) ?? 0) + 1);
  let answerLabels: Set<string>;
  let questionLabel: string;
  const q = (counts.get('Q') ?? 0) + (counts.get('Question') ?? 0) + (counts.get('F') ?? 0) + (counts.get('Frage') ?? 0);
  const a = (counts.get('A') ?? 0) + (counts.get('Answer') ?? 0) + (counts.get('Antwort') ?? 0) + (counts.get('R') ?? 0) + (counts.get('Réponse') ?? 0);
  if (q >= 2 && a >= 2) {
    answerLabels = new Set(['A', 'Answer', 'Antwort', 'R', 'Réponse']);
    questionLabel = 'Q';
  } else {
    const frequent = [...counts.entries()].filter(([, n]) => n >= 2);
    if (frequent.length !== 2) return none;
    // Alternation: consecutive labelled paragraphs mostly switch speaker.
    let switches = 0;
    for (let i = 1; i < labelled.length; i++) if (labelled[i]!.label !== labelled[i - 1]!.label) switches++;
    if (switches < (labelled.length - 1) * 0.6) return none;
    const questionRate = (label: string) => {
      const own = labelled.filter((l) => l.label === label);
      return own.filter((l) => l.endsWithQuestion).length / own.length;
    };
    const [first, second] = frequent.map(([label]) => label) as [string, string];
    questionLabel = questionRate(first) >= questionRate(second) ? first : second;
    answerLabels = new Set([questionLabel === first ? second : first]);
  }
  const spans: QuoteSpan[] = [];
  for (let k = 0; k < labelled.length; k++) {
    const l = labelled[k]!;
    if (!answerLabels.has(l.label)) continue;
    const nextLabelled = labelled[k + 1]?.index ?? l.index + 1;
    // The answer paragraph plus unlabelled paragraphs before the next question.
    for (let pi = l.index; pi < nextLabelled; pi++) {
      const p = paragraphs[pi]!;
      const [s, e] = trimmedSpan(text, pi === l.index ? l.contentStart : p.start, p.end);
      if (e > s) spans.push({ open: s, start: s, end: e, closeEnd: e, family: 'interview', isClosed: true, label: l.label });
    }
  }
  return { spans, questionLabel };
}
