import { SEARCH_TYPES, STANCE_VALUES, type DatePeriod, type Filter, type QueryAst, type SearchType, type Span, type StanceValue, type TextNode } from './query-ast';
import { exampleOf, lexQuery, type Token } from './lex-query';
import { QuerySyntaxError } from './query-error';

export interface ParseOptions {
  /**
   * Search-as-you-type: the last word, when the input does not end with a space, also matches as a
   * prefix ("clim" finds "climate"). Only words of 3+ characters, so one keystroke does not match
   * half the library.
   */
  prefixLastWord?: boolean;
}

/** More would make a slow query and usually means pasted text, not a search. */
export const MAX_QUERY_WORDS = 64;
const MAX_DEPTH = 24;
const AUTO_PREFIX_MIN = 3;

/** Searchable: a letter, digit or private-use character (what FTS5's unicode61 keeps as a token). */
const INDEXABLE = /[\p{L}\p{N}\p{Co}]/u;

/**
 * Parse the query language (QUERY-LANGUAGE.md) into an AST. Throws QuerySyntaxError
 * (`search/invalid-query`, with the position) for bad syntax, and nothing else: every string is
 * either a query or a positioned error. Runs in linear time in the input.
 */
export function parseQuery(input: string, options: ParseOptions = {}): QueryAst {
  const tokens = lexQuery(input);
  const parser = new Parser(tokens, input.length);
  const items = parser.parseSequence(0, false);
  const ignored = parser.ignored;

  const filters: Filter[] = [];
  const textItems: TextNode[] = [];
  for (const item of items) {
    if (item === null) continue;
    if (item.kind === 'filter') filters.push(item.filter);
    else if (item.kind === 'not' && item.child?.kind === 'filter') filters.push({ ...item.child.filter, isNegated: !item.child.filter.isNegated, span: { start: item.span.start, end: item.child.filter.span.end } });
    else textItems.push(toText(item));
  }
  let text = simplify(textItems.length === 0 ? null : textItems.length === 1 ? textItems[0]! : { kind: 'and', children: textItems });
  if (text) checkNegations(text, true);
  if (text && options.prefixLastWord) text = prefixLastWord(text, input);
  return { text, filters, ignored };
}

/** Parse-tree node: text nodes may still hold filters (rejected unless at the top) and gaps. */
type Item =
  | null
  | { kind: 'filter'; filter: Filter }
  | { kind: 'leaf'; node: TextNode }
  | { kind: 'group'; items: Item[]; span: Span }
  | { kind: 'or'; children: Item[]; span: Span }
  | { kind: 'not'; child: Item; span: Span };

class Parser {
  private i = 0;
  readonly ignored: Span[] = [];
  private words = 0;

  constructor(private readonly tokens: Token[], private readonly inputLength: number) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  /** Items ANDed together, up to the end (or a `)` when inside parentheses). */
  parseSequence(depth: number, isInParens: boolean): Item[] {
    const items: Item[] = [];
    for (let t = this.peek(); t; t = this.peek()) {
      if (t.kind === 'rparen') {
        if (isInParens) break;
        throw new QuerySyntaxError('Unmatched ")": remove it or add a "(" before it', t.span.start);
      }
      if (t.kind === 'and') {
        const next = this.tokens[this.i + 1];
        if (items.length === 0 || !next || !startsOperand(next)) throw new QuerySyntaxError('AND needs a word on each side', t.span.start, t.span.end);
        this.i++;
        continue;
      }
      items.push(this.parseOr(depth));
    }
    return items;
  }

  private parseOr(depth: number): Item {
    const first = this.parseUnary(depth);
    if (this.peek()?.kind !== 'or') return first;
    const children = [first];
    const start = spanOfItem(first)?.start ?? this.peek()!.span.start;
    while (this.peek()?.kind === 'or') {
      const or = this.tokens[this.i++]!;
      const next = this.peek();
      if (!next || !startsOperand(next)) throw new QuerySyntaxError('OR needs a word after it', or.span.start, or.span.end);
      children.push(this.parseUnary(depth));
    }
    const last = spanOfItem(children[children.length - 1]!);
    return { kind: 'or', children, span: { start, end: last?.end ?? start } };
  }

  private parseUnary(depth: number): Item {
    const t = this.peek();
    if (t && (t.kind === 'neg' || t.kind === 'not')) {
      this.i++;
      const next = this.peek();
      if (!next || !startsOperand(next)) {
        throw new QuerySyntaxError(t.kind === 'not' ? 'NOT needs a word after it' : 'Nothing after "-" to leave out', t.span.start, t.span.end);
      }
      if (depth > MAX_DEPTH) throw new QuerySyntaxError('Too many nested operators', t.span.start, t.span.end);
      const child = this.parseUnary(depth + 1);
      return { kind: 'not', child, span: { start: t.span.start, end: spanOfItem(child)?.end ?? t.span.end } };
    }
    return this.parsePrimary(depth);
  }

  private parsePrimary(depth: number): Item {
    const t = this.tokens[this.i++];
    if (!t) throw new QuerySyntaxError('The query ends too early', this.inputLength);
    switch (t.kind) {
      case 'lparen': {
        if (depth >= MAX_DEPTH) throw new QuerySyntaxError(`Too deeply nested parentheses (at most ${MAX_DEPTH})`, t.span.start);
        const items = this.parseSequence(depth + 1, true);
        const close = this.peek();
        if (!close || close.kind !== 'rparen') throw new QuerySyntaxError('Unclosed "(": add a ")" to close it', t.span.start, this.inputLength);
        this.i++;
        const span = { start: t.span.start, end: close.span.end };
        if (items.length === 0) throw new QuerySyntaxError('Empty parentheses: put words inside or remove them', span.start, span.end);
        return { kind: 'group', items, span };
      }
      case 'word':
      case 'phrase': {
        if (!INDEXABLE.test(t.text)) {
          this.ignored.push(t.span);
          return null;
        }
        if (++this.words > MAX_QUERY_WORDS) throw new QuerySyntaxError(`Too many words: use at most ${MAX_QUERY_WORDS}`, t.span.start, t.span.end);
        return t.kind === 'word'
          ? { kind: 'leaf', node: { kind: 'term', text: t.text, isPrefix: t.isPrefix, isAutoPrefix: false, span: t.span } }
          : { kind: 'leaf', node: { kind: 'phrase', text: t.text, isPrefix: t.isPrefix, span: t.span } };
      }
      case 'filter':
        return { kind: 'filter', filter: toFilter(t) };
      case 'rparen':
        throw new QuerySyntaxError('Unmatched ")": remove it or add a "(" before it', t.span.start);
      case 'or':
      case 'and':
        throw new QuerySyntaxError(`${t.kind.toUpperCase()} needs a word before it`, t.span.start, t.span.end);
      case 'neg':
      case 'not':
        // parseUnary consumes these; reaching here means a bug in the grammar, reported as a syntax error.
        throw new QuerySyntaxError('Unexpected "-"', t.span.start);
    }
  }
}

const startsOperand = (t: Token) => t.kind !== 'rparen' && t.kind !== 'or' && t.kind !== 'and';

function spanOfItem(item: Item): Span | undefined {
  if (!item) return undefined;
  switch (item.kind) {
    case 'filter': return item.filter.span;
    case 'leaf': return item.node.kind === 'term' || item.node.kind === 'phrase' ? item.node.span : undefined;
    default: return item.span;
  }
}

/** Text below the top level. Filters there are rejected: they always apply to the whole query. */
function toText(item: Exclude<Item, null>): TextNode {
  switch (item.kind) {
    case 'filter': {
      const { key, span } = item.filter;
      throw new QuerySyntaxError(`${key}: applies to the whole search; move it out of the parentheses or OR`, span.start, span.end);
    }
    case 'leaf':
      return item.node;
    case 'not': {
      if (item.child === null) return { kind: 'and', children: [] };
      return { kind: 'not', child: toText(item.child), span: item.span };
    }
    case 'group':
      return { kind: 'and', children: item.items.filter((x): x is Exclude<Item, null> => x !== null).map(toText) };
    case 'or':
      return { kind: 'or', children: item.children.filter((x): x is Exclude<Item, null> => x !== null).map(toText) };
  }
}

/** Drop empty groups (left by ignored words), flatten nested AND/OR, and cancel double negation. */
function simplify(node: TextNode | null): TextNode | null {
  if (!node) return null;
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return node;
    case 'not': {
      const child = simplify(node.child);
      if (!child) return null;
      return child.kind === 'not' ? child.child : { ...node, child };
    }
    case 'and':
    case 'or': {
      const children: TextNode[] = [];
      for (const c of node.children) {
        const s = simplify(c);
        if (!s) continue;
        if (s.kind === node.kind) children.push(...(s as typeof node).children);
        else children.push(s);
      }
      if (children.length === 0) return null;
      if (children.length === 1) return children[0]!;
      return { kind: node.kind, children };
    }
  }
}

const spanOf = (node: TextNode): Span => {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'not':
      return node.span;
    default: {
      const first = spanOf(node.children[0]!);
      const last = spanOf(node.children[node.children.length - 1]!);
      return { start: first.start, end: last.end };
    }
  }
};

/**
 * FTS5 can only leave things out of something that matches ("a NOT b"), so a group may not consist
 * of exclusions alone, and an exclusion cannot be one side of an OR. Only the whole query may be
 * exclusions alone (it then lists everything the filters select, minus those).
 */
function checkNegations(node: TextNode, isTop: boolean): void {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return;
    case 'not':
      checkNegations(node.child, false);
      return;
    case 'and': {
      if (!isTop && node.children.every((c) => c.kind === 'not')) {
        const span = spanOf(node);
        throw new QuerySyntaxError('A group of only -exclusions has nothing to exclude from: add a word to it', span.start, span.end);
      }
      for (const c of node.children) checkNegations(c, false);
      return;
    }
    case 'or':
      for (const c of node.children) {
        if (c.kind === 'not') {
          throw new QuerySyntaxError('An -exclusion cannot be one side of OR: write the OR, then the -word outside it', c.span.start, c.span.end);
        }
        checkNegations(c, false);
      }
  }
}

/** Mark the word being typed (the last one, not followed by a space) as a prefix. */
function prefixLastWord(root: TextNode, input: string): TextNode {
  if (/\s$/u.test(input)) return root;
  const end = input.length;
  const visit = (node: TextNode, isNegated: boolean): TextNode => {
    switch (node.kind) {
      case 'term':
        return !isNegated && !node.isPrefix && node.span.end === end && [...node.text].length >= AUTO_PREFIX_MIN
          ? { ...node, isPrefix: true, isAutoPrefix: true }
          : node;
      case 'phrase':
        return node;
      case 'not':
        return { ...node, child: visit(node.child, !isNegated) };
      case 'and':
      case 'or':
        return { ...node, children: node.children.map((c) => visit(c, isNegated)) };
    }
  };
  return visit(root, false);
}

// ---------- filters ----------

const TYPE_ALIASES: Record<string, SearchType> = Object.fromEntries(
  SEARCH_TYPES.flatMap((t) => [[t, t], [`${t}s`, t]]),
);
const STANCE_ALIASES: Record<string, StanceValue> = {
  supports: 'supports', support: 'supports', opposes: 'opposes', oppose: 'opposes', neutral: 'neutral', mixed: 'mixed',
};

function toFilter(t: Extract<Token, { kind: 'filter' }>): Filter {
  const base = { isNegated: false, span: t.span };
  const value = t.value.trim();
  if (!value) throw new QuerySyntaxError(`${t.key}: needs a value, such as ${exampleOf(t.key)}`, t.valueSpan.start, t.valueSpan.end);
  switch (t.key) {
    case 'type':
      return { ...base, key: 'type', values: listOf(value, t, TYPE_ALIASES, `use ${SEARCH_TYPES.map((x) => `type:${x}`).join(', ')}`) };
    case 'stance':
      return { ...base, key: 'stance', values: listOf(value, t, STANCE_ALIASES, `use ${STANCE_VALUES.map((x) => `stance:${x}`).join(', ')}`) };
    case 'before':
    case 'after':
    case 'said':
      return { ...base, key: t.key, period: parsePeriod(value, t) };
    default:
      return { ...base, key: t.key, value };
  }
}

function listOf<V extends string>(value: string, t: Extract<Token, { kind: 'filter' }>, allowed: Record<string, V>, hint: string): V[] {
  const out: V[] = [];
  for (const part of value.split(',')) {
    const v = allowed[part.trim().toLowerCase()];
    if (!v) throw new QuerySyntaxError(`Unknown ${t.key} "${part.trim()}": ${hint}`, t.valueSpan.start, t.valueSpan.end);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** YYYY, YYYY-MM or YYYY-MM-DD as a half-open period of ISO prefixes. */
export function parsePeriod(value: string, t: Extract<Token, { kind: 'filter' }>): DatePeriod {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  const bad = () => new QuerySyntaxError(`${t.key}: needs a date as YYYY, YYYY-MM or YYYY-MM-DD, such as ${exampleOf(t.key)}`, t.valueSpan.start, t.valueSpan.end);
  if (!m) throw bad();
  const year = Number(m[1]);
  if (m[2] === undefined) return { text: value, start: pad(year, 4), end: pad(year + 1, 4) };
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw bad();
  if (m[3] === undefined) {
    const next = month === 12 ? `${pad(year + 1, 4)}-01` : `${pad(year, 4)}-${pad(month + 1)}`;
    return { text: value, start: `${pad(year, 4)}-${pad(month)}`, end: next };
  }
  const day = Number(m[3]);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (day < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw bad();
  const next = new Date(date.getTime() + 86_400_000);
  const iso = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return { text: value, start: iso(date), end: iso(next) };
}
