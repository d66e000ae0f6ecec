import { describe, expect, it } from 'vitest';
import { parseQuery } from './parse-query';
import { QuerySyntaxError } from './query-error';
import type { Filter, TextNode } from './query-ast';
import { compileText } from './compile-match';

/** The text tree in a compact form: words, "phrases", prefix*, (a | b), -x, [a b]. */
function show(node: TextNode | null): string {
  if (!node) return '∅';
  switch (node.kind) {
    case 'term': return `${node.text}${node.isPrefix ? '*' : ''}`;
    case 'phrase': return `"${node.text}"${node.isPrefix ? '*' : ''}`;
    case 'not': return `-${show(node.child)}`;
    case 'and': return `[${node.children.map(show).join(' ')}]`;
    case 'or': return `(${node.children.map(show).join(' | ')})`;
  }
}

const text = (q: string, options?: { prefixLastWord?: boolean }) => show(parseQuery(q, options).text);
const filters = (q: string) => parseQuery(q).filters.map(({ span: _span, ...f }) => f) as Partial<Filter>[];

function syntaxError(q: string): QuerySyntaxError {
  try {
    parseQuery(q);
  } catch (error) {
    expect(error).toBeInstanceOf(QuerySyntaxError);
    return error as QuerySyntaxError;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(q)}`);
}

describe('parseQuery: text', () => {
  it('reads words, phrases and prefixes', () => {
    expect(text('climate')).toBe('climate');
    expect(text('carbon tax')).toBe('[carbon tax]');
    expect(text('"carbon tax" levy')).toBe('["carbon tax" levy]');
    expect(text('clim*')).toBe('clim*');
    expect(text('"carbon ta"*')).toBe('"carbon ta"*');
  });

  it('binds OR tighter than the implicit AND, like web search', () => {
    expect(text('climate carbon OR emissions')).toBe('[climate (carbon | emissions)]');
    expect(text('a OR b OR c')).toBe('(a | b | c)');
    expect(text('a | b')).toBe('(a | b)');
    expect(text('(a b) OR c')).toBe('([a b] | c)');
  });

  it('reads exclusions, NOT and explicit AND', () => {
    expect(text('climate -garden')).toBe('[climate -garden]');
    expect(text('climate NOT garden')).toBe('[climate -garden]');
    expect(text('climate AND tax')).toBe('[climate tax]');
    expect(text('-(a OR b) c')).toBe('[-(a | b) c]');
    expect(text('--a')).toBe('--a'); // "--a" is a word (punctuation), not a double negation
    expect(text('-(-a)')).toBe('a');
  });

  it('keeps hyphenated words and URLs as words', () => {
    expect(text('covid-19 well-known')).toBe('[covid-19 well-known]');
    expect(text('https://example.com/x')).toBe('https://example.com/x');
    expect(text('10:30')).toBe('10:30');
  });

  it('skips what has nothing searchable, and says so', () => {
    const ast = parseQuery('* 😀 — climate ...');
    expect(show(ast.text)).toBe('climate');
    expect(ast.ignored).toHaveLength(4);
    expect(parseQuery('*').text).toBeNull();
    expect(parseQuery('   ').text).toBeNull();
    expect(show(parseQuery('"" x').text)).toBe('x');
  });

  it('makes the word being typed a prefix when asked', () => {
    expect(text('carbon clim', { prefixLastWord: true })).toBe('[carbon clim*]');
    expect(text('carbon clim ', { prefixLastWord: true })).toBe('[carbon clim]');
    expect(text('carbon cl', { prefixLastWord: true })).toBe('[carbon cl]');
    expect(text('carbon "clim"', { prefixLastWord: true })).toBe('[carbon "clim"]');
    expect(text('carbon -clim', { prefixLastWord: true })).toBe('[carbon -clim]');
    const last = parseQuery('carbon clim', { prefixLastWord: true }).text;
    expect(last?.kind === 'and' && last.children[1]?.kind === 'term' && last.children[1].isAutoPrefix).toBe(true);
  });

  it('records where each word is', () => {
    const ast = parseQuery('  carbon "tax levy"');
    expect(ast.text?.kind).toBe('and');
    const [a, b] = (ast.text as Extract<TextNode, { kind: 'and' }>).children;
    expect(a).toMatchObject({ kind: 'term', span: { start: 2, end: 8 } });
    expect(b).toMatchObject({ kind: 'phrase', span: { start: 9, end: 19 } });
  });
});

describe('parseQuery: filters', () => {
  it('reads every filter', () => {
    expect(filters('type:quote speaker:merkel stance:supports topic:"carbon tax" tag:draft site:nytimes.com collection:thesis')).toEqual([
      { key: 'type', values: ['quote'], isNegated: false },
      { key: 'speaker', value: 'merkel', isNegated: false },
      { key: 'stance', values: ['supports'], isNegated: false },
      { key: 'topic', value: 'carbon tax', isNegated: false },
      { key: 'tag', value: 'draft', isNegated: false },
      { key: 'site', value: 'nytimes.com', isNegated: false },
      { key: 'collection', value: 'thesis', isNegated: false },
    ]);
  });

  it('accepts lists, plurals, any case, and negation', () => {
    expect(filters('TYPE:quotes,Article -tag:draft stance:oppose,mixed')).toEqual([
      { key: 'type', values: ['quote', 'article'], isNegated: false },
      { key: 'tag', value: 'draft', isNegated: true },
      { key: 'stance', values: ['opposes', 'mixed'], isNegated: false },
    ]);
  });

  it('turns dates into half-open periods', () => {
    expect(filters('before:2020 after:2019-12 said:2020-02-28')).toEqual([
      { key: 'before', period: { text: '2020', start: '2020', end: '2021' }, isNegated: false },
      { key: 'after', period: { text: '2019-12', start: '2019-12', end: '2020-01' }, isNegated: false },
      { key: 'said', period: { text: '2020-02-28', start: '2020-02-28', end: '2020-02-29' }, isNegated: false },
    ]);
    expect(filters('said:2021-12-31')[0]).toMatchObject({ period: { start: '2021-12-31', end: '2022-01-01' } });
    expect(filters('said:0050-01-01')[0]).toMatchObject({ period: { start: '0050-01-01', end: '0050-01-02' } });
  });

  it('keeps filters apart from the text', () => {
    const ast = parseQuery('climate tag:energy -garden');
    expect(show(ast.text)).toBe('[climate -garden]');
    expect(ast.filters).toHaveLength(1);
    expect(parseQuery('tag:energy').text).toBeNull();
  });
});

describe('parseQuery: errors carry a position', () => {
  it.each([
    ['"unclosed phrase', 0, 'Unclosed quote'],
    ['climate (carbon', 8, 'Unclosed "("'],
    ['climate)', 7, 'Unmatched ")"'],
    ['OR climate', 0, 'OR needs a word before it'],
    ['climate OR', 8, 'OR needs a word after it'],
    ['climate OR OR tax', 8, 'OR needs a word after it'],
    ['AND', 0, 'AND needs a word'],
    ['climate -', -1, ''],
    ['NOT', 0, 'NOT needs a word after it'],
    ['()', 0, 'Empty parentheses'],
    ['autor:smith', 0, 'Unknown filter "autor:"'],
    ['tag:', 0, 'tag: needs a value'],
    ['type:podcast', 5, 'Unknown type "podcast"'],
    ['stance:maybe', 7, 'Unknown stance'],
    ['before:2020-13', 7, 'YYYY, YYYY-MM or YYYY-MM-DD'],
    ['after:2021-02-29', 6, 'YYYY, YYYY-MM or YYYY-MM-DD'],
    ['said:yesterday', 5, 'YYYY, YYYY-MM or YYYY-MM-DD'],
    ['(tag:x climate)', 1, 'applies to the whole search'],
    ['a OR tag:x', 5, 'applies to the whole search'],
    ['a OR -b', 5, 'cannot be one side of OR'],
    ['a (-b -c) OR d', 3, 'only -exclusions'],
  ])('%j → at %i', (query, position, message) => {
    if (position < 0) {
      // "climate -" is a word and a lone dash: the dash is punctuation, skipped.
      expect(show(parseQuery(query).text)).toBe('climate');
      return;
    }
    const error = syntaxError(query);
    expect(error.code).toBe('search/invalid-query');
    expect(error.position).toBe(position);
    expect(error.details).toMatchObject({ position });
    expect(error.message).toContain(message);
    expect(error.message).toContain(`column ${position + 1}`);
  });

  it('limits the number of words and the nesting depth', () => {
    expect(syntaxError(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ')).message).toContain('Too many words');
    expect(syntaxError(`${'('.repeat(40)}a${')'.repeat(40)}`).message).toContain('nested');
    expect(syntaxError(`${'-'.repeat(3)}${'NOT '.repeat(40)}a`).message).toContain('nested');
  });
});

describe('compileText', () => {
  const compile = (q: string) => compileText(parseQuery(q).text);

  it('quotes every token', () => {
    expect(compile('climate')).toEqual({ match: '"climate"', exclude: null });
    expect(compile('clim* "carbon tax"')).toEqual({ match: '("clim"* AND "carbon tax")', exclude: null });
    expect(compile('a b OR c -d -e')).toEqual({ match: '(("a" AND ("b" OR "c")) NOT ("d" OR "e"))', exclude: null });
    expect(compile('NEAR(a b)').match).toBe('("NEAR" AND "a" AND "b")');
  });

  it('escapes quotes and NUL inside tokens', () => {
    expect(compileText({ kind: 'term', text: 'a"b\0c', isPrefix: false, isAutoPrefix: false, span: { start: 0, end: 5 } }).match).toBe('"a""b c"');
  });

  it('leaves a query of exclusions alone to the caller', () => {
    expect(compile('-draft -old')).toEqual({ match: null, exclude: '("draft" OR "old")' });
    expect(compile('-draft')).toEqual({ match: null, exclude: '"draft"' });
  });

  it('adds stems of the word being typed', () => {
    const ast = parseQuery('politic', { prefixLastWord: true });
    expect(compileText(ast.text, { autoPrefixAlternatives: () => ['polit'] }).match).toBe('("politic"* OR "polit")');
    expect(compileText(ast.text, { autoPrefixAlternatives: () => ['polit*'] }).match).toBe('("politic"* OR "polit"*)');
  });

  it('writes positive phrases as their words for ranking, and keeps excluded phrases exact', () => {
    const loose = (q: string) => compileText(parseQuery(q).text, { loosePhrases: true }).match;
    expect(loose('"carbon  tax" levy -"tax cut"')).toBe('((("carbon" AND "tax") AND "levy") NOT "tax cut")');
    expect(loose('"carbon tax" OR "fuel duty"')).toBe('(("carbon" AND "tax") OR ("fuel" AND "duty"))');
    expect(loose('"carbon"')).toBe('"carbon"');
  });

  it('leaves words bm25 does not weigh out of the ranking query, never the last one and never from an OR', () => {
    const rank = (q: string) => compileText(parseQuery(q).text, { loosePhrases: true, isRankNoise: (w) => w === 'the' || w === 'of' }).match;
    expect(rank('"the carbon tax" levy')).toBe('(("carbon" AND "tax") AND "levy")');
    expect(rank('the levy -"the tax"')).toBe('("levy" NOT "the tax")');
    expect(rank('"the of"')).toBe('("the" AND "of")');
    expect(rank('the OR levy')).toBe('("the" OR "levy")');
    expect(rank('the*  levy')).toBe('("the"* AND "levy")');
    // Only when ranking.
    expect(compileText(parseQuery('the levy').text, { isRankNoise: () => true }).match).toBe('("the" AND "levy")');
  });

  it('ranks a group of noise words by its least common word alone, when told how common each is', () => {
    const share: Record<string, number> = { the: 0.98, of: 0.9, after: 0.7 };
    const rank = (q: string) =>
      compileText(parseQuery(q).text, { loosePhrases: true, isRankNoise: (w) => w in share, commonness: (w) => share[w]! }).match;
    expect(rank('"the of"')).toBe('"of"');
    expect(rank('"after the" levy')).toBe('("after" AND "levy")');
    expect(rank('the after of')).toBe('"after"');
    // A group with a word that is not noise keeps that word, as before.
    expect(rank('"the levy of"')).toBe('"levy"');
    // What matches stays exact.
    expect(compileText(parseQuery('"the of"').text, { isRankNoise: () => true, commonness: () => 1 }).match).toBe('"the of"');
  });

  it('drops prefixes for trigram indexes', () => {
    expect(compileText(parseQuery('clim*').text, { isTrigram: true }).match).toBe('"clim"');
  });
});
