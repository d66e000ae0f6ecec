/**
 * The query language in brief, for the in-app help popover (and anything else that explains it).
 * The full reference is QUERY-LANGUAGE.md beside this file; keep the two in step.
 */
export interface SyntaxHelpEntry {
  example: string;
  meaning: string;
}

export const SYNTAX_HELP: { title: string; entries: SyntaxHelpEntry[] }[] = [
  {
    title: 'Words',
    entries: [
      { example: 'carbon tax', meaning: 'both words, in any order ("taxes" also finds "tax")' },
      { example: '"carbon tax"', meaning: 'the exact phrase' },
      { example: 'clim*', meaning: 'words starting with clim' },
      { example: 'carbon OR levy', meaning: 'either word (OR binds tighter than the space)' },
      { example: 'carbon -farm', meaning: 'leave out what mentions farm (also NOT farm)' },
      { example: '(levy OR tax) fuel', meaning: 'grouping' },
    ],
  },
  {
    title: 'Filters',
    entries: [
      { example: 'type:quote', meaning: 'only quotes (article, quote, note, speaker, topic; type:quote,article for both)' },
      { example: 'speaker:"Angela Merkel"', meaning: 'quotes by this speaker (name or alias; part of a name works too)' },
      { example: 'stance:supports', meaning: 'items whose current stance is supports, opposes, neutral or mixed' },
      { example: 'topic:"carbon tax"', meaning: 'items with a stance on that topic (with stance:, that stance on it)' },
      { example: 'tag:draft', meaning: 'items with this tag' },
      { example: 'site:nytimes.com', meaning: 'articles (and their quotes) from this site: its name or its address' },
      { example: 'collection:thesis', meaning: 'items in this collection' },
      { example: 'before:2020 after:2019-06', meaning: 'dated before / after the period (YYYY, YYYY-MM or YYYY-MM-DD)' },
      { example: 'said:2021-03-15', meaning: 'quotes said in that period' },
      { example: '-tag:draft', meaning: 'a filter with - in front leaves its items out' },
    ],
  },
];
