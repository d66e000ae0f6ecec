import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileText } from '../../shared/search/compile-match';
import { parseQuery } from '../../shared/search/parse-query';
import { phrasesOf } from '../services/search/phrase-doc-counts';
import { hasRankFunction, loadRankExtension, rankExtensionPath } from './rank-extension';

// npm install builds the extension wherever there is a C compiler; only where there is none may it be missing.
const hasCompiler = process.platform !== 'win32' && spawnSync(process.env.CC || 'cc', ['--version']).status === 0;
const isBuilt = fs.existsSync(rankExtensionPath());

describe('rankExtensionPath', () => {
  it('names the file for the platform, outside app.asar in a packaged app', () => {
    expect(rankExtensionPath('/opt/sb', 'linux')).toBe('/opt/sb/native/sqlite-ext/sourcebook-rank.so');
    expect(rankExtensionPath('/Applications/Sourcebook.app/Contents/Resources/app.asar', 'darwin')).toBe(
      '/Applications/Sourcebook.app/Contents/Resources/app.asar.unpacked/native/sqlite-ext/sourcebook-rank.dylib',
    );
  });

  it('leaves a connection without it, saying so, where the file is missing or does not load', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      expect(loadRankExtension(db, '/nonexistent/sourcebook-rank.so')).toBe(false);
      expect(loadRankExtension(db, import.meta.filename)).toBe(false);
      expect(hasRankFunction(db)).toBe(false);
    } finally {
      db.close();
    }
  });

  it('is built wherever a C compiler is', () => {
    if (!hasCompiler) console.warn('skipped: no C compiler (cc) here, so npm install could not build the rank extension');
    expect(isBuilt || !hasCompiler).toBe(true);
  });
});

// Words with very different document frequencies (a few in almost every document, most rare), so
// idfs range from the clamped 1e-6 to large, over two columns of different weights.
const VOCABULARY = ['the', 'said', 'minister', 'tariff', 'tariffs', 'steel', 'harbour', 'vote', 'council', 'kelp', 'ferry', 'budget', 'strike', 'court', 'appeal', 'drought'];
const weightOf = (i: number) => 1 / (i + 1) ** 1.2;

function makeIndex(db: Database, docs: number, seed: number): void {
  db.exec("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')");
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const total = VOCABULARY.reduce((s, _, i) => s + weightOf(i), 0);
  const word = () => {
    let r = random() * total;
    for (let i = 0; i < VOCABULARY.length; i++) if ((r -= weightOf(i)) <= 0) return VOCABULARY[i]!;
    return VOCABULARY[0]!;
  };
  const text = (n: number) => Array.from({ length: n }, word).join(' ');
  const insert = db.prepare('INSERT INTO t(title, body) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < docs; i++) insert.run(text(2 + (i % 5)), text(10 + (i % 40)));
  })();
}

const countOf = (db: Database, phrase: string) => db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck().get(phrase) as number;
const exactCounts = (db: Database, match: string) => phrasesOf(match).map((p) => countOf(db, p)).join(' ');

describe.skipIf(!isBuilt)('sourcebook_bm25', () => {
  let db: Database;
  beforeAll(() => {
    db = new BetterSqlite3(':memory:');
    expect(loadRankExtension(db)).toBe(true);
    expect(hasRankFunction(db)).toBe(true);
    makeIndex(db, 600, 7);
  });
  afterAll(() => db.close());

  const ranks = (match: string, rank: string, counts: string | null = null) =>
    db.prepare(`SELECT rowid, ${rank} AS r FROM t WHERE t MATCH @match ORDER BY rowid`).all({ match, counts }) as { rowid: number; r: number }[];
  const builtIn = (match: string) => ranks(match, 'bm25(t, 10.0, 1.0)');
  const ours = (match: string, counts: string | null) => ranks(match, 'sourcebook_bm25(t, @counts, 10.0, 1.0)', counts);

  it('scores exactly as bm25 when given each phrase’s document count, for any query the search compiles', () => {
    // Queries as users type them: words, phrases, prefixes, OR, exclusions, groups.
    const term = fc.constantFrom(...VOCABULARY, 'tarif*', 'st*', 'cou*', '"the minister"', '"steel tariff"', 'zzz');
    const query = fc
      .tuple(term, fc.array(fc.tuple(fc.constantFrom('', '-', 'OR '), term), { maxLength: 4 }))
      .map(([first, rest]) => [first, ...rest.map(([op, t]) => op + t)].join(' '));
    fc.assert(
      fc.property(query, (text) => {
        let ast;
        try {
          ast = parseQuery(text);
        } catch {
          return; // what the parser refuses (`a OR -b`) never reaches SQLite
        }
        const match = compileText(ast.text, { loosePhrases: true }).match;
        if (match === null) return;
        const expected = builtIn(match);
        expect(ours(match, exactCounts(db, match))).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('counts a phrase itself, as bm25 does, where the counts are missing, "-" or do not fit the query', () => {
    const match = '("tariff" OR "steel") AND "the" NOT "kelp"';
    const expected = builtIn(match);
    expect(expected.length).toBeGreaterThan(10);
    for (const counts of [null, '- - - -', '- 5 - -'.replace('5', String(countOf(db, '"steel"'))), '1 2 3', '1 2 3 4 5', 'x y z w', '12a 1 1 1', '99999999999999999999 1 1 1']) {
      expect(ours(match, counts), String(counts)).toEqual(expected);
    }
  });

  it('leaves a phrase counted "x" out of the score: the same to the last bit as ranking without it', () => {
    // A search may find the rows with a phrase and rank them by its words (run-type.ts): `(phrase) AND (words)`.
    const cases: [string, string][] = [
      ['"the minister"', '"minister"'],
      ['"steel tariff" OR "kelp"', '("steel" AND "tariff") OR "kelp"'],
      ['"tariff" NOT "vote"', '"tariff" NOT "vote"'],
    ];
    for (const [phrase, without] of cases) {
      const match = `(${phrase}) AND (${without})`;
      const counts = [...phrasesOf(phrase).map(() => 'x'), ...phrasesOf(without).map((p) => String(countOf(db, p)))].join(' ');
      const rows = ours(match, counts);
      expect(rows.length).toBeGreaterThan(3);
      const byRowid = new Map(builtIn(without).map((r) => [r.rowid, r.r]));
      for (const row of rows) expect(row.r, `${match} row ${row.rowid}`).toBe(byRowid.get(row.rowid));
    }
  });

  it('stays a number when a count lags behind deleted rows (more hits than rows)', () => {
    const result = ours('"harbour"', '1000000');
    expect(result.length).toBeGreaterThan(0);
    for (const row of result) expect(Number.isFinite(row.r)).toBe(true);
  });

  it('uses the counts it is given (they are what makes it fast)', () => {
    // A count of half the rows weighs a word to ~0; a count of one, heavily: the order changes with it.
    const match = '"ferry" OR "said"';
    const rows = db.prepare('SELECT count(*) FROM t').pluck().get() as number;
    const top = (counts: string) => db.prepare('SELECT rowid FROM t WHERE t MATCH @match ORDER BY sourcebook_bm25(t, @counts, 10.0, 1.0), rowid LIMIT 5').pluck().all({ match, counts });
    expect(top(`1 ${rows}`)).not.toEqual(top(`${rows} 1`));
  });
});

describe.skipIf(!isBuilt)('sourcebook_bm25 keeping documents’ lengths (its table named last)', () => {
  let dir: string;
  let db: Database;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sizes-'));
    db = new BetterSqlite3(path.join(dir, 'sizes.db'));
    db.pragma('journal_mode = WAL');
    expect(loadRankExtension(db)).toBe(true);
    makeIndex(db, 3000, 11);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const MATCHES = ['"the"', '"said" OR "kelp"', '"tariff" NOT "vote"', '"the minister"', 'st*'];
  const scores = (connection: Database, match: string, named: boolean) =>
    connection
      .prepare(`SELECT rowid, sourcebook_bm25(t, @counts, 10.0, 1.0${named ? ", 't'" : ''}) AS r FROM t WHERE t MATCH @match ORDER BY rowid`)
      .all({ match, counts: exactCounts(connection, match) }) as { rowid: number; r: number }[];
  const blocks = (connection: Database) => connection.prepare('SELECT sourcebook_size_cache()').pluck().get() as number;
  /** Every query scores the same to the last bit with the lengths kept as FTS5 reads them, twice over (the second time from what was kept). */
  const expectSameScores = (connection: Database) => {
    for (const match of MATCHES) {
      const expected = scores(connection, match, false);
      expect(expected.length, match).toBeGreaterThan(0);
      expect(scores(connection, match, true), match).toEqual(expected);
      expect(scores(connection, match, true), match).toEqual(expected);
    }
  };

  it('scores as without them, reading the lengths of rows ranked close together in blocks', () => {
    expectSameScores(db);
    // 3000 rows fill 12 blocks of 256 rowids; "the" is in most rows, so every block was kept.
    expect(blocks(db)).toBeGreaterThanOrEqual(12);
  });

  it('forgets them when the library changes: its own writes, another connection’s, a rollback', () => {
    expectSameScores(db);
    const before = blocks(db);
    // New lengths for old rows, rows gone, rows added.
    db.prepare("UPDATE t SET body = body || ' the the the said' WHERE rowid % 7 = 0").run();
    db.prepare('DELETE FROM t WHERE rowid % 11 = 0').run();
    db.prepare("INSERT INTO t(title, body) VALUES ('the tariff', 'the steel said the minister')").run();
    expect(blocks(db)).toBe(before); // emptied by the next ranking statement, not before
    expectSameScores(db);

    const other = new BetterSqlite3(path.join(dir, 'sizes.db'));
    try {
      expect(loadRankExtension(other)).toBe(true);
      expectSameScores(other);
      db.prepare("UPDATE t SET title = 'the the the the the' WHERE rowid % 5 = 1").run();
      expectSameScores(other);
    } finally {
      other.close();
    }

    // Inside a transaction its uncommitted rows count, and nothing kept is used; after the rollback they are gone.
    db.transaction(() => {
      db.prepare("UPDATE t SET body = 'the' WHERE rowid % 3 = 0").run();
      expectSameScores(db);
    }).exclusive();
    expectSameScores(db);
    try {
      db.transaction(() => {
        db.prepare("UPDATE t SET body = 'said said' WHERE rowid % 2 = 0").run();
        expectSameScores(db);
        throw new Error('roll back');
      })();
    } catch (error) {
      expect((error as Error).message).toBe('roll back');
    }
    expectSameScores(db);
  });

  it('looks each row up itself when the name given is not its table, or has no lengths to read', () => {
    // Another table with rows of the same rowids, of other lengths.
    db.exec("CREATE VIRTUAL TABLE other_fts USING fts5(a, b); INSERT INTO other_fts(rowid, a, b) SELECT rowid, 'the', 'said' FROM t");
    db.exec("CREATE VIRTUAL TABLE nosize USING fts5(x, columnsize = 0)");
    for (const name of ['other_fts', 'nosize', 'missing', "t'; DROP TABLE t; --"]) {
      for (const match of MATCHES) {
        const named = db
          .prepare('SELECT rowid, sourcebook_bm25(t, @counts, 10.0, 1.0, @name) AS r FROM t WHERE t MATCH @match ORDER BY rowid')
          .all({ match, name, counts: exactCounts(db, match) });
        expect(named, `${name} ${match}`).toEqual(scores(db, match, false));
      }
    }
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBeGreaterThan(2000);
  });
});

describe.skipIf(!isBuilt)('sourcebook_rowids and sourcebook_has', () => {
  let db: Database;
  beforeAll(() => {
    db = new BetterSqlite3(':memory:');
    expect(loadRankExtension(db)).toBe(true);
    makeIndex(db, 200, 3);
  });
  afterAll(() => db.close());

  const bitmapOf = (rowids: unknown[]) => db.prepare('SELECT sourcebook_rowids(value) FROM json_each(?)').pluck().get(JSON.stringify(rowids)) as Buffer;
  const has = (bits: Uint8Array | null, rowid: number | bigint) => db.prepare('SELECT sourcebook_has(?, ?)').pluck().get(bits, rowid) as number;

  it('sets exactly the bits of the rowids given, whatever their order and repeats', () => {
    const rowids = [0, 1, 7, 8, 9, 4095, 4096, 32_769, 70_000, 9, 1];
    const bits = bitmapOf(rowids);
    expect(bits.length).toBeGreaterThan(70_000 / 8);
    const wanted = new Set(rowids);
    for (let r = 0; r < bits.length * 8; r++) {
      if (((bits[r >> 3]! >> (r & 7)) & 1) !== (wanted.has(r) ? 1 : 0)) throw new Error(`bit ${r}`);
    }
    for (const r of [0, 7, 4096, 70_000]) expect(has(bits, r)).toBe(1);
    for (const r of [2, 4094, 70_001]) expect(has(bits, r)).toBe(0);
  });

  it('answers 0 past the end, below 0, for an empty set and for NULL; skips non-integers', () => {
    const bits = bitmapOf([3, 'x', null, 2.5]);
    expect(has(bits, 3)).toBe(1);
    expect(has(bits, 2)).toBe(0);
    expect(has(bits, 10_000_000)).toBe(0);
    expect(has(bits, -1)).toBe(0);
    const empty = bitmapOf([]);
    expect(empty.length).toBe(0);
    expect(has(empty, 0)).toBe(0);
    expect(has(null, 0)).toBe(0);
  });

  it('refuses a rowid a bitmap cannot hold, as an error the caller can see', () => {
    expect(() => bitmapOf([1, 2 ** 40])).toThrow(/out of the bitmap's range/);
    expect(() => bitmapOf([-5])).toThrow(/out of the bitmap's range/);
  });

  it('filters a word search in the same statement', () => {
    const all = db.prepare("SELECT rowid FROM t WHERE t MATCH 'steel' ORDER BY rowid").pluck().all() as number[];
    const chosen = all.filter((_, i) => i % 3 === 0);
    expect(chosen.length).toBeGreaterThan(5);
    const found = db.prepare("SELECT rowid FROM t WHERE t MATCH 'steel' AND sourcebook_has(?, rowid) ORDER BY rowid").pluck().all(bitmapOf([...chosen, 100_000])) as number[];
    expect(found).toEqual(chosen);
  });
});

describe.skipIf(!isBuilt)('sourcebook_snippet', () => {
  let db: Database;
  // Prose: sentences of the vocabulary's words, ended by '.', ':' or ',', bodies from empty to a few hundred words.
  beforeAll(() => {
    db = new BetterSqlite3(':memory:');
    expect(loadRankExtension(db)).toBe(true);
    db.exec("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')");
    let state = 11;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const word = () => VOCABULARY[Math.floor(random() ** 2 * VOCABULARY.length)]!;
    const sentence = () => {
      const words = Array.from({ length: 4 + Math.floor(random() * 9) }, word);
      words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
      return `${random() < 0.1 ? '“' : ''}${words.join(' ')}${['.', ':', ',', '!'][Math.floor(random() * 4)]}`;
    };
    const insert = db.prepare('INSERT INTO t(title, body) VALUES (?, ?)');
    db.transaction(() => {
      insert.run('kelp harbour', '');
      insert.run('kelp harbour', ' … ');
      for (let i = 0; i < 300; i++) {
        const body = Array.from({ length: i % 40 }, sentence).join(i % 3 === 0 ? '\n\n' : ' ');
        insert.run(`${word()} ${word()}`, random() < 0.2 ? `  ${body} ”` : body);
      }
    })();
  });
  afterAll(() => db.close());

  const both = (match: string) =>
    db.prepare(`SELECT rowid, snippet(t, 1, '[', ']', '…', 24) AS fts5, sourcebook_snippet(t, 1, '[', ']', '…', 24) AS ours, body FROM t WHERE t MATCH ? ORDER BY rowid`)
      .all(match) as { rowid: number; fts5: string; ours: string; body: string }[];
  const tokens = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

  it('cuts snippet()’s snippet where the column fits the window, and from the same place for most longer ones', () => {
    let longer = 0;
    let same = 0;
    for (const match of ['"steel"', '"the"', '"kelp" OR "drought"', '"minister" "appeal"', '"tarif"*', '"the minister"', '"court" NOT "vote"']) {
      const rows = both(match);
      expect(rows.length, match).toBeGreaterThan(5);
      for (const { fts5, ours, body } of rows) {
        if (tokens(body).length <= 24) {
          expect(ours, `${match} in “${body}”`).toBe(fts5);
          continue;
        }
        longer++;
        if (ours === fts5) same++;
        // Always: the column's tokens in a row, as they stand in it, 24 of them unless it ends the
        // column (a window from a sentence start may), marked where snippet() marks one.
        const plain = ours.replace(/[[\]]/g, '');
        const inner = plain.replace(/^…|…$/g, '');
        expect(body).toContain(inner);
        if (plain.endsWith('…')) expect(tokens(plain)).toHaveLength(24);
        else expect(tokens(plain).length).toBeLessThanOrEqual(24);
        if (plain.endsWith('…')) expect(body.endsWith(inner)).toBe(false);
        else expect(body.endsWith(inner)).toBe(true);
        if (plain.startsWith('…')) expect(body.startsWith(inner)).toBe(false);
        else expect(body.startsWith(inner)).toBe(true);
        if (fts5.includes('[')) expect(ours).toContain('[');
      }
    }
    expect(longer).toBeGreaterThan(200);
    // It weighs fewer windows than snippet() (see the C source), so for a few it picks another window with the same matches.
    expect(same / longer).toBeGreaterThan(0.75);
  });

  it('marks a phrase as one match, and shows a column without a match from its start', () => {
    const phrase = both('"the minister"').find((r) => tokens(r.body).length > 24)!;
    expect(phrase.ours).toMatch(/\[the minister\]/i);
    // Matched in the title only: the body's opening, as snippet() cuts it.
    const titleOnly = both('{title}: "kelp"');
    expect(titleOnly.length).toBeGreaterThan(2);
    for (const { fts5, ours } of titleOnly) expect(ours).toBe(fts5);
    // An empty body: nothing; one without words: its text, as snippet() gives it.
    expect(titleOnly.slice(0, 2).map((r) => r.ours)).toEqual(['', ' … ']);
  });

  it('refuses a column it cannot cut from, or a window of no tokens', () => {
    expect(() => db.prepare("SELECT sourcebook_snippet(t, -1, '[', ']', '…', 24) FROM t WHERE t MATCH 'steel'").all()).toThrow(/bad column/);
    expect(() => db.prepare("SELECT sourcebook_snippet(t, 1, '[', ']', '…', 0) FROM t WHERE t MATCH 'steel'").all()).toThrow(/bad column/);
    expect(() => db.prepare("SELECT sourcebook_snippet(t, 1, '[', ']') FROM t WHERE t MATCH 'steel'").all()).toThrow(/arguments/);
  });
});

describe.skipIf(!isBuilt)('sourcebook_pairs', () => {
  let db: Database;
  beforeAll(() => {
    db = new BetterSqlite3(':memory:');
    expect(loadRankExtension(db)).toBe(true);
  });
  afterAll(() => db.close());
  const pairs = (text: string | null) => db.prepare('SELECT sourcebook_pairs(?)').pluck().get(text) as string;

  it('writes each two adjacent words as the word indexes hold them (stemmed, folded), first_second', () => {
    expect(pairs('The carbon taxes')).toBe('the_carbon carbon_tax');
    expect(pairs('Élan vital; e-mail  policy, 2026!')).toBe('elan_vital vital_e e_mail mail_polici polici_2026');
    expect(pairs('one')).toBe('');
    expect(pairs('')).toBe('');
    expect(pairs(null)).toBe('');
    expect(pairs('… — !')).toBe('');
  });

  it('sourcebook_words: the words alone, as the word indexes hold them', () => {
    const words = (text: string | null) => db.prepare('SELECT sourcebook_words(?)').pluck().get(text) as string;
    expect(words('The carbon taxes')).toBe('the carbon tax');
    expect(words('Élan; e-mail')).toBe('elan e mail');
    expect(words('thely')).toBe('theli');
    expect(words('')).toBe('');
    expect(words(null)).toBe('');
  });

  // Words and separators a clipped article holds: accents, apostrophes, hyphens, digits, case, CJK, emoji.
  const VOCABULARY = ['the', 'The', 'of', 'minister', 'ministers', 'Café', 'cafe', 'naïve', "don't", 'e-mail', 'running', 'runs', '2026', '東京', '🙂', 'tax', 'taxes', 'x_y'];
  const SEPARATORS = [' ', '  ', ', ', '. ', '\n', ' - ', '—'];

  it('finds a two-word phrase in exactly the documents where FTS5 finds it', () => {
    const word = fc.constantFrom(...VOCABULARY);
    const text = fc.array(fc.tuple(word, fc.constantFrom(...SEPARATORS)), { maxLength: 12 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
    let found = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 8 }), (docs, phrases) => {
        db.exec(`DROP TABLE IF EXISTS w; DROP TABLE IF EXISTS p;
          CREATE VIRTUAL TABLE w USING fts5(a, b, tokenize = 'porter unicode61 remove_diacritics 2');
          CREATE VIRTUAL TABLE p USING fts5(pairs, content = '', detail = none, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'");`);
        docs.forEach(([a, b], i) => {
          db.prepare('INSERT INTO w(rowid, a, b) VALUES (?, ?, ?)').run(i + 1, a, b);
          // Each column's pairs apart, as migration 0150's triggers write them: no pair spans two columns.
          db.prepare("INSERT INTO p(rowid, pairs) VALUES (?, sourcebook_pairs(?) || ' ' || sourcebook_pairs(?))").run(i + 1, a, b);
        });
        for (const [first, second] of phrases) {
          const pair = pairs(`${first} ${second}`);
          if (pair === '' || pair.includes(' ')) continue; // not two words once tokenized
          const phrase = `"${`${first} ${second}`.replace(/"/g, '""')}"`;
          const inWords = db.prepare('SELECT rowid FROM w WHERE w MATCH ? ORDER BY rowid').pluck().all(phrase);
          const inPairs = db.prepare('SELECT rowid FROM p WHERE p MATCH ? ORDER BY rowid').pluck().all(`"${pair}"`);
          expect(inPairs, `${phrase} in ${JSON.stringify(docs)}`).toEqual(inWords);
          found += inWords.length;
        }
      }),
      { numRuns: 300 },
    );
    expect(found).toBeGreaterThan(100);
  });
});
