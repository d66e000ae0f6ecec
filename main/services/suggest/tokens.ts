/** A word or punctuation token with absolute offsets into the article text. */
export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  isWord: boolean;
  /** Starts with an upper-case letter. */
  isCap: boolean;
}

// Dotted abbreviations ("U.S.", "a.m."), words with inner apostrophes or hyphens ("O’Brien",
// "a-t-elle", "Georgetown’s"), or a single non-space character.
const TOKEN_RE = /(?:\p{L}\.){2,}|[\p{L}\p{N}\p{M}]+(?:[’'\-‐][\p{L}\p{N}\p{M}]+)*\.?|[^\s\p{L}\p{N}\p{M}]/gu;

const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof sen rep gov gen lt col maj capt sgt cpl adm cmdr insp det supt rev fr hon pres atty st jr sr
  no vs etc inc corp ltd co mt ft approx dept univ est m mme mx messrs nos`.trim().split(/\s+/),
);
/** Abbreviations that never end a sentence because a name follows them. */
const TITLE_ABBREVIATIONS = new Set('mr mrs ms dr prof sen rep gov gen lt col maj capt sgt cpl adm cmdr insp det supt rev fr hon pres atty st m mme mx messrs no'.split(' '));

const CAP_RE = /^\p{Lu}/u;
const WORD_RE = /[\p{L}\p{N}]/u;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const slice = text.slice(from, to);
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(slice); m; m = TOKEN_RE.exec(slice)) {
    let value = m[0];
    const start = from + m.index;
    if (value.length > 1 && value.endsWith('.') && !/^(?:\p{L}\.){2,}$/u.test(value)) {
      const base = value.slice(0, -1);
      const keep = ABBREVIATIONS.has(base.toLowerCase()) || /^\p{Lu}$/u.test(base);
      if (!keep) {
        out.push(makeToken(base, start));
        out.push(makeToken('.', start + base.length));
        continue;
      }
    }
    out.push(makeToken(value, start));
    value = '';
  }
  return out;
}

function makeToken(text: string, start: number): Token {
  const isWord = WORD_RE.test(text);
  return { text, lower: text.toLowerCase(), start, end: start + text.length, isWord, isCap: isWord && CAP_RE.test(text) };
}

export function isTitleAbbreviation(token: Token): boolean {
  return token.text.endsWith('.') && TITLE_ABBREVIATIONS.has(token.lower.slice(0, -1));
}

const FINAL_PUNCT = new Set(['.', '!', '?', '…', '。', '！', '？']);
const OPENING_MARKS = new Set(['“', '"', '„', '«', '「', '『', '‘', '(', '[']);

/**
 * Indices i such that a sentence ends after tokens[i]. A full stop ends a sentence when the next
 * token starts with a capital, when a quotation opens right after it (`quoteFollows(i)`), or at
 * the end; "a.m." or "U.S." end one only before a word that typically opens a sentence.
 */
export function sentenceEnds(tokens: Token[], quoteFollows: (i: number) => boolean): Set<number> {
  const ends = new Set<number>();
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.text === '(') depth++;
    else if (t.text === ')') depth = Math.max(0, depth - 1);
    if (!t.isWord && FINAL_PUNCT.has(t.text)) {
      if (t.text === '。' || t.text === '！' || t.text === '？') ends.add(i);
      // "(D-N.M.)", "e.g.x": no sentence ends inside brackets or before a letter glued to the stop.
      else if (depth > 0 || (next && next.isWord && next.start === t.end && !quoteFollows(i))) continue;
      else if (!next || next.isCap || quoteFollows(i) || OPENING_MARKS.has(next.text) || (!next.isWord && next.text !== ',')) ends.add(i);
      continue;
    }
    if (t.isWord && t.text.endsWith('.') && !isTitleAbbreviation(t) && next && next.isCap && SENTENCE_OPENERS.has(next.lower)) {
      ends.add(i);
    }
  }
  return ends;
}

const SENTENCE_OPENERS = new Set(
  `the a an in on at he she they it we i but and his her their its this that these those there after
  before during when while as if although though since because meanwhile however still yet also later earlier
  last some many several other both all every each most asked speaking according one two three`.trim().split(/\s+/),
);
