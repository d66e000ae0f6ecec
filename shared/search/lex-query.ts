import { FILTER_KEYS, type FilterKey, type Span } from './query-ast';
import { QuerySyntaxError } from './query-error';

/** The query's tokens. Words keep their raw text; phrases and quoted filter values are unquoted. */
export type Token =
  | { kind: 'lparen' | 'rparen' | 'or' | 'and' | 'not' | 'neg'; span: Span }
  | { kind: 'word'; text: string; isPrefix: boolean; span: Span }
  | { kind: 'phrase'; text: string; isPrefix: boolean; span: Span }
  | { kind: 'filter'; key: FilterKey; value: string; valueSpan: Span; span: Span };

const isSpace = (c: string) => /\s/u.test(c);
const isWordChar = (c: string) => !isSpace(c) && c !== '(' && c !== ')' && c !== '"';
const KNOWN_KEYS = new Set<string>(FILTER_KEYS);
/** `letters:` at the start of a word looks like a filter; `https://…` and `10:30` do not. */
const FILTER_LIKE = /^([A-Za-z]{2,15}):/;

export function lexQuery(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;

  /** A quoted string starting at `open` (the `"`): its text, where it ends, and a trailing `*`. */
  const readQuoted = (open: number): { text: string; end: number; isPrefix: boolean } => {
    const close = input.indexOf('"', open + 1);
    if (close < 0) throw new QuerySyntaxError('Unclosed quote: add a closing " to end the phrase', open, n);
    let end = close + 1;
    let isPrefix = false;
    while (end < n && input[end] === '*') {
      isPrefix = true;
      end++;
    }
    return { text: input.slice(open + 1, close), end, isPrefix };
  };

  while (i < n) {
    const c = input[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', span: { start: i, end: i + 1 } });
      i++;
      continue;
    }
    if (c === '"') {
      const q = readQuoted(i);
      tokens.push({ kind: 'phrase', text: q.text, isPrefix: q.isPrefix, span: { start: i, end: q.end } });
      i = q.end;
      continue;
    }
    // A leading '-' right before something (not a space, not another '-') excludes it.
    const next = input[i + 1];
    if (c === '-' && next !== undefined && !isSpace(next) && next !== '-' && next !== ')') {
      tokens.push({ kind: 'neg', span: { start: i, end: i + 1 } });
      i++;
      continue;
    }

    const start = i;
    while (i < n && isWordChar(input[i]!)) i++;
    const raw = input.slice(start, i);
    const span = { start, end: i };

    if (raw === 'OR' || raw === '|') {
      tokens.push({ kind: 'or', span });
      continue;
    }
    if (raw === 'AND' || raw === '&&') {
      tokens.push({ kind: 'and', span });
      continue;
    }
    if (raw === 'NOT') {
      tokens.push({ kind: 'not', span });
      continue;
    }

    const filterLike = FILTER_LIKE.exec(raw);
    const value = filterLike ? raw.slice(filterLike[0].length) : '';
    if (filterLike && !value.startsWith('/')) {
      const key = filterLike[1]!.toLowerCase();
      if (!KNOWN_KEYS.has(key)) {
        throw new QuerySyntaxError(
          `Unknown filter "${filterLike[1]}:". Filters are ${FILTER_KEYS.map((k) => `${k}:`).join(' ')}; to search for the text itself, put it in quotes`,
          start,
          start + filterLike[0].length,
        );
      }
      const valueStart = start + filterLike[0].length;
      if (value === '' && input[i] === '"') {
        const q = readQuoted(i);
        tokens.push({ kind: 'filter', key: key as FilterKey, value: q.text, valueSpan: { start: i, end: q.end }, span: { start, end: q.end } });
        i = q.end;
        continue;
      }
      if (value === '') throw new QuerySyntaxError(`${key}: needs a value right after the colon, such as ${exampleOf(key as FilterKey)}`, start, i);
      tokens.push({ kind: 'filter', key: key as FilterKey, value, valueSpan: { start: valueStart, end: i }, span });
      continue;
    }

    let text = raw;
    let isPrefix = false;
    while (text.endsWith('*')) {
      text = text.slice(0, -1);
      isPrefix = true;
    }
    tokens.push({ kind: 'word', text, isPrefix, span });
  }
  return tokens;
}

export function exampleOf(key: FilterKey): string {
  switch (key) {
    case 'type': return 'type:quote';
    case 'speaker': return 'speaker:"Angela Merkel"';
    case 'stance': return 'stance:supports';
    case 'topic': return 'topic:"carbon tax"';
    case 'tag': return 'tag:draft';
    case 'site': return 'site:nytimes.com';
    case 'collection': return 'collection:thesis';
    case 'before': return 'before:2020';
    case 'after': return 'after:2019-06';
    case 'said': return 'said:2021-03-15';
  }
}
