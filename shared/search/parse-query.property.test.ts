import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileText } from './compile-match';
import { parseQuery } from './parse-query';
import { QuerySyntaxError } from './query-error';
import { leavesOf } from './query-ast';

/** Strings built from the query language's own pieces, so the parser's paths are all exercised. */
const piece = fc.oneof(
  fc.constantFrom('(', ')', '"', '-', '*', 'OR', 'AND', 'NOT', '|', ' ', '  ', ':', ',', 'NEAR(', '^', '+', '{title}:', '\0', '\u0002', '😀', '中国', '北京讨论'),
  fc.constantFrom('type:', 'speaker:', 'stance:', 'topic:', 'tag:', 'site:', 'collection:', 'before:', 'after:', 'said:', 'autor:'),
  fc.constantFrom('quote', 'supports', '2020', '2020-05', '2020-02-30', 'climate', 'carbon', 'tax', "'; DROP TABLE articles; --", 'https://x.org/a'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const queryish = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
const anyString = fc.oneof(queryish, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));

/**
 * The MATCH grammar this compiler may emit: quoted strings ("" escapes a quote), an optional `*`
 * after one, AND / OR / NOT, parentheses and single spaces. Nothing else, whatever the input.
 */
const MATCH_GRAMMAR = /^(?:"(?:[^"]|"")*"\*?|AND|OR|NOT|\(|\)| )+$/u;

/** Tokens outside the quoted strings: only operators and parentheses. */
function unquotedParts(match: string): string[] {
  return match.replace(/"(?:[^"]|"")*"\*?/gu, ' ').split(/[\s()]+/u).filter(Boolean);
}

describe('parseQuery (properties)', () => {
  it('turns any string into an AST or a positioned invalid-query error, never another exception', () => {
    fc.assert(
      fc.property(anyString, fc.boolean(), (input, prefixLastWord) => {
        try {
          const ast = parseQuery(input, { prefixLastWord });
          for (const leaf of leavesOf(ast.text)) {
            expect(leaf.span.start).toBeGreaterThanOrEqual(0);
            expect(leaf.span.end).toBeLessThanOrEqual(input.length);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(QuerySyntaxError);
          const e = error as QuerySyntaxError;
          expect(e.code).toBe('search/invalid-query');
          expect(e.position).toBeGreaterThanOrEqual(0);
          expect(e.position).toBeLessThanOrEqual(input.length);
          expect(e.end).toBeGreaterThanOrEqual(e.position);
          expect(e.end).toBeLessThanOrEqual(input.length + 1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('compiles every accepted query to MATCH text where each user token is inside double quotes', () => {
    fc.assert(
      fc.property(anyString, fc.boolean(), (input, prefixLastWord) => {
        let ast;
        try {
          ast = parseQuery(input, { prefixLastWord });
        } catch {
          return;
        }
        const { match, exclude } = compileText(ast.text);
        for (const m of [match, exclude]) {
          if (m === null) continue;
          expect(m).toMatch(MATCH_GRAMMAR);
          expect(m).not.toContain('\0');
          for (const part of unquotedParts(m)) expect(['AND', 'OR', 'NOT']).toContain(part);
        }
        // Every word the user wrote appears, quoted, in the output.
        for (const leaf of leavesOf(ast.text)) {
          expect(`${match ?? ''} ${exclude ?? ''}`).toContain(`"${leaf.text.replace(/\0/g, ' ').replace(/"/g, '""')}"`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('parses in bounded time, even for long hostile input', () => {
    const hostile = [
      '('.repeat(10_000),
      '"'.repeat(10_001),
      'a OR '.repeat(2_000),
      '-'.repeat(10_000),
      'x'.repeat(10_000),
      'tag:'.repeat(2_500),
      `${'a '.repeat(5_000)}`,
      '(a'.repeat(5_000),
    ];
    for (const input of hostile) {
      const started = performance.now();
      try {
        parseQuery(input, { prefixLastWord: true });
      } catch (error) {
        expect(error).toBeInstanceOf(QuerySyntaxError);
      }
      expect(performance.now() - started).toBeLessThan(500);
    }
    fc.assert(
      fc.property(fc.array(piece, { minLength: 200, maxLength: 600 }).map((p) => p.join('')), (input) => {
        const started = performance.now();
        try {
          parseQuery(input);
        } catch (error) {
          expect(error).toBeInstanceOf(QuerySyntaxError);
        }
        expect(performance.now() - started).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });
});
