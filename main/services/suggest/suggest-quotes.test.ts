import { describe, expect, it } from 'vitest';
import { suggestQuotes } from './suggest-quotes';

/** The quotes as [text, speaker] pairs, checking the offsets invariant on the way. */
function pairs(text: string, options?: Parameters<typeof suggestQuotes>[1]): [string, string | null][] {
  const quotes = suggestQuotes(text, options);
  for (const q of quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
  return quotes.map((q) => [q.text, q.speaker]);
}

const one = (text: string, options?: Parameters<typeof suggestQuotes>[1]) => {
  const quotes = suggestQuotes(text, options);
  expect(quotes).toHaveLength(1);
  const q = quotes[0]!;
  expect(text.slice(q.start, q.end)).toBe(q.text);
  return q;
};

describe('quotation marks', () => {
  it('finds straight double quotes', () => {
    expect(pairs('Maya Lund chairs the board. "We are done waiting for the state," Lund said.')).toEqual([
      ['We are done waiting for the state,', 'Maya Lund'],
    ]);
  });

  it('finds curly double quotes', () => {
    expect(pairs('Maya Lund chairs the board. “We are done waiting for the state,” Lund said.')).toEqual([
      ['We are done waiting for the state,', 'Maya Lund'],
    ]);
  });

  it('finds French guillemets and trims the spaces inside them', () => {
    const q = one('Le maire, Paul Girard, a parlé mardi. « Nous allons construire cette ligne », a déclaré M. Girard.');
    expect(q.text).toBe('Nous allons construire cette ligne');
    expect(q.speaker).toBe('Paul Girard');
  });

  it('finds German low-high quotes', () => {
    const q = one('Die Bürgermeisterin Anja Vogt war zufrieden. „Wir haben lange auf diesen Tag gewartet“, sagte Vogt.');
    expect(q.text).toBe('Wir haben lange auf diesen Tag gewartet');
    expect(q.speaker).toBe('Anja Vogt');
  });

  it('finds Japanese corner brackets with the speaker before は', () => {
    const q = one('記者会見で鈴木一郎社長は「来年も投資を続けたい」と述べた。');
    expect(q.text).toBe('来年も投資を続けたい');
    expect(q.speaker).toBe('鈴木一郎');
  });

  it('is not confused by apostrophes', () => {
    const q = one('Niamh Walsh runs the pub. “I don’t think O’Brien’s band from the ’90s was ever that good,” Walsh said.');
    expect(q.text).toBe('I don’t think O’Brien’s band from the ’90s was ever that good,');
    expect(q.speaker).toBe('Niamh Walsh');
  });

  it('keeps nested single quotes inside the quotation', () => {
    const q = one('Ravi Menon was there. “He told me, ‘Never again,’ and he meant it,” Menon said.');
    expect(q.text).toBe('He told me, ‘Never again,’ and he meant it,');
  });

  it('returns a quotation that runs over paragraphs as one span', () => {
    const text = 'Dr. Hana Kim studies volcanoes.\n\n“The mountain is awake,” Kim said. “We see it in the gas.\n\n“We see it in the ground, too. It is time to prepare.”';
    const quotes = suggestQuotes(text);
    expect(quotes.map((q) => q.text)).toEqual(['The mountain is awake,', 'We see it in the gas.\n\n“We see it in the ground, too. It is time to prepare.']);
    expect(quotes.every((q) => q.speaker === 'Hana Kim')).toBe(true);
  });

  it('returns a quotation split by its attribution as two quotes with one speaker', () => {
    expect(pairs('Omar Reyes coaches the team. “We were slow,” Reyes said, “but we found a way.”')).toEqual([
      ['We were slow,', 'Omar Reyes'],
      ['but we found a way.', 'Omar Reyes'],
    ]);
  });
});

describe('attribution', () => {
  it('reads a cue verb before the quotation', () => {
    expect(pairs('Lena Fischer spoke last. She said: “This budget is a disgrace to the city.”')).toEqual([
      ['This budget is a disgrace to the city.', 'Lena Fischer'],
    ]);
  });

  it('reads "said X" after the quotation, with the apposition as role', () => {
    const q = one('“The controls were only as strong as the weakest distributor,” said Samuel Bresnick, a research fellow at Georgetown’s CSET.');
    expect(q.speaker).toBe('Samuel Bresnick');
    expect(q.speakerRole).toBe('research fellow at Georgetown’s CSET');
  });

  it('reads "X, a …, said" before a partial quotation', () => {
    const q = one('Samuel Bresnick, a research fellow at Georgetown’s CSET, said the rules were “long overdue and still too weak.”');
    expect(q.speaker).toBe('Samuel Bresnick');
    expect(q.speakerRole).toBe('research fellow at Georgetown’s CSET');
  });

  it('reads "according to X" on either side', () => {
    expect(pairs('According to Ines Duarte, the ferry was “never safe in winter weather.”')[0]?.[1]).toBe('Ines Duarte');
    expect(pairs('“The ferry was never safe in winter,” according to Ines Duarte, who sailed it for years.')[0]?.[1]).toBe('Ines Duarte');
  });

  it('reads "X told Reuters" and "X said in a statement"', () => {
    expect(pairs('“We will stay out until there is an offer,” union leader Adrian Kovac told Reuters.')[0]?.[1]).toBe('Adrian Kovac');
    expect(pairs('“We regret the delay and apologise to customers,” Nvidia said in a statement.')[0]?.[1]).toBe('Nvidia');
  });

  it('reads "X wrote on X"', () => {
    expect(pairs('“We are hiring eighty engineers this year,” Tessellate chief executive Omar Haddad wrote on X.')[0]?.[1]).toBe('Omar Haddad');
  });

  it('reads a participle cue as the main subject speaking', () => {
    expect(pairs('Governor Rita Sand vetoed the bill on Friday, saying it would “hurt the people it claims to protect.”')[0]?.[1]).toBe('Rita Sand');
  });

  it('reads a quotation introduced by a colon', () => {
    expect(pairs('Rita Sand has a rule for new staff. Her advice is simple: “Read everything twice before you sign it.”')[0]?.[1]).toBe('Rita Sand');
  });

  it('skips a party parenthetical after a name', () => {
    expect(pairs('Sen. Maria Ortiz (D-N.M.), who wrote the bill, said it was “the fairest deal anyone will get.”')[0]?.[1]).toBe('Maria Ortiz');
  });

  it('handles the passive voice without making the subject a speaker', () => {
    expect(pairs('The smaller glaciers have been declared “dead” by monitoring groups.')).toEqual([]);
  });
});

describe('name resolution', () => {
  it('resolves a surname to the full name mentioned earlier', () => {
    const text = 'Samuel Bresnick studies export controls. “It will not stop a determined smuggler,” Bresnick said.';
    expect(pairs(text)).toEqual([['It will not stop a determined smuggler,', 'Samuel Bresnick']]);
  });

  it('resolves he and she by gender to the last compatible subject', () => {
    const text =
      'Priya Raman advises chip distributors. Marcus Delaney speaks for the White House.\n\n' +
      '“Small firms will pay the price for this,” she said. “We do not telegraph our moves,” he said.';
    expect(pairs(text)).toEqual([
      ['Small firms will pay the price for this,', 'Priya Raman'],
      ['We do not telegraph our moves,', 'Marcus Delaney'],
    ]);
  });

  it('learns gender from pronouns used with a name', () => {
    const text =
      'Oluwaseun Bankole runs the hub, and she says demand is huge. Chukwuemeka Obi is one of the founders.\n\n' +
      '“We planned for three hundred applications,” she said.';
    expect(pairs(text)[0]?.[1]).toBe('Oluwaseun Bankole');
  });

  it('takes the name from "a <description>, <Name>," and the description as role', () => {
    const q = one('A White House spokesperson, Kush Desai, said the administration would “keep tightening where we see leakage.”');
    expect(q.speaker).toBe('Kush Desai');
    expect(q.speakerRole).toBe('White House spokesperson');
  });

  it('strips titles from names', () => {
    const text = 'Jensen Huang spoke first. Sen. Walter Brigg spoke next.\n\n“We will comply with every rule,” Mr. Huang said. “Close is not done,” said Sen. Brigg.';
    expect(pairs(text)).toEqual([
      ['We will comply with every rule,', 'Jensen Huang'],
      ['Close is not done,', 'Walter Brigg'],
    ]);
  });

  it('takes the name after a title run and keeps the title as role', () => {
    const q = one('“The rules are overdue and they are fair,” Commerce Secretary Howard Lutnick said.');
    expect(q.speaker).toBe('Howard Lutnick');
    expect(q.speakerRole).toBe('Commerce Secretary');
  });

  it('resolves "Secretary of the Interior <Name>"', () => {
    expect(pairs('“We need a mechanism that works in a drought year,” said Secretary of the Interior Alan Whitford.')[0]?.[1]).toBe('Alan Whitford');
  });

  it('attributes to organisations', () => {
    const text =
      'The Commerce Department tightened the rules on Thursday.\n\n“Companies that look the other way will face real penalties,” the department said in a statement.';
    expect(pairs(text)[0]?.[1]).toBe('Commerce Department');
  });

  it('resolves "the company" to the company named before', () => {
    const text = 'Lumora, the San Francisco start-up, showed its glasses. Lumora said the camera light is always on.\n\n“Privacy was a requirement from the first day,” the company said.';
    expect(pairs(text)[0]?.[1]).toBe('Lumora');
  });

  it('resolves a title used as a description ("the mayor") to the person holding it', () => {
    const text = 'Mayor Gregory Pham defended the cuts. Council member Robert Finch disagreed.\n\nThe mayor rejected that idea. “Spending reserves is how cities end up in trouble,” he said.';
    expect(pairs(text)[0]?.[1]).toBe('Gregory Pham');
  });

  it('attributes a spokesperson to the organisation and "the spokesperson" later to the same', () => {
    const text =
      'A spokesperson for the agriculture ministry said exports had fallen. “We are looking at other routes through the south,” the spokesperson said.';
    expect(pairs(text)[0]?.[1]).toBe('agriculture ministry');
  });

  it('attributes a possessive spokesperson to the owner', () => {
    const text = 'Governor Lisa Varner’s spokeswoman said the state would help. “No family should be stranded by this defect,” the spokeswoman said.';
    expect(pairs(text)[0]?.[1]).toBe('Lisa Varner');
  });

  it('keeps anonymous speakers as their description', () => {
    expect(pairs('“Everyone is scrambling for ships right now,” said one grain trader in Geneva, who asked not to be named.')[0]?.[1]).toBe('grain trader');
  });

  it('attributes "they" after a group to the group', () => {
    expect(pairs('Officials said the road would reopen soon. “We expect it to reopen by Friday at noon,” they said.')[0]?.[1]).toBe('Officials');
  });

  it('continues the speaker of the previous quotation for an unattributed quotation', () => {
    const text = '“The voters have spoken,” Daniel Ashby said.\n\n“I will help with the transition in every way I can.”';
    expect(pairs(text)).toEqual([
      ['The voters have spoken,', 'Daniel Ashby'],
      ['I will help with the transition in every way I can.', 'Daniel Ashby'],
    ]);
  });

  it('prefers a known speaker alias from the library', () => {
    const text = '“We are not going anywhere,” AOC said at the rally.';
    expect(pairs(text, { knownSpeakers: [{ name: 'Alexandria Ocasio-Cortez', aliases: ['AOC'] }] })[0]?.[1]).toBe('Alexandria Ocasio-Cortez');
  });

  it('does not take a dateline for a person', () => {
    const text = 'MARLOW FERRY — Every spring, Ruth Bell carries her furniture upstairs.\n\n“You learn the sounds of the river,” she said.';
    expect(pairs(text)[0]?.[1]).toBe('Ruth Bell');
  });

  it('reads French inverted attributions', () => {
    const text = 'La présidente, Claire Morel, a dénoncé un projet « mené sans concertation ». « Personne ne nous a demandé notre avis », a-t-elle affirmé.';
    expect(pairs(text)).toEqual([
      ['mené sans concertation', 'Claire Morel'],
      ['Personne ne nous a demandé notre avis', 'Claire Morel'],
    ]);
  });

  it('reads German "so X"', () => {
    expect(pairs('Thomas Brandl ist dagegen. „Das letzte Wort haben die Bürger“, so Brandl.')[0]?.[1]).toBe('Thomas Brandl');
  });
});

describe('what is not a quotation', () => {
  it('drops scare quotes', () => {
    expect(pairs('The company is betting on what the industry calls “ambient computing” and the so-called “AI PC.”')).toEqual([]);
  });

  it('drops titles of works, signs and slogans', () => {
    const text =
      'Her novel, “The Salt Road,” follows a family of farmers. Protesters held signs reading “Safe Staffing Saves Lives.” ' +
      'Ellison has said that “The Salt Road” is the first of two books.';
    expect(pairs(text)).toEqual([]);
  });

  it('drops short quotes without a cue verb but keeps them with one', () => {
    expect(pairs('Fans held up “Marsh out” banners last month.')).toEqual([]);
    expect(pairs('Ellen Marsh admitted her team had been “second best” for an hour.')).toEqual([['second best', 'Ellen Marsh']]);
  });

  it('keeps long unattributed speech with speaker null, but not a printed notice', () => {
    expect(pairs('Overheard in the line: “I had both of my kids at that hospital, and my daughter may not have that choice.”')).toEqual([
      ['I had both of my kids at that hospital, and my daughter may not have that choice.', null],
    ]);
    expect(pairs('A notice on the door read: “Due to the number of people wishing to testify, speakers are limited to three minutes.”')).toEqual([]);
    expect(pairs('Overheard in the line: “I had both of my kids at that hospital, and my daughter may not have that choice.”', { includeUnattributed: false })).toEqual([]);
  });
});

describe('interviews', () => {
  it('returns Q&A answers as quotations of the interviewee', () => {
    const text = [
      'Nadia Ferreira plans electricity grids. We spoke with Nadia Ferreira about connection queues.',
      'Q: Why are developers waiting so long?',
      'A: Because the studies are done one at a time, in a queue designed for a different century.',
      'Q: Is the answer more lines?',
      'A: More lines, yes, but also smarter use of the lines we already have, with sensors on them.',
    ].join('\n\n');
    const quotes = suggestQuotes(text);
    expect(quotes.map((q) => q.speaker)).toEqual(['Nadia Ferreira', 'Nadia Ferreira']);
    expect(quotes[0]!.text.startsWith('Because the studies')).toBe(true);
  });

  it('returns answers in a name-labelled transcript', () => {
    const text = [
      'Imogen Price runs the city’s libraries. Reporter Sam Hill spoke with her.',
      'Hill: What surprised you most?',
      'Price: How many people come in just to be somewhere warm and safe all day.',
      'Hill: Were late fees a mistake to abolish?',
      'Price: No. Fines mostly punished poor families, and the books come back anyway.',
    ].join('\n\n');
    expect(suggestQuotes(text).map((q) => q.speaker)).toEqual(['Imogen Price', 'Imogen Price']);
  });
});

describe('known speakers', () => {
  it('lets a name introduced in the article win over a library alias for a bare surname', () => {
    const text = 'Jane Smith runs the clinic. “We are full every single night,” Smith said.';
    expect(pairs(text, { knownSpeakers: [{ name: 'John Smith', aliases: ['Smith'] }] })[0]?.[1]).toBe('Jane Smith');
  });

  it('never gives a personal pronoun to an organisation the library knows', () => {
    const text = 'Dana Whitlock has piloted ships on the river for years. Reuters asked her about the channel.\n\n“It is too shallow for the new ships,” she said.';
    const reuters = { name: 'Reuters', aliases: [], kind: 'org' as const };
    expect(pairs(text, { knownSpeakers: [reuters] })[0]?.[1]).toBe('Dana Whitlock');
    const council = 'The Harrow Council met Danny Okafor on Monday.\n\n“We were told nothing about the plans for the site,” they said.';
    // "They" is a person or a group of people here, as he and she are; an organisation is "it".
    expect(pairs(council, { knownSpeakers: [{ name: 'Harrow Council', aliases: [], kind: 'org' }] })[0]?.[1]).toBe('Danny Okafor');
    expect(pairs(council)[0]?.[1]).toBe('Danny Okafor');
  });

  it('copes with thousands of library speakers', () => {
    const known = Array.from({ length: 5000 }, (_, i) => ({ name: `Person Number${i}`, aliases: [`Number${i}`] }));
    const t0 = performance.now();
    expect(pairs('“We are full every single night,” Number42 said.', { knownSpeakers: known })[0]?.[1]).toBe('Person Number42');
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
