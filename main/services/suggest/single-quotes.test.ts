/**
 * Single-quoted quotations (‘…’ and '…'): found when balanced and attributed, never made of
 * apostrophes. Every sentence here was written for this test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitParagraphs } from './quote-spans';
import { findSingleQuoteSpans } from './single-quotes';
import { suggestQuotes } from './suggest-quotes';

function pairs(text: string): [string, string | null][] {
  const quotes = suggestQuotes(text);
  for (const q of quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
  return quotes.map((q) => [q.text, q.speaker]);
}

const candidates = (text: string) => findSingleQuoteSpans(text, splitParagraphs(text), []).map((s) => text.slice(s.start, s.end));

describe('single-quoted quotations', () => {
  it.each([
    ['curly, cue after', 'Maya Lund chairs the board. ‘We are done waiting for the state,’ Lund said.', [['We are done waiting for the state,', 'Maya Lund']]],
    ['straight, cue after', "Maya Lund chairs the board. 'We are done waiting for the state,' Lund said.", [['We are done waiting for the state,', 'Maya Lund']]],
    ['cue before, with a colon', 'Anna Berg told the board: ‘We cannot go on like this.’', [['We cannot go on like this.', 'Anna Berg']]],
    ['"said X" after', '‘The tide tables are wrong again,’ said Colm Feeney, the harbour master.', [['The tide tables are wrong again,', 'Colm Feeney']]],
    ['a partial quotation', 'Tom Hale, the players’ union chief, said the offer was ‘an insult to every member’.', [['an insult to every member', 'Tom Hale']]],
    ['"according to"', 'According to Amira Haddad, the survey ‘ignored the people who use the path every day’.', [['ignored the people who use the path every day', 'Amira Haddad']]],
    [
      'a quotation split by its attribution',
      'Colin Marsh runs the shop. ‘They are closing a building that works,’ he said, ‘because the other one does not.’',
      [['They are closing a building that works,', 'Colin Marsh'], ['because the other one does not.', 'Colin Marsh']],
    ],
    [
      'a continuation after an attributed single quotation',
      "'We can't go on like this,' Anna Berg told the board. 'Something has to give.'",
      [["We can't go on like this,", 'Anna Berg'], ['Something has to give.', 'Anna Berg']],
    ],
  ])('finds one %s', (_name, text, expected) => {
    expect(pairs(text)).toEqual(expected);
  });

  it.each([
    ['contractions and names', 'Niamh Walsh said: ‘I don’t think O’Brien’s band was ever that good.’', 'I don’t think O’Brien’s band was ever that good.'],
    ['decades', "Niamh Walsh said: 'It's the '90s all over again, and the 90s' worst habits too.'", "It's the '90s all over again, and the 90s' worst habits too."],
    ['a plural possessive inside', '‘It was the fans’ day, not ours,’ said coach Ellen Marsh.', 'It was the fans’ day, not ours,'],
    ['rock ’n’ roll and ’em', 'Ellen Marsh said: ‘Rock ’n’ roll never died, you just stopped hearing ’em.’', 'Rock ’n’ roll never died, you just stopped hearing ’em.'],
    ['a decade right before the closing mark', 'Ellen Marsh said she was ‘a child of the ’90s’ and proud of it.', 'a child of the ’90s'],
  ])('keeps apostrophes inside the quotation: %s', (_name, text, quote) => {
    expect(suggestQuotes(text).map((q) => q.text)).toEqual([quote]);
  });

  it.each([
    ['possessives and a cue', 'The players’ union met the Joneses’ lawyer, and Anna Berg said nothing.'],
    ['straight possessives and a cue', "The players' union met the Joneses' lawyer, and Anna Berg said nothing."],
    ['decades and contractions', "Anna Berg says it's the '90s all over again, and the kids' bikes are back."],
    ['an elision opening and a possessive across a sentence end', "Anna Berg said the 'burbs were quiet. The Joneses' dog barked, she said."],
    ['a leading elision', 'In the ‘90s, James’ band played here, O’Brien said.'],
    ['a quoted headline without a cue', '‘We were never asked’: anger as the library closes its doors'],
    ['a short scare quote after an article', 'Anna Berg said the ‘new normal’ was here to stay.'],
  ])('finds nothing in %s', (_name, text) => {
    expect(pairs(text)).toEqual([]);
  });

  it('leaves single quotes nested in a double quotation to it, and double quotes nested in a single one to that', () => {
    expect(pairs('Ravi Menon was there. “He told me, ‘Never again,’ and he meant it,” Menon said.')).toEqual([
      ['He told me, ‘Never again,’ and he meant it,', 'Ravi Menon'],
    ]);
    expect(pairs('Ravi Menon was there. ‘He told me, “Never again,” and he meant it,’ Menon said.')).toEqual([
      ['He told me, “Never again,” and he meant it,', 'Ravi Menon'],
    ]);
  });

  it('closes at "s’ " only when nothing better closes later', () => {
    expect(candidates('‘Ask the farmers’ union,’ she said.')).toEqual(['Ask the farmers’ union,']);
    expect(candidates('He called them ‘the new Beatles’ and left.')).toEqual(['the new Beatles']);
    expect(candidates('‘Unpaid bills’ mount up. The Joneses’ house is empty.')).toEqual(['Unpaid bills']);
    expect(candidates('We met on the ‘new’ quay')).toEqual(['new']);
  });
});

describe('single quotes: properties', () => {
  // Words with apostrophes of every kind the articles use, and words that often sit near quotes.
  const APOSTROPHE_WORDS = [
    "don't", 'don’t', "can't", 'won’t', "O'Brien", 'O’Brien', "the 90s'", 'the 90s’', 'the ’90s', "the '90s", 'the ‘90s',
    "the players' union", 'the players’ union', "James's", 'James’', "the Joneses' dog", "rock 'n' roll", 'rock ’n’ roll',
    '’em', "'til", "it's", "Saturday's", 'the bakers’', 'the ’burbs', "the 'burbs", "class of '07",
  ];
  const PLAIN_WORDS = ['the', 'harbour', 'board', 'voted', 'on', 'Monday', 'ferry', 'fares', 'rose', 'again', 'and', 'then', 'we', 'were', 'late'];
  const CUES = ['said', 'told the board', 'added', 'says', 'she said', 'he added', 'Anna Berg said', 'according to Anna Berg'];
  const PUNCT = [',', '.', ';', ' —'];

  const sentence = fc
    .array(fc.oneof(fc.constantFrom(...APOSTROPHE_WORDS), fc.constantFrom(...PLAIN_WORDS), fc.constantFrom(...CUES)), { minLength: 1, maxLength: 14 })
    .chain((words) => fc.constantFrom(...PUNCT).map((p) => `${words.join(' ')}${p}`));

  it('never makes a quotation out of apostrophes, cue verbs or not', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 8 }), fc.boolean(), (sentences, twoParagraphs) => {
        const body = sentences.map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join(' ');
        const text = `Anna Berg runs the harbour board.${twoParagraphs ? '\n\n' : ' '}${body}`;
        expect(suggestQuotes(text)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  const PEOPLE = [
    { name: 'Anna Berg', ref: 'Berg' },
    { name: 'Siobhan O’Brien', ref: 'O’Brien' },
    { name: "Graham O'Neill", ref: "O'Neill" },
  ];
  const MARKS = [
    { open: '‘', close: '’' },
    { open: "'", close: "'" },
  ];
  // The words inside: any, but the first must not look like an elision (’em, '90s), and the last is
  // a plain lower-case word (so it reads as speech, not as a title), before the punctuation the
  // closing mark follows.
  const inside = fc
    .tuple(
      fc.constantFrom(...PLAIN_WORDS),
      fc.array(fc.oneof(fc.constantFrom(...APOSTROPHE_WORDS), fc.constantFrom(...PLAIN_WORDS)), { minLength: 2, maxLength: 12 }),
      fc.constantFrom('late', 'again', 'voted', 'rose'),
    )
    .map(([first, middle, last]) => [first.charAt(0).toUpperCase() + first.slice(1), ...middle, last].join(' '));

  it('finds a balanced, attributed quotation whole, with the speaker, whatever apostrophes it holds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PEOPLE), fc.constantFrom(...MARKS), inside, fc.integer({ min: 0, max: 2 }), (person, marks, words, shape) => {
        const intro = `${person.name} runs the harbour board.`;
        const { open, close } = marks;
        const [quote, sentence] =
          shape === 0
            ? [`${words},`, `${open}${words},${close} ${person.ref} said.`]
            : shape === 1
              ? [`${words},`, `${open}${words},${close} said ${person.ref}.`]
              : [`${words}.`, `${person.ref} told the board: ${open}${words}.${close}`];
        const text = `${intro} ${sentence}`;
        const found = suggestQuotes(text);
        expect(found.map((q) => [q.text, q.speaker])).toEqual([[quote, person.name]]);
        expect(text.slice(found[0]!.start, found[0]!.end)).toBe(quote);
      }),
      { numRuns: 400 },
    );
  });
});
